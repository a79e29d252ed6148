// The task page's side panels: the record the task works on, the task's place on its process diagram (the
// current element marked; bpmn-js loads only here), and the item's history (process steps and audit rows).
import { useEffect, useRef, useState } from 'preact/hooks';
import { FactList } from '../../components/facts';
import { ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { mountDiagram, type DiagramHandle } from '../../diagram/viewer';
import { ZoomControls } from '../../diagram/zoom-controls';
import { formatDateTime } from '../../shell/format';
import type { TaskDetail } from '../tasks/types';

export function RecordPanel({ record }: { record: NonNullable<TaskDetail['record']> }) {
  return (
    <section class="card" aria-labelledby="record-heading">
      <h2 id="record-heading">
        {record.kindLabel} <a href={record.link}>{record.number}</a>
      </h2>
      <FactList rows={record.rows} />
      {record.attachments.length > 0 && (
        <>
          <h3>附件</h3>
          <ul class="zb-file-list">
            {record.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/api/attachments/${a.id}/content`} download>
                  {a.fileName}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function DiagramPanel({ taskKey, instanceKey }: { taskKey: string; instanceKey: string }) {
  const box = useRef<HTMLDivElement>(null);
  const { data, error } = useApi<{ xml: string; current: string[] }>(`/api/tasks/${taskKey}/diagram`);
  const [failed, setFailed] = useState<unknown>(null);
  const [diagram, setDiagram] = useState<DiagramHandle | null>(null);
  useEffect(() => {
    if (!data || !box.current) return;
    let handle: DiagramHandle | undefined;
    let gone = false;
    mountDiagram(box.current, data.xml, { current: data.current, focus: true }).then(
      (h) => {
        if (gone) return h.destroy();
        handle = h;
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
  return (
    <section class="card diagram-card" aria-labelledby="diagram-heading">
      <h2 id="diagram-heading">流程图</h2>
      <ZoomControls diagram={diagram} />
      <p class="muted">
        加粗标出的是当前任务所在的环节；可拖动、滚轮缩放，或
        <a href={`/instances/${instanceKey}`}>查看整个流程</a>。
      </p>
      {error || failed ? <ErrorNotice error={error ?? failed} /> : null}
      {!data && !error && <Loading label="正在加载流程图…" />}
      <div ref={box} class="diagram" role="img" aria-label="流程图，当前环节已标出" />
    </section>
  );
}

interface History {
  elements: {
    elementId: string;
    name: string;
    state: string;
    startDate: string;
    endDate: string | null;
    hasIncident: boolean;
  }[];
  audit: { id: number; at: string; action: string; actor: string }[];
}

const states: Record<string, string> = { ACTIVE: '进行中', COMPLETED: '已完成', TERMINATED: '已终止' };

export function HistoryPanel({ taskKey }: { taskKey: string }) {
  const { data, error, loading } = useApi<History>(`/api/tasks/${taskKey}/history`);
  return (
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">办理记录</h2>
      {loading && !data && <Loading />}
      {error ? <ErrorNotice error={error} /> : null}
      {data && (
        <ol class="tk-timeline">
          {data.elements.map((e, i) => (
            <li key={`${e.elementId}-${i}`} class={e.state === 'ACTIVE' ? 'tk-timeline-active' : ''}>
              <span class="tk-timeline-time">{formatDateTime(e.startDate)}</span>
              <span>{e.name}</span>
              <span class={`tag ${e.hasIncident ? 'tag-red' : e.state === 'ACTIVE' ? 'tag-blue' : ''}`}>
                {e.hasIncident ? '出错' : (states[e.state] ?? e.state)}
              </span>
            </li>
          ))}
        </ol>
      )}
      {data && data.audit.length > 0 && (
        <>
          <h3>事项变更</h3>
          <ol class="tk-timeline">
            {data.audit.map((a) => (
              <li key={a.id}>
                <span class="tk-timeline-time">{formatDateTime(a.at)}</span>
                <span>{a.action}</span>
                <span class="muted">{a.actor}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
