// A case's state at a glance: 在办 / 转入评查 / 已结, and the warnings 长期未结 and 逾期 (past its target date).
import { statusNames, type LongPendingRow } from './long-pending-types';

export function CaseTags({ c }: { c: Pick<LongPendingRow, 'status' | 'longPending' | 'overdue'> }) {
  return (
    <>
      <span class={c.status === 'closed' ? 'tag tag-green' : c.status === 'review' ? 'tag tag-blue' : 'tag'}>
        {statusNames[c.status]}
      </span>{' '}
      {c.longPending && c.status !== 'closed' && <span class="tag tag-yellow">长期未结</span>}{' '}
      {c.overdue && <span class="tag tag-red">逾期</span>}
    </>
  );
}
