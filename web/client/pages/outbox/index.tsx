// 发件箱: every mail the system sends, newest first, with its state — 待发送, 已发送, 发送失败 with the reason —
// its recipients and what it concerns. Unit users see their unit's mails; an admin can resend a failed one
// from its page.
import { useLocation } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { formatDateTime } from '../../shell/format';
import { statusClass, type OutboxList } from './types';

const tabs = [
  { value: '', label: '全部' },
  { value: 'pending', label: '待发送' },
  { value: 'sent', label: '已发送' },
  { value: 'failed', label: '发送失败' },
] as const;

export default function OutboxPage() {
  const { query: q, route } = useLocation();
  const status = q.status ?? '';
  const { data, error, reload } = useApi<OutboxList>(`/api/outbox${query({ status, limit: 200 })}`, {
    intervalMs: 30_000,
  });
  return (
    <section>
      <PageHeader title="发件箱" subtitle="系统发出的全部邮件和工作群通知及其发送状态，每30秒刷新" />
      <nav class="tabs" aria-label="按状态筛选">
        {tabs.map((t) => (
          <a
            key={t.value}
            href={`/outbox${query({ status: t.value })}`}
            aria-current={status === t.value ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              route(`/outbox${query({ status: t.value })}`, true);
            }}
          >
            {t.label}
            {data && t.value ? `（${data.counts[t.value] ?? 0}）` : ''}
          </a>
        ))}
      </nav>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && data.rows.length === 0 && (
        <Empty
          title={status === 'failed' ? '没有发送失败的邮件' : '没有邮件'}
          hint="催办、通知、周报汇总等邮件和工作群通知发出后会显示在这里。"
        />
      )}
      {data && data.rows.length > 0 && (
        <div class="table-wrap">
          <table class="data outbox-table">
            <thead>
              <tr>
                <th scope="col">生成时间</th>
                <th scope="col">类型</th>
                <th scope="col">主题</th>
                <th scope="col">渠道</th>
                <th scope="col">收件人</th>
                <th scope="col">相关单位</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{m.kind}</td>
                  <td class="cell-text">
                    <a href={`/outbox/${m.id}`}>{m.subject}</a>
                  </td>
                  <td>{m.channelLabel}</td>
                  <td class="cell-text">{[...m.recipients.to, ...m.recipients.cc].join('、') || '—'}</td>
                  <td>{m.unit ?? '—'}</td>
                  <td>
                    <span class={`tag ${statusClass[m.status]}`}>{m.statusLabel}</span>
                    {m.status === 'sent' && <span class="muted"> {formatDateTime(m.sentAt)}</span>}
                    {m.status !== 'sent' && m.attempts > 0 && (
                      <span class="muted"> 已尝试{m.attempts}次</span>
                    )}
                    {m.lastError && <p class="field-error">原因：{m.lastError}</p>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
