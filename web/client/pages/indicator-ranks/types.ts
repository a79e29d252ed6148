// The 全市位次 API's answers (domain/indicators/rank-history.ts).
export interface RankRecord {
  id: number;
  period: string;
  value: number | null;
  cityRank: number;
  rankedCount: number;
  note: string | null;
  enteredBy: string;
  enteredAt: string;
  correctedAt: string | null;
  advanced: boolean;
  ledgerItemId: number | null;
}

export interface RankedIndicator {
  code: string;
  name: string;
  source: string;
  advancedRank: number;
  owners: { code: string; name: string }[];
  latest: RankRecord | null;
  history: RankRecord[];
}

export interface RankRecordDetail extends RankRecord {
  indicator: {
    code: string;
    name: string;
    advancedRank: number | null;
    owners: { code: string; name: string }[];
  };
  trail: { at: string; by: string; action: string; before: unknown; after: unknown }[];
}

export const recordHref = (id: number) => `/indicator-ranks/records/${id}`;
export const rankText = (r: { cityRank: number; rankedCount: number }) =>
  `第${r.cityRank}名/共${r.rankedCount}`;
