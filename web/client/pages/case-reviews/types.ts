export interface Share {
  unitCode: string;
  unitName: string;
  batches: number;
  sampled: number;
  enterpriseRelated: number;
  share: number | null;
  target: number | null;
  met: boolean | null;
  batchIds: number[];
}

export interface BatchRow {
  id: number;
  title: string;
  reviewedOn: string;
  unit: { code: string; shortName: string };
  sampled: number;
  enterpriseRelated: number;
  problems: number;
  raised: number;
}

export interface Overview {
  range: { from: string; to: string };
  shares: Share[];
  batches: BatchRow[];
}

export interface Sample {
  id: number;
  caseNumber: string;
  enterpriseRelated: boolean;
  problem: string | null;
  ledgerItem: { id: number; number: string; status: string } | null;
}

export interface Batch {
  id: number;
  title: string;
  reviewedOn: string;
  unit: { id: number; code: string; shortName: string };
  samples: Sample[];
}

export interface UnitOption {
  code: string;
  name: string;
  shortName: string;
  kind: string;
}
