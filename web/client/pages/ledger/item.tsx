// One ledger item: what, who and by when, its warning colour and round, where its process stands (a link to
// the instance page), its evidence files, the timeline from opening to 销号, and a progress note for the units
// and the office while it is open.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api, ApiError } from '../../shell/api';
import { formatDate, formatDateTime } from '../../shell/format';
import { useUser } from '../../shell/session';
import { ColorTag, DueDate, StatusTag } from './tags';
import type { LedgerItemDetail } from './types';

const sizeText = (bytes: number) =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

function ProgressForm({ id, onSaved }: { id: number; onSaved(): void }) {
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.post(`/api/ledger-items/${id}/progress-notes`, { content });
      setContent('');
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fields.content ?? err.detail ?? err.title) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card no-print" onSubmit={submit}>
      <h2>填报整改进展</h2>
      {saved && <Notice kind="success">进展已保存。</Notice>}
      <div class={error ? 'field field-invalid' : 'field'}>
        <label for="progress-content">本次进展</label>
        <textarea
          id="progress-content"
          rows={4}
          value={content}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'progress-error' : undefined}
          onInput={(e) => setContent((e.target as HTMLTextAreaElement).value)}
        />
        {error && (
          <p id="progress-error" class="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? '正在保存…' : '保存进展'}
        </button>
      </div>
    </form>
  );
}

export default function LedgerItemPage() {
  const { params } = useRoute();
  const user = useUser();
  const item = useApi<LedgerItemDetail>(`/api/ledger/items/${encodeURIComponent(params.id)}`);
  if (item.error && !item.data) {
    return (
      <section>
        <PageHeader title="整改事项" />
        <ErrorNotice error={item.error} retry={item.reload} />
        <p>
          <a href="/ledger">返回整改台账</a>
        </p>
      </section>
    );
  }
  if (!item.data) return <Loading />;
  const d = item.data;
  const mayReport = user.role !== 'leader' && user.role !== 'admin' && d.status !== 'closed';
  return (
    <section class="ledger-item">
      <PageHeader
        title={`整改事项 ${d.number}`}
        documentTitle={`${d.number} · 整改台账`}
        subtitle={
          <>
            <StatusTag row={d} /> <ColorTag row={d} /> 第{d.round}轮整改
          </>
        }
        actions={
          <>
            <a class="btn" href="/ledger">
              返回台账
            </a>
            <button type="button" class="btn" onClick={() => window.print()}>
              打印
            </button>
          </>
        }
      />
      <div class="grid-2">
        <div class="card">
          <h2>基本情况</h2>
          <dl class="facts">
            <dt>问题来源</dt>
            <dd>
              {d.sourceLabel}
              {d.sourceRef ? `（${d.sourceRef}）` : ''}
            </dd>
            <dt>问题描述</dt>
            <dd class="cell-text">{d.problem}</dd>
            <dt>整改措施</dt>
            <dd class="cell-text">{d.measures ?? '—'}</dd>
            <dt>责任单位</dt>
            <dd>{d.leadUnit.name}</dd>
            <dt>协办单位</dt>
            <dd>{d.assistingUnits.length ? d.assistingUnits.map((u) => u.shortName).join('、') : '—'}</dd>
            <dt>完成时限</dt>
            <dd>
              <DueDate row={d} />
              {d.originalDueAt !== d.dueAt && (
                <span class="muted">（原定 {formatDate(d.originalDueAt)}）</span>
              )}
            </dd>
            <dt>联络人</dt>
            <dd>{d.liaisonName ? `${d.liaisonName} ${d.liaisonPhone ?? ''}` : '—'}</dd>
            <dt>销号日期</dt>
            <dd>{formatDate(d.closedAt)}</dd>
          </dl>
        </div>
        <div class="card">
          <h2>流程位置</h2>
          {d.processInstanceKey ? (
            <p>
              <a href={`/instances/${d.processInstanceKey}`}>查看流程图与办理经过</a>
            </p>
          ) : (
            <p class="muted">该事项未关联流程实例（例如由台账导入）。</p>
          )}
          {d.pendingExtension && (
            <Notice kind="warning">
              延期申请待审批：申请延至 {formatDate(d.pendingExtension.requestedDueAt)}，理由：
              {d.pendingExtension.reason}
            </Notice>
          )}
          <h2>佐证材料</h2>
          {d.attachments.length === 0 ? (
            <p class="muted">尚未上传佐证材料。</p>
          ) : (
            <ul class="plain-list">
              {d.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/api/attachments/${a.id}/content`} download>
                    {a.fileName}
                  </a>{' '}
                  <span class="muted">
                    （{sizeText(a.sizeBytes)}，{formatDateTime(a.createdAt)}）
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {mayReport && <ProgressForm id={d.id} onSaved={item.reload} />}
      <div class="card">
        <h2>办理经过</h2>
        {d.timeline.length === 0 ? (
          <Empty title="尚无记录" />
        ) : (
          <ol class="timeline">
            {d.timeline.map((t, i) => (
              <li key={i} class={`timeline-${t.kind}`}>
                <time dateTime={t.at}>{formatDateTime(t.at)}</time>
                <strong>{t.title}</strong>
                {t.round && t.round > 1 ? <span class="tag">第{t.round}轮</span> : null}
                {t.detail && <p class="cell-text">{t.detail}</p>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
