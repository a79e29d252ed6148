// The records behind a dashboard rate: the petitions not yet answered or resolved, the accepted cases not yet
// resolved — each row linking to its record.
import { useLocation, useRoute } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { formatDate } from '../../shell/format';

const titles: Record<string, string> = {
  'petitions:unreplied': '尚未答复的信访事项',
  'petitions:unresolved': '尚未解决（部分解决、未解决或未回访）的企业投诉',
  'petitions:unsatisfied': '企业回访未满意（或未回访）的信访事项',
  'petitions:all': '全部信访事项',
  'cases:unresolved': '已受理协调、尚未化解的涉企案件',
  'cases:all': '全部涉企案件',
};

interface Records {
  total: number;
  rows: {
    id: number;
    number: string;
    title: string;
    unit: string;
    status: string;
    at: string;
    href: string;
    flag?: string | null;
  }[];
}

export default function DashboardRecordsPage() {
  const { params } = useRoute();
  const { query: q } = useLocation();
  const kind = params.kind === 'cases' ? 'cases' : 'petitions';
  const filter = q.filter ?? 'all';
  const { data, error, reload } = useApi<Records>(`/api/dashboard/${kind}${query({ filter, unit: q.unit })}`);
  const title = titles[`${kind}:${filter}`] ?? '明细';
  return (
    <section>
      <PageHeader
        title={title}
        subtitle={
          data
            ? `共 ${data.total} 件${data.total > data.rows.length ? `，显示前 ${data.rows.length} 件` : ''}`
            : undefined
        }
        actions={
          <a class="btn" href="/dashboard">
            返回驾驶舱
          </a>
        }
      />
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && data.rows.length === 0 && <Empty title="没有对应的记录" />}
      {data && data.rows.length > 0 && (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">事项</th>
                <th scope="col">承办单位</th>
                <th scope="col">状态</th>
                <th scope="col">登记日期</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={r.href}>{r.number}</a>
                    {r.flag && <span class="tag tag-red">{r.flag}</span>}
                  </td>
                  <td class="cell-text">{r.title}</td>
                  <td>{r.unit}</td>
                  <td>{r.status}</td>
                  <td>{formatDate(r.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
