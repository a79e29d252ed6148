// The items sitting at one element of a live diagram: business keys, enterprise or subject, responsible units,
// how long each has waited, its deadline, and what the element waits for (candidate group and assignee, a
// timer's due date, a message's name and correlation key); sortable; each row leads to the instance page.
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { formatDateTime, formatDuration } from '../../shell/format';

interface Items {
  elementId: string;
  name: string;
  total: number;
  items: {
    elementInstanceKey: string;
    processInstanceKey: string;
    link: string;
    businessKey: string | null;
    enterprise: string | null;
    title: string | null;
    units: string[];
    since: string;
    waitedMs: number;
    incident: boolean;
    overdue: boolean;
    deadline: { label: string; at: string } | null;
    waitsFor: { kind: string; label: string; detail: string }[];
  }[];
}

type Sort = 'waited' | 'businessKey' | 'unit';
const columns: { key: Sort; label: string }[] = [
  { key: 'businessKey', label: '业务编号' },
  { key: 'unit', label: '责任单位' },
  { key: 'waited', label: '已等待' },
];

export function ElementPanel(props: {
  processId: string;
  version: number;
  elementId: string;
  refreshKey: number;
  onClose(): void;
}) {
  const [sort, setSort] = useState<Sort>('waited');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const path = `/api/monitor/${props.processId}/elements/${encodeURIComponent(props.elementId)}${query({ version: props.version, sort, order })}`;
  const { data, error, loading, reload } = useApi<Items>(path);
  // The list follows the badges: when they change, it is fetched again.
  useEffect(() => reload(), [props.refreshKey]);
  const sortBy = (key: Sort) => {
    if (key === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder(key === 'waited' ? 'desc' : 'asc');
    }
  };
  const head = (c: (typeof columns)[number]) => (
    <th scope="col" aria-sort={sort === c.key ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" class="sort-button" onClick={() => sortBy(c.key)}>
        {c.label}
        {sort === c.key ? (order === 'asc' ? ' ↑' : ' ↓') : ''}
      </button>
    </th>
  );
  return (
    <section class="card element-panel" aria-labelledby="el-heading">
      <header class="element-panel-head">
        <h2 id="el-heading">{data?.name ?? '环节'}</h2>
        <button type="button" class="btn btn-small" onClick={props.onClose}>
          关闭
        </button>
      </header>
      {loading && !data && <Loading />}
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {data && data.items.length === 0 && <p class="muted">此环节当前没有事项。</p>}
      {data && data.total > data.items.length && (
        <p class="muted">
          共 {data.total} 项，按当前排序显示前 {data.items.length} 项。
        </p>
      )}
      {data && data.items.length > 0 && (
        <table class="data element-items">
          <thead>
            <tr>
              {head(columns[0]!)}
              <th scope="col">企业／事项</th>
              {head(columns[1]!)}
              {head(columns[2]!)}
              <th scope="col">期限</th>
              <th scope="col">等待内容</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((i) => (
              <tr
                key={i.elementInstanceKey}
                class={i.incident ? 'row-incident' : i.overdue ? 'row-overdue' : ''}
              >
                <td>
                  <a href={i.link}>{i.businessKey ?? i.processInstanceKey}</a>
                  {i.incident && <span class="tag tag-red">故障</span>}
                </td>
                <td>{i.enterprise ?? i.title ?? '—'}</td>
                <td>{i.units.join('、') || '—'}</td>
                <td title={`自 ${formatDateTime(i.since)}`}>{formatDuration(i.waitedMs)}</td>
                <td>
                  {i.deadline ? (
                    <>
                      {formatDateTime(i.deadline.at)}
                      {i.overdue && <span class="tag tag-orange">逾期</span>}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td class="waits-for">
                  {i.waitsFor.length === 0
                    ? '—'
                    : i.waitsFor.map((w) => (
                        <div key={w.label}>
                          {w.kind === 'user-task' ? w.detail : `${w.label}：${w.detail}`}
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
