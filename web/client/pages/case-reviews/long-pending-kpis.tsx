// The register's figures for a period as tiles: in the register (and still open), 长期未结, cleared in the
// period, the clearance rate and the open cases past their target date (red when any) — on the 长期未结案件 tab
// and on 领导驾驶舱.
import type { LongPendingFigures } from './long-pending-types';

export function LongPendingKpis({ f }: { f: LongPendingFigures }) {
  const tiles = [
    { label: '登记在册', value: String(f.registered), note: `其中未结 ${f.open} 件` },
    { label: '长期未结', value: String(f.longPending), note: `立案超过 ${f.thresholdMonths} 个月仍未结` },
    { label: '本期结案', value: String(f.clearedInPeriod), note: '结案日期在所选期间内' },
    {
      label: '清结率',
      value: f.clearanceRate === null ? '—' : `${f.clearanceRate}%`,
      note: '本期结案 ÷ 本期在册案件',
    },
    { label: '逾期未结', value: String(f.overdue), note: '已过目标结案日期', alert: f.overdue > 0 },
  ];
  return (
    <ul class="kpis" id="long-pending-figures">
      {tiles.map((t) => (
        <li key={t.label} class={t.alert ? 'kpi kpi-alert' : 'kpi'}>
          <span class="kpi-label">{t.label}</span>
          <span class="kpi-value">{t.value}</span>
          <span class="kpi-note">{t.note}</span>
        </li>
      ))}
    </ul>
  );
}
