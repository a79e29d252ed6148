// What the ledger API answers, as the pages read it.
export interface Option {
  value: string;
  label: string;
}

export interface LedgerOptions {
  sources: Option[];
  statuses: Option[];
  colors: Option[];
  units: Option[];
}

export interface UnitRef {
  code: string;
  shortName: string;
}

export interface LedgerRow {
  id: number;
  number: string;
  source: string;
  sourceLabel: string;
  sourceRef: string | null;
  problem: string;
  measures: string | null;
  leadUnit: UnitRef & { name: string };
  assistingUnits: UnitRef[];
  dueAt: string;
  overdue: boolean;
  color: 'none' | 'blue' | 'yellow' | 'red';
  colorLabel: string;
  round: number;
  status: string;
  statusLabel: string;
  closedAt: string | null;
  lastProgress: { content: string; at: string } | null;
  processInstanceKey: string | null;
}

export interface LedgerPage {
  total: number;
  rows: LedgerRow[];
}

export interface TimelineEntry {
  at: string;
  kind: string;
  title: string;
  detail?: string | null;
  round?: number;
}

export interface LedgerItemDetail extends LedgerRow {
  category: string | null;
  originalDueAt: string;
  noticeIssuedAt: string | null;
  acknowledgedAt: string | null;
  liaisonName: string | null;
  liaisonPhone: string | null;
  createdAt: string;
  pendingExtension: { reason: string; requestedDueAt: string } | null;
  attachments: { id: number; fileName: string; mediaType: string; sizeBytes: number; createdAt: string }[];
  timeline: TimelineEntry[];
}
