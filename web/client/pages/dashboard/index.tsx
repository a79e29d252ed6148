// 领导驾驶舱: the district's figures at a glance for leaders on a tablet — the rates as big numbers, the
// indicators against the plan's targets, their weekly trend, overdue ledger items by unit, open items by colour
// and weekly-report punctuality. Every number and every bar, slice or point leads to the records behind it.
// ECharts loads with this page only; each chart has its figures as links beside it for keyboard and print.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { formatTimeOfDay } from '../../shell/format';
import { anyEntered, RanksOrEmpty } from '../indicator-ranks/rank-table';
import type { RankedIndicator } from '../indicator-ranks/types';
import type { ChartName } from './charts';
import type { Dashboard } from './types';
import { LongPendingPanel } from './long-pending-panel';

const percent = (v: number | null) => (v === null ? '无数据' : `${v}%`);

function Chart({
  name,
  data,
  label,
  height,
}: {
  name: ChartName;
  data: Dashboard;
  label: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { route } = useLocation();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    import('./charts').then(
      ({ mountChart }) => {
        if (!cancelled && ref.current) dispose = mountChart(ref.current, name, data, (href) => route(href));
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [name, data, route]);
  return failed ? (
    <p class="muted">图表无法加载，请查看下方数字。</p>
  ) : (
    <div
      ref={ref}
      class="chart"
      role="img"
      aria-label={label}
      data-chart={name}
      style={height ? { height: `${height}px` } : undefined}
    />
  );
}

function Panel({ title, children, wide }: { title: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <section class={wide ? 'card panel panel-wide' : 'card panel'} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Each ranked indicator's latest 全市位次 against its 先进位次 (red outside), its trend, each rank to its record. */
function CityRankPanel({ ranks }: { ranks: RankedIndicator[] }) {
  // Until a period is entered there is no rank to count, so the title claims none.
  const outside = anyEntered(ranks) ? ranks.filter((i) => i.latest && !i.latest.advanced).length : null;
  return (
    <Panel title={`全市位次（须进入先进位次）${outside === null ? '' : `：最新一期未进入${outside}项`}`} wide>
      <RanksOrEmpty
        indicators={ranks}
        hint="法院等责任单位或专班办公室在“全市位次”页按评价期录入后，这里显示各指标的最新位次和各期走势。"
      />
    </Panel>
  );
}

export default function DashboardPage() {
  const { data, error, reload } = useApi<Dashboard>('/api/dashboard', { intervalMs: 60_000 });
  if (error && !data) return <ErrorNotice error={error} retry={reload} />;
  if (!data) return <Loading />;
  const overdue = data.overdueByUnit.reduce((s, u) => s + u.total, 0);
  const red = data.byColor.find((c) => c.color === 'red')!;
  const lastWeek = [...data.punctuality].reverse().find((w) => w.onTimeRate !== null);
  return (
    <div class="dashboard">
      <PageHeader
        title="领导驾驶舱"
        subtitle={`数据更新于 ${formatTimeOfDay(data.generatedAt)}（至多滞后${data.maxAgeSeconds}秒），页面每分钟刷新`}
        actions={
          <button type="button" class="btn" onClick={() => window.print()}>
            打印
          </button>
        }
      />
      <ul class="kpis">
        {data.rates.map((r) => (
          <li key={r.code}>
            <a class="kpi" href={r.href}>
              <span class="kpi-label">{r.name}</span>
              <span class="kpi-value">{percent(r.value)}</span>
              <span class="kpi-note">{r.note}</span>
            </a>
          </li>
        ))}
        <li>
          <a class={overdue > 0 ? 'kpi kpi-alert' : 'kpi'} href="/ledger?overdue=1">
            <span class="kpi-label">逾期未销号整改事项</span>
            <span class="kpi-value">{overdue}项</span>
            <span class="kpi-note">点击查看逾期事项</span>
          </a>
        </li>
        <li>
          <a class={red.count > 0 ? 'kpi kpi-alert' : 'kpi'} href={red.href}>
            <span class="kpi-label">红色预警事项</span>
            <span class="kpi-value">{red.count}项</span>
            <span class="kpi-note">点击查看红色预警事项</span>
          </a>
        </li>
        {lastWeek && (
          <li>
            <a class="kpi" href={lastWeek.href}>
              <span class="kpi-label">周报按时报送率（{lastWeek.week}）</span>
              <span class="kpi-value">{percent(lastWeek.onTimeRate)}</span>
              <span class="kpi-note">
                按时{lastWeek.on_time}、迟报{lastWeek.late}、补报{lastWeek.makeup}、未报{lastWeek.missing}
              </span>
            </a>
          </li>
        )}
      </ul>
      <div class="panels">
        <Panel title="台账预警分布（未销号）">
          <Chart name="colors" data={data} label="未销号整改事项按预警颜色分布的环形图" />
          <ul class="figure-links">
            {data.byColor.map((c) => (
              <li key={c.color}>
                <a href={c.href}>
                  {c.label} {c.count}项
                </a>
              </li>
            ))}
          </ul>
        </Panel>
        <Panel title="逾期未销号事项（按责任单位）">
          {overdue > 0 ? (
            <Chart name="overdue" data={data} label="各责任单位逾期未销号整改事项的柱状图" />
          ) : (
            <p class="chart-empty">目前没有逾期未销号的整改事项。</p>
          )}
          <ul class="figure-links">
            {data.overdueByUnit.map((u) => (
              <li key={u.unit}>
                <a href={u.href}>
                  {u.name} {u.total}项
                </a>
              </li>
            ))}
          </ul>
        </Panel>
        <Panel title="指标完成情况（填报指标取最新一周，流程指标按累计数据）" wide>
          <Chart
            name="attainment"
            data={data}
            label="各指标最新值与目标值的对比图"
            height={Math.max(300, data.indicators.length * 26 + 70)}
          />
          <details>
            <summary>查看数据表</summary>
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">指标</th>
                  <th scope="col">单位</th>
                  <th scope="col">目标</th>
                  <th scope="col">最新值</th>
                  <th scope="col">数据来源</th>
                  <th scope="col">达标</th>
                </tr>
              </thead>
              <tbody>
                {data.indicators.map((i) => (
                  <tr key={`${i.indicator}:${i.unit}`}>
                    <td>{i.name}</td>
                    <td>{i.unitName}</td>
                    <td>
                      {i.comparator === '=' ? '' : '≥'}
                      {i.target}%
                    </td>
                    <td>
                      <a href={i.href}>{percent(i.value)}</a>
                    </td>
                    <td>{i.source === 'process' ? '流程数据' : (i.week ?? '—')}</td>
                    <td>
                      {i.met === null ? (
                        <span class="tag">未报</span>
                      ) : i.met ? (
                        <span class="tag tag-green">达标</span>
                      ) : (
                        <span class="tag tag-red">未达标</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </Panel>
        <CityRankPanel ranks={data.cityRanks} />
        <LongPendingPanel figures={data.longPending.figures} />
        <Panel title="指标趋势（各单位平均，按周）" wide>
          {data.trend.some((t) => t.points.some((v) => v !== null)) ? (
            <Chart name="trend" data={data} label="各报送指标按周的趋势折线图" />
          ) : (
            <p class="chart-empty">
              近{data.weeks.length}周的周报中还没有填报指标数值；各单位在周报中填报后，这里按周显示趋势。
            </p>
          )}
        </Panel>
        <Panel title="周报报送情况（按周）" wide>
          <Chart
            name="punctuality"
            data={data}
            label="各周周报按时、迟报、补报、退回、未报单位数的堆叠柱状图"
          />
          <details>
            <summary>查看数据表</summary>
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">周次</th>
                  <th scope="col">按时</th>
                  <th scope="col">迟报</th>
                  <th scope="col">补报</th>
                  <th scope="col">退回</th>
                  <th scope="col">未报</th>
                  <th scope="col">按时率</th>
                </tr>
              </thead>
              <tbody>
                {data.punctuality.map((w) => (
                  <tr key={w.week}>
                    <td>
                      <a href={w.href}>{w.week}</a>
                    </td>
                    <td>{w.on_time}</td>
                    <td>{w.late}</td>
                    <td>{w.makeup}</td>
                    <td>{w.returned}</td>
                    <td>{w.missing}</td>
                    <td>{percent(w.onTimeRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </Panel>
      </div>
      <p class="muted">说明：全市位次由法院和专班办公室按评价期录入；比率按累计数据计算。</p>
    </div>
  );
}
