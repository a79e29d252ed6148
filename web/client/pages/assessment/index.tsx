// 考核: the units ranked for a quarter or a year over the plan's five dimensions (§四(四)), each score opening
// the records behind it or the office's entry with its reason; the office scores the manual dimensions; the
// table downloads as .xlsx. Weights and rules are set by the admin (管理 · 考核规则). Below the scores the period's
// 奖惩; a unit's users see only their own 奖惩 here (the ranking is the office's and the leaders').
import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { PageHeader } from '../../components/page';
import { Empty, ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { query } from '../../shell/api';
import { formatDate, formatDateTime } from '../../shell/format';
import { useUser } from '../../shell/session';
import { Sanctions } from './sanctions';
import { ScoreDialog } from './score-dialog';
import type { AssessmentTable, DimensionScore, UnitScore } from './types';

function currentPeriod(): string {
  const now = new Date();
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

export default function AssessmentPage() {
  const user = useUser();
  const { query: q, route } = useLocation();
  const period = q.period ?? currentPeriod();
  const year = period.slice(0, 4);
  const quarter = period.slice(5);
  const seesScores = user.role === 'coordinator' || user.role === 'leader';
  const { data, error, reload } = useApi<AssessmentTable>(
    seesScores ? `/api/assessment${query({ period })}` : null,
  );
  const [open, setOpen] = useState<{ row: UnitScore; dim: DimensionScore } | null>(null);
  const thisYear = new Date().getFullYear();
  const years = [thisYear - 2, thisYear - 1, thisYear].map(String);
  const go = (p: string) => route(`/assessment${query({ period: p })}`, true);
  const entries =
    data?.rows.flatMap((r) => r.dimensions.filter((d) => d.entry).map((d) => ({ row: r, d }))) ?? [];
  const current = open && data?.rows.find((r) => r.unitCode === open.row.unitCode);

  return (
    <section>
      <PageHeader
        title="考核"
        subtitle={
          seesScores
            ? '按省级营商环境评价、方案及清单重点任务落实、指标整改提升、日常工作开展、信息报送五个方面考核；点击分数查看计分依据'
            : '本单位在考核期间受到的奖惩'
        }
        actions={
          seesScores && (
            <a class="btn" href={`/api/assessment/export${query({ period })}`} download>
              导出 Excel
            </a>
          )
        }
      />
      <form class="filter-bar" onSubmit={(e) => e.preventDefault()}>
        <label>
          年度
          <select
            value={year}
            onChange={(e) => go(`${(e.target as HTMLSelectElement).value}${quarter ? `-${quarter}` : ''}`)}
          >
            {(years.includes(year) ? years : [year, ...years]).map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        </label>
        <label>
          期间
          <select
            value={quarter}
            onChange={(e) =>
              go(
                `${year}${(e.target as HTMLSelectElement).value ? `-${(e.target as HTMLSelectElement).value}` : ''}`,
              )
            }
          >
            <option value="">全年</option>
            {['Q1', 'Q2', 'Q3', 'Q4'].map((x, i) => (
              <option key={x} value={x}>
                第{'一二三四'[i]}季度
              </option>
            ))}
          </select>
        </label>
      </form>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {seesScores && !data && !error && <Loading />}
      {data && data.rows.length === 0 && <Empty title="没有参加考核的单位" />}
      {data && data.rows.length > 0 && (
        <>
          <p class="muted">
            {data.period.label}（{formatDate(data.period.from)} 至 {formatDate(data.period.to)}），计算于{' '}
            {formatDateTime(data.generatedAt)}
          </p>
          <div class="table-wrap">
            <table class="data assessment-table">
              <thead>
                <tr>
                  <th scope="col">排名</th>
                  <th scope="col">单位</th>
                  {data.rules.dimensions.map((d) => (
                    <th scope="col" key={d.code}>
                      {d.name}
                      <span class="muted">
                        （{d.weight}%{d.manual ? '，人工评分' : ''}）
                      </span>
                    </th>
                  ))}
                  <th scope="col">总分</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.unitCode}>
                    <td>{r.rank}</td>
                    <th scope="row">{r.unitName}</th>
                    {r.dimensions.map((d) => (
                      <td key={d.code}>
                        <button
                          type="button"
                          class="btn-link score-link"
                          aria-label={`${r.unitName} ${d.name} 计分依据`}
                          onClick={() => setOpen({ row: r, dim: d })}
                        >
                          {d.score === null ? <span class="tag tag-yellow">未评分</span> : d.score}
                        </button>
                      </td>
                    ))}
                    <td class="score-total">
                      {r.total}
                      {r.incomplete && (
                        <span class="muted" title="有人工评分维度尚未评分（按 0 分计）">
                          {' '}
                          *
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.rows.some((r) => r.incomplete) && (
            <p class="muted">* 有人工评分维度尚未评分，按 0 分计入总分。</p>
          )}
          <h2>人工评分及理由</h2>
          {entries.length === 0 ? (
            <Empty
              title="本期尚无人工评分"
              hint={user.role === 'coordinator' ? '点击表中“未评分”为各单位评分并填写理由。' : undefined}
            />
          ) : (
            <div class="table-wrap">
              <table class="data">
                <thead>
                  <tr>
                    <th scope="col">单位</th>
                    <th scope="col">考核维度</th>
                    <th scope="col">分数</th>
                    <th scope="col">理由</th>
                    <th scope="col">评分人</th>
                    <th scope="col">时间</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map(({ row, d }) => (
                    <tr key={`${row.unitCode}-${d.code}`}>
                      <td>{row.unitName}</td>
                      <td>{d.name}</td>
                      <td>{d.entry!.score}</td>
                      <td class="cell-text">{d.entry!.reason}</td>
                      <td>{d.entry!.enteredByName}</td>
                      <td>{formatDateTime(d.entry!.enteredAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <Sanctions
        period={period}
        units={data?.rows.map((r) => ({ value: r.unitCode, label: r.unitName })) ?? []}
        canRecord={user.role === 'coordinator'}
      />
      {open && (
        <ScoreDialog
          open={!!open}
          period={period}
          unit={{ code: open.row.unitCode, name: open.row.unitName }}
          dimension={current?.dimensions.find((d) => d.code === open.dim.code) ?? open.dim}
          canEnter={user.role === 'coordinator'}
          onClose={() => setOpen(null)}
          onSaved={reload}
        />
      )}
    </section>
  );
}
