export interface MeasureScore {
  measure: string;
  label: string;
  numerator: number;
  denominator: number;
  share: number;
  score: number | null;
}

export interface DimensionScore {
  code: string;
  name: string;
  weight: number;
  manual: boolean;
  score: number | null;
  points: number;
  note: string | null;
  measures: MeasureScore[];
  entry: {
    score: number;
    reason: string;
    enteredBy: string;
    enteredByName: string;
    enteredAt: string;
  } | null;
}

export interface UnitScore {
  rank: number;
  unitCode: string;
  unitName: string;
  total: number;
  incomplete: boolean;
  dimensions: DimensionScore[];
}

export interface AssessmentTable {
  period: { key: string; label: string; from: string; to: string };
  rules: {
    dimensions: { code: string; name: string; weight: number; manual: boolean }[];
    publicityTargetPerQuarter: number;
  };
  generatedAt: string;
  rows: UnitScore[];
}

export interface TracedRecord {
  kind: string;
  id: number;
  label: string;
  detail: string;
  counted: boolean;
  href: string | null;
}

export interface Sanction {
  id: number;
  unitCode: string;
  unitName: string;
  kind: string;
  kindLabel: string;
  reward: boolean;
  reason: string;
  basis: string;
  decidedBy: string;
  decidedOn: string;
  attachment: { id: number; fileName: string } | null;
  ledgerItem: { id: number; number: string } | null;
  enteredBy: string;
  enteredByName: string;
  enteredAt: string;
}
