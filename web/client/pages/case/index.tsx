// A coordination case (/cases/<id>): the case's facts, its coordination meetings, and — for the office while
// the case waits for its meeting — 会议改期 in the same 可办理事项 card as the instance and task pages. The
// process itself (diagram, history) is one link away on the instance page.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { formatDateTime } from '../../shell/format';
import { MessageActions, type OfferedForm } from '../instance/message-form';
import { FactList } from '../../components/facts';

interface CaseData {
  id: number;
  number: string;
  enterpriseName: string;
  status: string;
  processInstanceKey: string | null;
  rows: [string, string][];
  meetings: {
    sequence: number;
    scheduledAt: string | null;
    place: string | null;
    chair: string | null;
    state: string;
    rescheduleCount: number;
  }[];
  actions: OfferedForm[];
}

export default function CasePage() {
  const { params } = useRoute();
  const { data, error, loading, reload } = useApi<CaseData>(
    `/api/case-pages/${encodeURIComponent(params.id!)}`,
  );
  const [sent, setSent] = useState<string | null>(null);
  if (loading && !data) return <Loading />;
  if (error && !data)
    return (
      <>
        <PageHeader title="涉企案件" />
        <ErrorNotice error={error} />
        <a href="/search">返回查找</a>
      </>
    );
  if (!data) return null;
  const title = `涉企案件 ${data.number}`;
  return (
    <>
      <PageHeader
        title={title}
        documentTitle={`${data.number} · 涉企案件`}
        subtitle={
          <>
            <span class="tag tag-blue">{data.status}</span> {data.enterpriseName}
          </>
        }
        actions={
          data.processInstanceKey && (
            <a class="btn" href={`/instances/${data.processInstanceKey}`}>
              查看流程
            </a>
          )
        }
      />
      {sent && <Notice kind="success">{sent}</Notice>}
      {data.processInstanceKey && (
        <MessageActions
          instanceKey={data.processInstanceKey}
          actions={data.actions}
          onSent={(message) => {
            setSent(message);
            // The worker records the new time a moment after the engine accepted the message.
            setTimeout(reload, 1500);
          }}
        />
      )}
      <div class="grid-2">
        <section class="card" aria-labelledby="case-meetings">
          <h2 id="case-meetings">协调会</h2>
          {data.meetings.length === 0 ? (
            <Empty title="尚未安排协调会" hint="各相关单位提交书面意见后，由专班办公室安排。" />
          ) : (
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">场次</th>
                  <th scope="col">会议时间</th>
                  <th scope="col">地点</th>
                  <th scope="col">主持</th>
                  <th scope="col">状态</th>
                  <th scope="col">改期</th>
                </tr>
              </thead>
              <tbody>
                {data.meetings.map((m) => (
                  <tr key={m.sequence}>
                    <td>第 {m.sequence} 次</td>
                    <td>{m.scheduledAt ? formatDateTime(m.scheduledAt) : '待定'}</td>
                    <td>{m.place ?? '—'}</td>
                    <td>{m.chair ?? '—'}</td>
                    <td>{m.state}</td>
                    <td>{m.rescheduleCount ? `${m.rescheduleCount} 次` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section class="card" aria-labelledby="case-facts">
          <h2 id="case-facts">案件信息</h2>
          <FactList rows={data.rows} />
        </section>
      </div>
    </>
  );
}
