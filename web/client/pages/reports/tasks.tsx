// The plan's 13 tasks (任务清单) with each responsible unit's progress as reported week by week — the newest
// week first; each entry links to the report it came from.
import { useLocation } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';

interface Tasks {
  weeks: string[];
  tasks: {
    number: number;
    title: string;
    units: {
      code: string;
      shortName: string;
      isLead: boolean;
      weeks: { week: string; progress: string | null; reportId?: number }[];
    }[];
  }[];
}

export default function PlanTasksPage() {
  const { query: q, route } = useLocation();
  const weeks = q.weeks ?? '4';
  const { data, error, reload } = useApi<Tasks>(`/api/reports/plan-tasks${query({ weeks })}`);
  return (
    <section>
      <PageHeader
        title="任务清单进展"
        subtitle="工作方案13项任务，各责任单位按周填报的进展"
        actions={
          <>
            <a class="btn" href="/reports">
              返回周报
            </a>
            <button type="button" class="btn" onClick={() => window.print()}>
              打印
            </button>
          </>
        }
      />
      <form class="filter-bar" aria-label="选择周次范围" onSubmit={(e) => e.preventDefault()}>
        <label>
          显示周数
          <select
            value={weeks}
            onChange={(e) =>
              route(`/reports/tasks${query({ weeks: (e.target as HTMLSelectElement).value })}`, true)
            }
          >
            {['2', '4', '8', '12'].map((n) => (
              <option key={n} value={n}>
                最近{n}周
              </option>
            ))}
          </select>
        </label>
      </form>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && (
        <div class="table-wrap">
          <table class="data task-progress">
            <thead>
              <tr>
                <th scope="col">任务</th>
                <th scope="col">责任单位</th>
                {data.weeks.map((w) => (
                  <th key={w} scope="col">
                    {w}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.tasks.flatMap((t) =>
                t.units.map((u, i) => (
                  <tr key={`${t.number}:${u.code}`}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={t.units.length} class="task-title">
                        {t.number}. {t.title}
                      </th>
                    )}
                    <td>
                      {u.shortName}
                      {u.isLead && <span class="tag">牵头</span>}
                    </td>
                    {u.weeks.map((w) => (
                      <td key={w.week} class="cell-text">
                        {w.progress ? (
                          <a href={`/reports/${w.reportId}`} class="plain-link">
                            {w.progress}
                          </a>
                        ) : (
                          <span class="muted">未填报</span>
                        )}
                      </td>
                    ))}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
