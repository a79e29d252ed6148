// A task's due date with its colour: red when overdue, amber when due today.
import { dueState, formatDateTime } from '../../shell/format';

export function DueTag({ due, done = false }: { due: string | null; done?: boolean }) {
  if (!due) return <span class="muted">无期限</span>;
  const state = done ? 'later' : dueState(due);
  const label = state === 'overdue' ? '已逾期' : state === 'today' ? '今天到期' : null;
  return (
    <span class={`due due-${state}`}>
      {formatDateTime(due)}
      {label && <span class={`tag tag-${state}`}>{label}</span>}
    </span>
  );
}
