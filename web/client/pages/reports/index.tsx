// 工作周报: the week × unit matrix — each cell how that unit's report stands (按时, 迟报, 补报, 未报, 退回,
// 未到期) and a link to it; each week links to its consolidated summary. ?week= marks a week (from the
// dashboard), ?until= and ?weeks= choose the span.
import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { useUser } from '../../shell/session';
import { MakeupAction } from './makeup';
import { ProgressMeetings } from './meetings';

interface Matrix {
  units: { code: string; shortName: string }[];
  legend: Record<string, string>;
  weeks: {
    week: string;
    period: string;
    hasSummary: boolean;
    /** `makeup`: a 未报 of a week the cut-off has closed, which the unit may still send as 补报. */
    cells: Record<string, { id: number; cell: string; label: string; makeup: boolean } | null>;
  }[];
}

export default function ReportsPage() {
  const user = useUser();
  const { query: q, route } = useLocation();
  const weeks = q.weeks ?? '12';
  const { data, error, reload } = useApi<Matrix>(`/api/reports/matrix${query({ until: q.until, weeks })}`);
  const wholeDistrict = user.role === 'coordinator' || user.role === 'leader';
  // A unit sees only its own column, so every open 未报 it sees is its own to 补报.
  const canMakeup = user.role === 'unit-user' || user.role === 'unit-lead';
  const [done, setDone] = useState<string | null>(null);
  // Weeks before the first round the system holds (before it was put to use) are no weeks a unit missed:
  // listed as 未发起 they filled a new install's matrix with blanks. A gap after the first round still shows.
  const started = data?.weeks.filter((w) => Object.values(w.cells).some(Boolean)).map((w) => w.week) ?? [];
  const first = started.length ? started.reduce((a, b) => (a < b ? a : b)) : null;
  const shown = first ? data!.weeks.filter((w) => w.week >= first) : [];
  const hidden = (data?.weeks.length ?? 0) - shown.length;
  return (
    <section class="reports-page">
      <PageHeader
        title="工作周报"
        subtitle="各单位每周报送情况；点击单元格查看该单位周报，点击周次查看汇总"
        actions={
          <>
            <a class="btn" href="/reports/tasks">
              任务清单进展
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
              route(`/reports${query({ ...q, weeks: (e.target as HTMLSelectElement).value })}`, true)
            }
          >
            {['4', '8', '12', '26', '52'].map((n) => (
              <option key={n} value={n}>
                最近{n}周
              </option>
            ))}
          </select>
        </label>
      </form>
      {data && (
        <ul class="report-legend" aria-label="图例">
          {Object.entries(data.legend).map(([k, label]) => (
            <li key={k}>
              <span class={`report-cell cell-${k}`}>{label}</span>
            </li>
          ))}
        </ul>
      )}
      {done && <Notice kind="success">{done}</Notice>}
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && data.units.length === 0 && <Empty title="没有需要报送周报的单位" />}
      {data && data.units.length > 0 && shown.length === 0 && (
        <Empty
          title="所选周次还没有周报"
          hint="每周五 09:00 自动发起本周周报（专班办公室也可在“发起”中手动发起），发起后各单位的报送情况显示在这里。"
        />
      )}
      {data && data.units.length > 0 && shown.length > 0 && (
        <div class="table-wrap">
          <table class="data report-matrix">
            <caption class="visually-hidden">周报报送情况：行为周次，列为单位</caption>
            <thead>
              <tr>
                <th scope="col">周次</th>
                {data.units.map((u) => (
                  <th key={u.code} scope="col">
                    {u.shortName}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((w) => (
                <tr key={w.week} class={q.week === w.week ? 'row-marked' : undefined}>
                  <th scope="row">
                    {wholeDistrict ? <a href={`/reports/summary/${w.week}`}>{w.week}</a> : w.week}
                    <span class="muted week-period">{w.period}</span>
                  </th>
                  {data.units.map((u) => {
                    const c = w.cells[u.code];
                    return (
                      <td key={u.code}>
                        {c ? (
                          <a class={`report-cell cell-${c.cell}`} href={`/reports/${c.id}`}>
                            {c.label}
                            <span class="visually-hidden">
                              ：{u.shortName} {w.week} 周报
                            </span>
                          </a>
                        ) : (
                          <span class="muted">未发起</span>
                        )}
                        {c?.makeup && canMakeup && (
                          <MakeupAction
                            week={w.week}
                            unitCode={u.code}
                            unitName={u.shortName}
                            onDone={() => {
                              setDone(
                                `已补报${u.shortName}${w.week}工作周报，已计入该周汇总并告知专班办公室。`,
                              );
                              reload();
                            }}
                          />
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {hidden > 0 && (
            <p class="muted">
              {first} 之前的 {hidden} 周没有周报记录（系统启用前），不列出。
            </p>
          )}
        </div>
      )}
      {data && data.weeks.length > 0 && (
        <ProgressMeetings week={q.week ?? data.weeks[0].week} canRecord={user.role === 'coordinator'} />
      )}
    </section>
  );
}
