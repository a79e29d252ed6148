// The Chinese names of the ledger's sources, states and colours — one table for the list, the filters, the
// Excel export and the import (which reads the same names back).
import type { LedgerColor, LedgerSource, LedgerStatus } from '../../../prisma/generated/sqlite/client';

export const sourceLabels: Record<LedgerSource, string> = {
  weekly_meeting: '周例会',
  coordination_meeting: '协调会',
  complaint: '信访投诉',
  overdue_petition: '信访超期',
  case_review: '案件评查',
  supervision: '专班督办',
};

export const statusLabels: Record<LedgerStatus, string> = {
  open: '待下发',
  notified: '已下发督办通知',
  acknowledged: '已签收',
  rectifying: '整改中',
  verifying: '核查中',
  closed: '已销号',
};

export const colorLabels: Record<LedgerColor, string> = {
  none: '正常',
  blue: '蓝色预警',
  yellow: '黄色预警',
  red: '红色预警',
};

/** The key whose label is `label`, or undefined. */
export function keyOfLabel<K extends string>(labels: Record<K, string>, label: string): K | undefined {
  const wanted = label.trim();
  return (Object.keys(labels) as K[]).find((k) => labels[k] === wanted || k === wanted);
}

export const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
