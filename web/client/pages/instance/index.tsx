// One process instance (/instances/<key>; the key may also be a business key such as XT-2026-001): the
// diagram with the path taken and how often each element ran, incidents with their message and — for admins
// and the office — retry, or edit a variable then retry; the domain record; the history (record changes and
// process steps in one timeline); the variables; the parent and child instances; a case's next coordination
// meeting; the message forms the person may send now (会议改期, 申请延期).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { DiagramLegend } from '../../diagram/legend';
import { OverlayLayer, type DesiredState } from '../../diagram/overlay-layer';
import { mountDiagram, type DiagramHandle } from '../../diagram/viewer';
import { ZoomControls } from '../../diagram/zoom-controls';
import { formatDateTime } from '../../shell/format';
import { useUser } from '../../shell/session';
import { IncidentsPanel } from './incidents';
import { MeetingPanel, type MeetingFacts } from './meeting';
import { MessageActions, type OfferedForm } from './message-form';
import { RecordLine } from './record-line';
import { FactList } from '../../components/facts';

export interface InstanceData {
  processInstanceKey: string;
  processId: string;
  processName: string;
  version: number;
  state: string;
  startDate: string;
  endDate: string | null;
  xml: string;
  takenFlows: string[];
  counts: { elementId: string; active: number; incidents: number; completed: number; canceled: number }[];
  timeline: {
    at: string;
    endAt?: string | null;
    kind: 'audit' | 'element';
    who: string | null;
    what: string;
    state?: string;
  }[];
  record: {
    kindLabel: string;
    number: string;
    title: string;
    link: string;
    /** The record's own page when it has one besides this (a ledger item's, a week's summary). */
    page: string | null;
    rows: [string, string][];
  } | null;
  variables: { name: string; value: unknown; scope: string }[];
  incidents: {
    incidentKey: string;
    errorType: string;
    errorMessage: string;
    elementName: string;
    creationTime: string;
    state: string;
    retryable: boolean;
  }[];
  parent: Relative | null;
  children: Relative[];
  meeting: MeetingFacts | null;
  actions: OfferedForm[];
}
interface Relative {
  processInstanceKey: string;
  processName: string;
  state: string;
  startDate: string;
  endDate: string | null;
  link: string;
}

