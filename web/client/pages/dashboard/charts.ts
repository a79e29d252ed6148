// The dashboard's charts on ECharts, loaded with the page only: the core and just the bar, line, pie and
// scatter charts with the grid, tooltip and legend, rendered on canvas in Chinese. Each chart hands a click on a bar,
// slice or point to `onPick` with the link of the records behind it.
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Dashboard } from './types';

use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

const palette = { red: '#c0392b', yellow: '#e0a100', blue: '#2f6fbf', none: '#9aa5b1', green: '#2f7d4f' };
const font = { fontFamily: "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif" };
const shortWeek = (w: string) => w.replace(/^\d{4}-W/, '第') + '周';

export type ChartName = 'attainment' | 'trend' | 'overdue' | 'colors' | 'punctuality';

function option(name: ChartName, d: Dashboard): Record<string, unknown> {
  const base = {
    textStyle: font,
    tooltip: { trigger: name === 'colors' || name === 'attainment' ? 'item' : 'axis' },
    animation: false,
  };
  if (name === 'colors')
    return {
      ...base,
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          // Room below the ring for the bottom slice's label above the legend.
          radius: ['36%', '64%'],
          label: { formatter: '{b}\n{c}项' },
          // An empty colour has no slice to point at: its label would only pile up on its neighbours'.
          data: d.byColor.map((c) => ({
            name: c.label,
            value: c.count,
            href: c.href,
            itemStyle: { color: palette[c.color] },
            ...(c.count === 0 ? { label: { show: false }, labelLine: { show: false } } : {}),
          })),
        },
      ],
    };
  if (name === 'overdue')
    return {
      ...base,
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: d.overdueByUnit.map((u) => u.name) },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['red', 'yellow', 'blue', 'none'] as const).map((c) => ({
        type: 'bar',
        stack: 'overdue',
        name: d.byColor.find((x) => x.color === c)?.label,
        itemStyle: { color: palette[c] },
        data: d.overdueByUnit.map((u) => ({ value: u.byColor[c] ?? 0, href: `${u.href}&color=${c}` })),
      })),
    };
  if (name === 'punctuality') {
    const kinds = [
      ['on_time', '按时', palette.green],
      ['late', '迟报', palette.yellow],
      ['makeup', '补报', palette.blue],
      ['returned', '退回', '#8e44ad'],
      ['missing', '未报', palette.red],
    ] as const;
    return {
      ...base,
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: d.punctuality.map((w) => shortWeek(w.week)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: kinds.map(([key, label, color]) => ({
        type: 'bar',
        stack: 'reports',
        name: label,
        itemStyle: { color },
        data: d.punctuality.map((w) => ({ value: w[key], href: w.href })),
      })),
    };
  }
  if (name === 'trend')
    return {
      ...base,
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 44, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: d.weeks.map(shortWeek) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: d.trend.map((t) => ({
        type: 'line',
        name: t.name,
        connectNulls: true,
        data: t.points.map((v, i) => ({ value: v, href: `/reports?week=${d.weeks[i]}` })),
      })),
    };
  // Horizontal bars: the indicator names stay readable on an upright tablet.
  const rows = [...d.indicators].reverse();
  return {
    ...base,
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
    yAxis: {
      type: 'category',
      data: rows.map((r) => `${r.unitName}·${r.name.replace(/（.*）/, '')}`),
      axisLabel: { interval: 0, width: 200, overflow: 'truncate' },
    },
    xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        name: '最新值（绿色达标，红色未达标）',
        itemStyle: { color: palette.green },
        label: { show: true, position: 'right', formatter: '{c}%' },
        data: rows.map((r) => ({
          value: r.value,
          href: r.href,
          itemStyle: { color: r.met === false ? palette.red : palette.green },
        })),
      },
      {
        type: 'scatter',
        name: '目标值',
        symbol: 'rect',
        symbolSize: [4, 18],
        itemStyle: { color: '#222' },
        data: rows.map((r) => ({ value: r.target, href: r.href })),
      },
    ],
  };
}

export function mountChart(
  el: HTMLElement,
  name: ChartName,
  d: Dashboard,
  onPick: (href: string) => void,
): () => void {
  const chart: EChartsType = init(el, undefined, { locale: 'ZH', renderer: 'canvas' });
  chart.setOption(option(name, d));
  chart.on('click', (p) => {
    const href = (p.data as { href?: string } | undefined)?.href;
    if (href) onPick(href);
  });
  const resize = new ResizeObserver(() => chart.resize());
  resize.observe(el);
  return () => {
    resize.disconnect();
    chart.dispose();
  };
}
