// What the colours and marks on a monitored diagram mean, next to the diagram.
export function DiagramLegend({
  heat = false,
  taken = false,
  current = false,
}: {
  heat?: boolean;
  taken?: boolean;
  current?: boolean;
}) {
  return (
    <ul class="diagram-legend" aria-label="图例">
      {current && (
        <li>
          <span class="legend-swatch legend-current" aria-hidden="true" /> 加粗蓝框：当前所在环节
        </li>
      )}
      <li>
        <span class="live-badge live-badge-active legend-badge">3</span> 进行中的事项数
      </li>
      <li>
        <span class="live-badge live-badge-incidents legend-badge">1</span> 出现故障（需处理）
      </li>
      <li>
        <span class="live-badge live-badge-overdue legend-badge">2</span> 已超过期限
      </li>
      <li>
        <span class="live-badge live-badge-completed legend-badge">9</span> 已完成次数
      </li>
      <li>
        <span class="legend-swatch legend-incident" aria-hidden="true" /> 红框：该环节有故障
      </li>
      <li>
        <span class="legend-swatch legend-overdue" aria-hidden="true" /> 橙框：该环节有逾期事项
      </li>
      {taken && (
        <li>
          <span class="legend-line" aria-hidden="true" /> 蓝线：本实例走过的路径
        </li>
      )}
      {heat && (
        <li>
          <span class="legend-heat" aria-hidden="true" /> 热力：颜色越深，耗时越长
        </li>
      )}
    </ul>
  );
}
