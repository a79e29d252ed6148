// One unit's weekly report: how it stands (按时, 迟报, …), who wrote it, the progress on each plan task, the
// figures against their targets, problems, requests for coordination and next week's plan.
import { useRoute } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { formatDateTime } from '../../shell/format';
import { PublicityTable, type PublicityRow } from '../publicity/publicity-table';

interface Report {
  id: number;
  isoWeek: string;
  period: string;
  unit: { code: string; name: string; shortName: string };
  cell: string;
  cellLabel: string;
  author: string | null;
  dueAt: string | null;
  submittedAt: string | null;
  returnReason: string | null;
  signedOffAt: string | null;
  reminderCount: number;
  problems: string | null;
  coordinationRequests: string | null;
  nextWeekPlan: string | null;
  processInstanceKey: string | null;
  taskProgress: { number: number; title: string; progress: string }[];
  figures: {
    code: string;
    name: string;
    value: number;
    note: string | null;
    target: number;
    comparator: string;
    met: boolean;
  }[];
  publicity?: PublicityRow[];
}

export default function ReportPage() {
  const { params } = useRoute();
  const { data, error, reload } = useApi<Report>(`/api/reports/${encodeURIComponent(params.id)}`);
  if (error && !data)
    return (
      <section>
        <PageHeader title="工作周报" />
        <ErrorNotice error={error} retry={reload} />
      </section>
    );
  if (!data) return <Loading />;
  const r = data;
  return (
    <section>
      <PageHeader
        title={`${r.unit.shortName} ${r.isoWeek} 工作周报`}
        subtitle={
          <>
            <span class={`report-cell cell-${r.cell}`}>{r.cellLabel}</span> {r.period}
          </>
        }
        actions={
          <>
            <a class="btn" href="/reports">
              返回周报
            </a>
            {r.processInstanceKey && (
              <a class="btn" href={`/instances/${r.processInstanceKey}`}>
                流程位置
              </a>
            )}
            <button type="button" class="btn" onClick={() => window.print()}>
              打印
            </button>
          </>
        }
      />
      {r.returnReason && r.cell === 'returned' && <Notice kind="warning">退回理由：{r.returnReason}</Notice>}
      <div class="card">
        <dl class="facts">
          <dt>报送单位</dt>
          <dd>{r.unit.name}</dd>
          <dt>填报人</dt>
          <dd>{r.author ?? '—'}</dd>
          <dt>截止时间</dt>
          <dd>{formatDateTime(r.dueAt)}</dd>
          <dt>报送时间</dt>
          <dd>{formatDateTime(r.submittedAt)}</dd>
          <dt>签发时间</dt>
          <dd>{formatDateTime(r.signedOffAt)}</dd>
          <dt>催报次数</dt>
          <dd>{r.reminderCount}</dd>
        </dl>
      </div>
      <div class="card">
        <h2>任务清单进展</h2>
        {r.taskProgress.length === 0 ? (
          <Empty title="本周未填报任务进展" />
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">任务</th>
                <th scope="col">进展</th>
              </tr>
            </thead>
            <tbody>
              {r.taskProgress.map((t) => (
                <tr key={t.number}>
                  <td>
                    {t.number}. {t.title}
                  </td>
                  <td class="cell-text">{t.progress}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div class="card">
        <h2>指标数据</h2>
        {r.figures.length === 0 ? (
          <Empty title="本周未填报指标数据" />
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col">本周数值</th>
                <th scope="col">目标</th>
                <th scope="col">是否达标</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {r.figures.map((f) => (
                <tr key={f.code}>
                  <td>{f.name}</td>
                  <td>{f.value}%</td>
                  <td>
                    {f.comparator === '=' ? '' : '≥'}
                    {f.target}%
                  </td>
                  <td>
                    {f.met ? (
                      <span class="tag tag-green">达标</span>
                    ) : (
                      <span class="tag tag-red">未达标</span>
                    )}
                  </td>
                  <td>{f.note ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div class="card">
        <h2>宣传工作</h2>
        {r.publicity?.length ? (
          <PublicityTable rows={r.publicity} showUnit={false} />
        ) : (
          <Empty title="本周未登记宣传工作" />
        )}
      </div>
      <div class="card">
        <h2>存在问题</h2>
        <p class="cell-text">{r.problems ?? '—'}</p>
        <h2>需协调事项</h2>
        <p class="cell-text">{r.coordinationRequests ?? '—'}</p>
        <h2>下周计划</h2>
        <p class="cell-text">{r.nextWeekPlan ?? '—'}</p>
      </div>
    </section>
  );
}
