// One long-pending case: its facts and how long it has been pending, what the court or the office may do while it
// is open (edit, progress, close, 即时整改), and its timeline from registration to closing.
import { useState } from 'preact/hooks';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { formatDate, formatDateTime } from '../../shell/format';
import { LongPendingDialog } from './long-pending-dialog';
import { CloseForm, ProgressForm, RaiseForm, ReviewForm } from './long-pending-forms';
import { CaseTags } from './long-pending-tags';
import { caseTypeNames, closingMethodNames, eventNames, type LongPendingCase } from './long-pending-types';
import type { BatchRow, UnitOption } from './types';

export function LongPendingDetail({
  id,
  mayChange,
  batches,
  units,
  onChanged,
}: {
  id: number;
  mayChange: boolean;
  batches: BatchRow[];
  units: UnitOption[];
  onChanged(): void;
}) {
  const loaded = useApi<LongPendingCase>(`/api/case-reviews/long-pending/${id}`);
  const [editing, setEditing] = useState(false);
  if (loaded.error) return <ErrorNotice error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const c = loaded.data;
  const changed = () => {
    loaded.reload();
    onChanged();
  };
  const open = mayChange && c.status !== 'closed';
  return (
    <div class="card" id="long-pending-detail" aria-label={`案件 ${c.caseNumber}`}>
      <h2>
        {c.caseNumber} <CaseTags c={c} />
      </h2>
      <dl class="facts">
        <dt>案件类型</dt>
        <dd>{caseTypeNames[c.caseType]}</dd>
        <dt>当事人</dt>
        <dd>{c.parties}</dd>
        <dt>涉及企业</dt>
        <dd>{c.enterprise}</dd>
        <dt>立案日期</dt>
        <dd>
          {formatDate(c.filedOn)}（{c.status === 'closed' ? '历时' : '已'} {c.pendingDays} 天）
        </dd>
        <dt>承办法官/部门</dt>
        <dd>{c.handler ?? '—'}</dd>
        <dt>清理措施</dt>
        <dd class="cell-text">{c.plan ?? '—'}</dd>
        <dt>目标结案日期</dt>
        <dd>{formatDate(c.targetOn)}</dd>
        {c.closedOn && (
          <>
            <dt>结案</dt>
            <dd>
              {formatDate(c.closedOn)}，{closingMethodNames[c.closingMethod ?? ''] ?? c.closingMethod}
            </dd>
          </>
        )}
        <dt>评查</dt>
        <dd>{c.reviewSample ? `已转入“${c.reviewSample.batch.title}”` : '—'}</dd>
        <dt>整改事项</dt>
        <dd>{c.ledgerItem ? <a href={`/ledger/${c.ledgerItem.id}`}>{c.ledgerItem.number}</a> : '—'}</dd>
      </dl>
      {open && (
        <>
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => setEditing(true)}>
              修改登记信息
            </button>
          </div>
          <div class="grid-2">
            <section>
              <h3>记录清理进展</h3>
              <ProgressForm id={c.id} onDone={changed} />
            </section>
            <section>
              <h3>结案</h3>
              <CloseForm id={c.id} onDone={changed} />
            </section>
            {!c.reviewSample && (
              <section>
                <h3>即时整改：转入评查</h3>
                <ReviewForm id={c.id} batches={batches} onDone={changed} />
              </section>
            )}
            {!c.ledgerItem && (
              <section>
                <h3>即时整改：立为整改事项</h3>
                <RaiseForm id={c.id} units={units} onDone={changed} />
              </section>
            )}
          </div>
        </>
      )}
      <h3>办理经过</h3>
      {c.events.length === 0 ? (
        <Empty title="尚无记录" />
      ) : (
        <ol class="timeline" id="long-pending-timeline">
          {c.events.map((e) => (
            <li key={e.id} class={e.kind === 'closed' ? 'timeline-closed' : undefined}>
              <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
              <strong>{eventNames[e.kind] ?? e.kind}</strong> <span class="muted">{e.actorName}</span>
              <p class="cell-text">{e.content}</p>
            </li>
          ))}
        </ol>
      )}
      {editing && (
        <LongPendingDialog
          editing={c}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            changed();
          }}
        />
      )}
    </div>
  );
}
