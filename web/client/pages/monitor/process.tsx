// One process's live diagram (/monitor/<processId>): bpmn-js with badges per element — in progress,
// incidents, overdue, and on demand the completed counts — streamed from the server and re-rendered from the
// desired state without redrawing; a version selector; the heat view (average or p90 time per element over a
// period); a legend; and, for a clicked (or chosen) element, the items sitting there.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { DiagramLegend } from '../../diagram/legend';
import { heatMarkers, OverlayLayer, type DesiredState } from '../../diagram/overlay-layer';
import { mountDiagram, type DiagramHandle } from '../../diagram/viewer';
import { formatDate, formatDuration } from '../../shell/format';
import { query } from '../../shell/api';
import { ElementPanel } from './element-panel';
import { useLiveBadges } from './live';

interface DiagramData {
  processId: string;
  name: string;
  version: number;
  versions: number[];
  xml: string;
}
interface Heat {
  from: string;
  to: string;
  elements: Record<string, { count: number; averageMs: number; p90Ms: number }>;
}

const daysAgo = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() - n * 86_400_000),
  );

export default function MonitorProcess() {
  const { params, query: q } = useRoute();
  const processId = params.processId!;
  const [version, setVersion] = useState<string>(q.version ?? '');
  const { data, error, loading, reload } = useApi<DiagramData>(
    `/api/monitor/${encodeURIComponent(processId)}${query({ version: version || undefined })}`,
  );
  const live = useLiveBadges(processId, data?.version);
  const [showCompleted, setShowCompleted] = useState(false);
  const [heatOn, setHeatOn] = useState(false);
  const [heatMetric, setHeatMetric] = useState<'averageMs' | 'p90Ms'>('averageMs');
  const [from, setFrom] = useState(daysAgo(29));
  const [to, setTo] = useState(daysAgo(0));
  const heat = useApi<Heat>(
    heatOn && data ? `/api/monitor/${processId}/heat${query({ from, to, version: data.version })}` : null,
  );
  const [selected, setSelected] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const [diagram, setDiagram] = useState<DiagramHandle | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const layer = useRef<OverlayLayer | null>(null);

  useEffect(() => {
    if (!data || !box.current) return;
    let handle: DiagramHandle | undefined;
    let gone = false;
    box.current.innerHTML = '';
    mountDiagram(box.current, data.xml).then(
      (h) => {
        if (gone) return h.destroy();
        handle = h;
        layer.current = new OverlayLayer(h);
        h.onElementClick((el) => setSelected(el.id));
        setDiagram(h);
      },
      (e) => setFailed(e),
    );
    return () => {
      gone = true;
      layer.current = null;
      setDiagram(null);
      handle?.destroy();
    };
  }, [data]);

  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const e of diagram?.elements() ?? [])
      if (e.businessObject?.name && !e.type.endsWith('SequenceFlow') && e.type !== 'label')
        m.set(e.id, e.businessObject.name);
    return m;
  }, [diagram]);

  useEffect(() => {
    if (!layer.current) return;
    const state: DesiredState = { badges: {}, markers: {} };
    for (const [id, b] of Object.entries(live.badges)) {
      state.badges[id] = {
        active: b.active,
        incidents: b.incidents,
        overdue: b.overdue,
        completed: showCompleted ? b.completed : 0,
      };
      const marks: string[] = [];
      if (b.incidents) marks.push('live-incident');
      if (b.overdue) marks.push('live-overdue');
      if (marks.length) state.markers[id] = marks;
    }
    if (heatOn && heat.data) {
      const times = Object.fromEntries(
        Object.entries(heat.data.elements).map(([id, h]) => [id, h[heatMetric]]),
      );
      for (const [id, m] of Object.entries(heatMarkers(times)))
        state.markers[id] = [...(state.markers[id] ?? []), ...m];
    }
    if (selected) state.markers[selected] = [...(state.markers[selected] ?? []), 'current'];
    layer.current.render(state);
  }, [live.version, diagram, showCompleted, heatOn, heat.data, heatMetric, selected]);

  // Elements with items now, the busiest first (completed counts alone do not list an element).
  const load = (b: (typeof live.badges)[string]) => (b.active ?? 0) + (b.incidents ?? 0);
  const counted = Object.entries(live.badges)
    .filter(([id, b]) => names.has(id) && load(b) > 0)
    .sort(([, a], [, b]) => load(b) - load(a));

  const back = (
    <a class="btn" href="/monitor">
      返回流程监控
    </a>
  );
  // Without a diagram there is nothing live to connect to: the refusal alone, not an empty canvas that waits.
  if (error && !data)
    return (
      <>
        <PageHeader title="流程图" documentTitle="流程监控" actions={back} />
        <ErrorNotice error={error} retry={reload} />
      </>
    );

  return (
    <>
      <PageHeader
        title={data?.name ?? '流程图'}
        documentTitle={data ? `${data.name} · 流程监控` : '流程监控'}
        subtitle={
          <span class={live.connected ? 'live-status live-on' : 'live-status live-off'} role="status">
            {live.connected ? '实时更新中' : '正在连接…'}
          </span>
        }
        actions={back}
      />
      {loading && !data && <Loading label="正在加载流程图…" />}
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {failed ? <ErrorNotice error={failed} /> : null}
      {data && (
        <div class="monitor-toolbar">
          <span class="inline-field">
            <label for="mon-version">版本</label>
            <select
              id="mon-version"
              value={String(data.version)}
              onChange={(e) => {
                setSelected(null);
                setVersion((e.target as HTMLSelectElement).value);
              }}
            >
              {data.versions.map((v) => (
                <option key={v} value={String(v)}>
                  第 {v} 版{v === data.versions[0] ? '（最新）' : ''}
                </option>
              ))}
            </select>
          </span>
          <label class="inline-check">
            <input
              type="checkbox"
              checked={showCompleted}
              onChange={() => setShowCompleted(!showCompleted)}
            />
            显示已完成数
          </label>
          <label class="inline-check">
            <input type="checkbox" checked={heatOn} onChange={() => setHeatOn(!heatOn)} />
            热力视图
          </label>
          {heatOn && (
            <>
              <span class="inline-field">
                <label for="heat-metric">按</label>
                <select
                  id="heat-metric"
                  value={heatMetric}
                  onChange={(e) =>
                    setHeatMetric((e.target as HTMLSelectElement).value as 'averageMs' | 'p90Ms')
                  }
                >
                  <option value="averageMs">平均耗时</option>
                  <option value="p90Ms">90% 分位耗时</option>
                </select>
              </span>
              <span class="inline-field">
                <label for="heat-from">从</label>
                <input
                  id="heat-from"
                  type="date"
                  value={from}
                  max={to}
                  onChange={(e) => setFrom((e.target as HTMLInputElement).value)}
                />
              </span>
              <span class="inline-field">
                <label for="heat-to">到</label>
                <input
                  id="heat-to"
                  type="date"
                  value={to}
                  min={from}
                  onChange={(e) => setTo((e.target as HTMLInputElement).value)}
                />
              </span>
            </>
          )}
        </div>
      )}
      {heatOn && heat.error ? <ErrorNotice error={heat.error} /> : null}
      <div class="monitor-layout">
        <section class="card monitor-diagram-card" aria-label="实时流程图">
          <div ref={box} class="diagram diagram-live" role="img" aria-label="流程图，环节上的数字为事项数" />
          <DiagramLegend heat={heatOn} />
          {heatOn && heat.data && (
            <table class="data heat-table">
              <caption>
                各环节耗时（{formatDate(heat.data.from)} 至 {formatDate(heat.data.to)}，已完成的环节）
              </caption>
              <thead>
                <tr>
                  <th scope="col">环节</th>
                  <th scope="col">次数</th>
                  <th scope="col">平均耗时</th>
                  <th scope="col">90% 分位</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(heat.data.elements)
                  .filter(([id]) => names.has(id))
                  .sort(([, a], [, b]) => b[heatMetric] - a[heatMetric])
                  .map(([id, h]) => (
                    <tr key={id}>
                      <td>{names.get(id)}</td>
                      <td>{h.count}</td>
                      <td>{formatDuration(h.averageMs)}</td>
                      <td>{formatDuration(h.p90Ms)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </section>
        <aside class="monitor-side">
          <section class="card" aria-labelledby="mon-elements">
            <h2 id="mon-elements">有事项的环节</h2>
            {counted.length === 0 ? (
              <p class="muted">当前没有正在进行的事项。</p>
            ) : (
              <ul class="monitor-element-list">
                {counted.map(([id, b]) => (
                  <li key={id}>
                    <button type="button" class="link-button" onClick={() => setSelected(id)}>
                      {names.get(id)}
                    </button>
                    <span class="muted">
                      {b.active ? ` 进行中 ${b.active}` : ''}
                      {b.incidents ? ` 故障 ${b.incidents}` : ''}
                      {b.overdue ? ` 逾期 ${b.overdue}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {selected && data && (
            <ElementPanel
              processId={processId}
              version={data.version}
              elementId={selected}
              refreshKey={live.version}
              onClose={() => setSelected(null)}
            />
          )}
        </aside>
      </div>
    </>
  );
}