export const stateNames: Record<string, string> = {
  ACTIVE: '运行中',
  COMPLETED: '已完成',
  TERMINATED: '已终止',
  CANCELED: '已取消',
};

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export default function InstancePage() {
  const { params } = useRoute();
  const key = params.key!;
  const user = useUser();
  const { data, error, loading, reload } = useApi<InstanceData>(`/api/instances/${encodeURIComponent(key)}`);
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [diagram, setDiagram] = useState<DiagramHandle | null>(null);

  useEffect(() => {
    if (!data || !box.current) return;
    let handle: DiagramHandle | undefined;
    let gone = false;
    box.current.innerHTML = '';
    // Where the instance stands (waiting or stuck) opens at a readable size; the whole model is one click away.
    const current = data.counts.filter((c) => c.active > 0 || c.incidents > 0).map((c) => c.elementId);
    mountDiagram(box.current, data.xml, { current, focus: true }).then(
      (h) => {
        if (gone) return h.destroy();
        handle = h;
        const state: DesiredState = { badges: {}, markers: {} };
        for (const c of data.counts) {
          state.badges[c.elementId] = { active: c.active, incidents: c.incidents, completed: c.completed };
          if (c.incidents) state.markers[c.elementId] = ['live-incident'];
        }
        for (const f of data.takenFlows) state.markers[f] = ['taken'];
        new OverlayLayer(h).render(state);
        setDiagram(h);
      },
      (e) => setFailed(e),
    );
    return () => {
      gone = true;
      setDiagram(null);
      handle?.destroy();
    };
  }, [data]);

  if (loading && !data) return <Loading />;
  if (error && !data)
    return (
      <>
        <PageHeader title="流程实例" />
        <ErrorNotice error={error} />
        <a href="/monitor">返回流程监控</a>
      </>
    );
  if (!data) return null;
  const title = data.record ? `${data.record.number} · ${data.processName}` : `${data.processName} 实例`;
  return (
    <>
      <PageHeader
        title={title}
        documentTitle={title}
        subtitle={
          <>
            <span class={`tag ${data.state === 'ACTIVE' ? 'tag-blue' : ''}`}>
              {stateNames[data.state] ?? data.state}
            </span>{' '}
            <RecordLine data={data} />
          </>
        }
        actions={
          <a class="btn" href={`/monitor/${data.processId}`}>
            查看流程监控
          </a>
        }
      />
      {sent && <Notice kind="success">{sent}</Notice>}
      <MessageActions
        instanceKey={data.processInstanceKey}
        actions={data.actions}
        onSent={(message) => {
          setSent(message);
          // The worker records what was sent a moment after the engine accepted it.
          setTimeout(reload, 1500);
        }}
      />
      {data.incidents.some((i) => i.state === 'ACTIVE') && (
        <Notice kind="error">该实例有未解决的故障，流程在出错的环节停住了，见下方“故障”。</Notice>
      )}
      <section class="card diagram-card" aria-labelledby="inst-diagram">
        <h2 id="inst-diagram">流程图</h2>
        <ZoomControls diagram={diagram} />
        {failed ? <ErrorNotice error={failed} /> : null}
        <div
          ref={box}
          class="diagram diagram-live diagram-instance"
          role="img"
          aria-label="流程图，加粗框为当前所在环节，蓝线为走过的路径，数字为各环节执行次数"
        />
        <DiagramLegend taken current />
        {/* The engine's own numbers: for whoever looks into a problem, not in the page's title. */}
        <p class="muted inst-details">
          详情：{data.processName} 第 {data.version} 版 · 实例编号 {data.processInstanceKey} · 开始于{' '}
          {formatDateTime(data.startDate)}
          {data.endDate && ` · 结束于 ${formatDateTime(data.endDate)}`}
        </p>
      </section>
      <IncidentsPanel
        data={data}
        mayRetry={user.role === 'admin' || user.role === 'coordinator'}
        onDone={reload}
      />
      <div class="grid-2">
        <div>
          {data.meeting && <MeetingPanel meeting={data.meeting} />}
          {data.record && (
            <section class="card" aria-labelledby="inst-record">
              <h2 id="inst-record" tabIndex={-1}>
                {data.record.kindLabel}{' '}
                <a href={data.record.page ?? data.record.link}>{data.record.number}</a>
              </h2>
              <FactList rows={data.record.rows} />
            </section>
          )}
          {(data.parent || data.children.length > 0) && (
            <section class="card" aria-labelledby="inst-relatives">
              <h2 id="inst-relatives">上下级流程</h2>
              <ul class="relatives">
                {data.parent && (
                  <li>
                    上级：<a href={data.parent.link}>{data.parent.processName}</a>（
                    {stateNames[data.parent.state] ?? data.parent.state}）
                  </li>
                )}
                {data.children.map((c) => (
                  <li key={c.processInstanceKey}>
                    下级：<a href={c.link}>{c.processName}</a>（{stateNames[c.state] ?? c.state}，
                    {formatDateTime(c.startDate)}）
                  </li>
                ))}
              </ul>
            </section>
          )}
          {/* The engine's own names and codes: for whoever looks into a problem, folded away for the rest. */}
          <details class="card variables-card">
            <summary>
              <h2 id="inst-vars">流程变量（技术信息，供排查问题）</h2>
            </summary>
            <table class="data variables-table" aria-labelledby="inst-vars">
              <thead>
                <tr>
                  <th scope="col">名称</th>
                  <th scope="col">值</th>
                  <th scope="col">作用范围</th>
                </tr>
              </thead>
              <tbody>
                {data.variables.map((v) => (
                  <tr key={`${v.scope}-${v.name}`}>
                    <td>
                      <code>{v.name}</code>
                    </td>
                    <td class="variable-value">{show(v.value)}</td>
                    <td>{v.scope}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
        <section class="card" aria-labelledby="inst-history">
          <h2 id="inst-history">办理经过</h2>
          <ol class="tk-timeline">
            {data.timeline.map((t, i) => (
              <li key={i} class={t.kind === 'element' && t.state === 'ACTIVE' ? 'tk-timeline-active' : ''}>
                <span class="tk-timeline-time">{formatDateTime(t.at)}</span>
                <span>{t.what}</span>
                {t.kind === 'audit' ? (
                  <span class="muted">{t.who}</span>
                ) : (
                  <span class={`tag ${t.state === 'ACTIVE' ? 'tag-blue' : ''}`}>
                    {stateNames[t.state ?? ''] ?? t.state}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
