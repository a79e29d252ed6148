// One mail (or group-chat notice) of the outbox: state and reason, channel, recipients, attachments and the
// text as sent; an admin resends a failed one here (it goes back in the queue and is sent within seconds).
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api, ApiError } from '../../shell/api';
import { formatDateTime } from '../../shell/format';
import { useUser } from '../../shell/session';
import { statusClass, type OutboxMessage } from './types';

const size = (b: number) =>
  b >= 1048576 ? `${(b / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} KB`;

export default function OutboxMessagePage() {
  const { params } = useRoute();
  const user = useUser();
  const { data, error, reload } = useApi<OutboxMessage>(`/api/outbox/${encodeURIComponent(params.id)}`);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (error && !data)
    return (
      <section>
        <PageHeader title="邮件" />
        <ErrorNotice error={error} retry={reload} />
      </section>
    );
  if (!data) return <Loading />;
  const m = data;
  const resend = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await api.post(`/api/outbox/${m.id}/resend`);
      setMessage({ kind: 'success', text: '已重新加入发送队列，稍后自动发送。' });
      reload();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? (err.detail ?? err.title) : String(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <PageHeader
        title={m.subject}
        documentTitle={`${m.subject} · 发件箱`}
        subtitle={
          <>
            <span class={`tag ${statusClass[m.status]}`}>{m.statusLabel}</span> {m.kind} · {m.channelLabel}
          </>
        }
        actions={
          <>
            <a class="btn" href="/outbox">
              返回发件箱
            </a>
            {user.role === 'admin' && m.status !== 'sent' && (
              <button type="button" class="btn btn-primary" disabled={busy} onClick={resend}>
                {busy ? '正在处理…' : '重新发送'}
              </button>
            )}
          </>
        }
      />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {m.lastError && <Notice kind="error">发送失败原因：{m.lastError}</Notice>}
      <div class="card">
        <dl class="facts">
          <dt>渠道</dt>
          <dd>{m.channelLabel}</dd>
          <dt>收件人</dt>
          <dd>{m.recipients.to.join('、') || '—'}</dd>
          <dt>抄送</dt>
          <dd>{m.recipients.cc.join('、') || '—'}</dd>
          <dt>生成时间</dt>
          <dd>{formatDateTime(m.createdAt)}</dd>
          <dt>发送时间</dt>
          <dd>{formatDateTime(m.sentAt)}</dd>
          <dt>尝试次数</dt>
          <dd>{m.attempts}</dd>
          {m.status === 'pending' && (
            <>
              <dt>下次尝试</dt>
              <dd>{formatDateTime(m.nextAttemptAt)}</dd>
            </>
          )}
          <dt>相关单位</dt>
          <dd>{m.unit ?? '—'}</dd>
          <dt>相关记录</dt>
          <dd>{m.relatedHref ? <a href={m.relatedHref}>查看</a> : '—'}</dd>
        </dl>
      </div>
      <div class="card">
        <h2>附件</h2>
        {m.attachments.length === 0 ? (
          <p class="muted">无附件</p>
        ) : (
          <ul class="plain-list">
            {m.attachments.map((a, i) => (
              <li key={i}>
                {a.fileName} <span class="muted">（{size(a.sizeBytes)}）</span>
              </li>
            ))}
          </ul>
        )}
        <h2>正文</h2>
        <pre class="mail-text">{m.text}</pre>
      </div>
    </section>
  );
}
