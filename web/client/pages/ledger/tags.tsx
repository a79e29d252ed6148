// The small marks the ledger pages share: the warning colour, the deadline (red when overdue) and the state.
import { formatDate } from '../../shell/format';
import type { LedgerRow } from './types';

const colorClass = { none: '', blue: 'tag-blue', yellow: 'tag-yellow', red: 'tag-red' } as const;

export function ColorTag({ row }: { row: Pick<LedgerRow, 'color' | 'colorLabel'> }) {
  return <span class={`tag ${colorClass[row.color]}`}>{row.colorLabel}</span>;
}

export function DueDate({ row }: { row: Pick<LedgerRow, 'dueAt' | 'overdue'> }) {
  return row.overdue ? (
    <span class="tag tag-overdue" title="已超期">
      {formatDate(row.dueAt)} 已超期
    </span>
  ) : (
    <span>{formatDate(row.dueAt)}</span>
  );
}

export function StatusTag({ row }: { row: Pick<LedgerRow, 'status' | 'statusLabel'> }) {
  return <span class={row.status === 'closed' ? 'tag tag-green' : 'tag'}>{row.statusLabel}</span>;
}
