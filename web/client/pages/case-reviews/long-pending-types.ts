export type LongPendingStatus = 'pending' | 'review' | 'closed';

export interface LongPendingRow {
  id: number;
  caseNumber: string;
  caseType: 'civil' | 'commercial';
  parties: string;
  enterprise: string;
  filedOn: string;
  handler: string | null;
  plan: string | null;
  targetOn: string | null;
  status: LongPendingStatus;
  closedOn: string | null;
  closingMethod: string | null;
  pendingDays: number;
  longPending: boolean;
  overdue: boolean;
  ledgerItem: { id: number; number: string; status: string } | null;
}

export interface LongPendingFigures {
  thresholdMonths: number;
  registered: number;
  open: number;
  longPending: number;
  clearedInPeriod: number;
  clearanceRate: number | null;
  overdue: number;
}

export interface LongPendingRegister {
  range: { from: string; to: string };
  figures: LongPendingFigures;
  cases: LongPendingRow[];
}

export interface LongPendingEvent {
  id: number;
  kind: 'registered' | 'progress' | 'updated' | 'review' | 'ledger' | 'closed';
  content: string;
  actorLabel: string;
  actorName: string;
  createdAt: string;
}

export interface LongPendingCase extends LongPendingRow {
  events: LongPendingEvent[];
  reviewSample: { id: number; batch: { id: number; title: string } } | null;
}

export const caseTypeNames = { civil: '民事', commercial: '商事' } as const;
export const statusNames: Record<LongPendingStatus, string> = {
  pending: '在办',
  review: '转入评查',
  closed: '已结',
};
export const closingMethodNames: Record<string, string> = {
  judgment: '判决',
  mediation: '调解',
  withdrawal: '撤诉',
  enforced: '执行完毕',
  other: '其他',
};
export const eventNames: Record<LongPendingEvent['kind'], string> = {
  registered: '登记入册',
  progress: '清理进展',
  updated: '修改登记信息',
  review: '转入评查',
  ledger: '立为整改事项',
  closed: '结案',
};
