// One task: its form rendered with form-js, prefilled with what the process knows, checked in the browser and
// again by the server, submitted in one click (claiming it on the way when nobody has); claim, give back or hand
// to a colleague; beside it the record, the diagram with the task's place marked, and the item's history. A
// task someone else completed meanwhile is said so plainly, with the way back to the inbox. What else the person
// may do on the item now (申请延期, 会议改期) is offered beside the task, as on the instance page.
import { useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { FormView } from '../../forms/form-view';
import { browserProblems, FormProblems, serverProblems } from '../../forms/problems';
import type { FormHandle } from '../../forms/viewer';
import { api, ApiError } from '../../shell/api';
import { useUser } from '../../shell/session';
import { MessageActions } from '../instance/message-form';
import { DueTag } from '../tasks/due';
import type { TaskDetail } from '../tasks/types';
import { DiagramPanel, HistoryPanel, RecordPanel } from './side';

type Outcome =
  | { kind: 'done'; record: TaskDetail['record'] }
  | { kind: 'invalid'; items: { label: string; message: string }[] }
  | { kind: 'error'; title: string; detail?: string; conflict?: boolean };

export default function TaskPage() {
  const { params } = useRoute();
  const key = params.key!;
  const user = useUser();
  const { data, error, loading, reload } = useApi<TaskDetail>(`/api/tasks/${key}`);
  const form = useRef<FormHandle | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [colleague, setColleague] = useState('');
  const [sent, setSent] = useState<{ message: string; formId: string } | null>(null);

  if (loading && !data) return <Loading />;
  if (error && !data)
    return (
      <>
        <PageHeader title="任务" />
        <ErrorNotice error={error} />
        <a href="/tasks">返回我的待办</a>
      </>
    );
  if (!data) return null;
  const t = data.task;
  const open = t.state === 'CREATED';
  const mine = t.assignee === user.username;
  const othersTask = !!t.assignee && !mine;

  const act = async (fn: () => Promise<unknown>, success?: string) => {
    setBusy(true);
    setOutcome(null);
    try {
      await fn();
      reload();
      if (success) setOutcome({ kind: 'error', title: success });
    } catch (e) {
      setOutcome(
        e instanceof ApiError
          ? { kind: 'error', title: e.title, detail: e.detail, conflict: e.status === 409 }
          : { kind: 'error', title: '操作失败' },
      );
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!form.current && data.form) return;
    const out = form.current?.submit() ?? { data: {}, invalid: [] };
    if (out.invalid.length) {
      setOutcome({ kind: 'invalid', items: browserProblems(out) });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const r = await api.post<{ record: TaskDetail['record'] }>(`/api/tasks/${key}/complete`, {
        variables: out.data,
      });
      setOutcome({ kind: 'done', record: r.record });
    } catch (e) {
      const fields = serverProblems(e, form.current);
      if (fields) setOutcome({ kind: 'invalid', items: fields });
      else if (e instanceof ApiError)
        setOutcome({ kind: 'error', title: e.title, detail: e.detail, conflict: e.status === 409 });
      else setOutcome({ kind: 'error', title: '提交失败', detail: '请稍后重试' });
    } finally {
      setBusy(false);
    }
  };

  if (outcome?.kind === 'done')
    return (
      <>
        <PageHeader title={t.name} documentTitle={`${t.name}（已提交）`} />
        <Notice kind="success">
          <p class="notice-title">已提交，任务“{t.name}”办理完成。</p>
          {outcome.record && (
            <p>
              事项：<a href={outcome.record.link}>{outcome.record.number}</a> {outcome.record.title}
            </p>
          )}
        </Notice>
        <div class="form-actions">
          <a class="btn btn-primary" href="/tasks">
            返回我的待办
          </a>
        </div>
      </>
    );

  return (
    <div class="task-page">
      <PageHeader
        title={t.name}
        documentTitle={`${t.name} · ${t.record?.number ?? t.processName}`}
        subtitle={
          <>
            {t.processName}
            {t.record && (
              <>
                {' · '}
                <a href={t.record.link}>{t.record.number}</a> {t.record.title}
              </>
            )}
          </>
        }
        actions={
          <a class="btn" href="/tasks">
            返回我的待办
          </a>
        }
      />
      <div class="grid-2">
        <div>
          <section class="card task-status" aria-label="任务状态">
            <dl class="tk-facts tk-facts-inline">
              <div>
                <dt>到期</dt>
                <dd>
                  <DueTag due={t.dueDate} done={!open} />
                </dd>
              </div>
              <div>
                <dt>办理人</dt>
                <dd>{t.assigneeName ?? '待认领'}</dd>
              </div>
              <div>
                <dt>状态</dt>
                <dd>{open ? '待办' : t.state === 'COMPLETED' ? '已办结' : '已取消'}</dd>
              </div>
            </dl>
            {open && (
              <div class="form-actions">
                {!t.assignee && (
                  <button
                    type="button"
                    class="btn"
                    disabled={busy}
                    onClick={() => void act(() => api.post(`/api/tasks/${key}/claim`))}
                  >
                    认领
                  </button>
                )}
                {mine && (
                  <button
                    type="button"
                    class="btn"
                    disabled={busy}
                    onClick={() => void act(() => api.post(`/api/tasks/${key}/unclaim`))}
                  >
                    退回待认领
                  </button>
                )}
                {data.colleagues.length > 0 &&
                  (!othersTask || user.role === 'unit-lead' || user.role === 'coordinator') && (
                    <span class="inline-field">
                      <label for="assign-to">转交给</label>
                      <select
                        id="assign-to"
                        value={colleague}
                        onChange={(e) => setColleague((e.target as HTMLSelectElement).value)}
                      >
                        <option value="">选择同事</option>
                        {data.colleagues.map((c) => (
                          <option key={c.username} value={c.username}>
                            {c.displayName}
                          </option>
                        ))}
                      </select>
                      <button
                        type="button"
                        class="btn"
                        disabled={busy || !colleague}
                        onClick={() =>
                          void act(() => api.post(`/api/tasks/${key}/assign`, { username: colleague }))
                        }
                      >
                        转交
                      </button>
                    </span>
                  )}
              </div>
            )}
            {data.refusal && open && <Notice kind="warning">{data.refusal}</Notice>}
            {othersTask && open && (
              <Notice kind="info">该任务已由{t.assigneeName}认领，您可以查看表单。</Notice>
            )}
          </section>
          {sent && <Notice kind="success">{sent.message}</Notice>}
          <MessageActions
            instanceKey={t.processInstanceKey}
            // Reloading the task would remount the form and lose what the person has typed, so the form just
            // sent is taken off here; the instance page shows what the process made of it.
            actions={data.actions.filter((a) => a.formId !== sent?.formId)}
            onSent={(message, formId) => setSent({ message, formId })}
          />
          {outcome?.kind === 'invalid' && <FormProblems items={outcome.items} />}
          {outcome?.kind === 'error' && (
            <div
              class={`notice ${outcome.detail || outcome.conflict ? 'notice-error' : 'notice-success'}`}
              role="alert"
            >
              <p class="notice-title">{outcome.title}</p>
              {outcome.detail && <p>{outcome.detail}</p>}
              {outcome.conflict && <a href="/tasks">返回我的待办</a>}
            </div>
          )}
          <section class="card" aria-labelledby="form-heading">
            <h2 id="form-heading">办理表单</h2>
            {data.form ? (
              <FormView
                schema={data.form}
                data={data.variables}
                readOnly={!open || !data.mayComplete || othersTask}
                onReady={(h) => (form.current = h)}
              />
            ) : (
              <p>该任务没有表单。</p>
            )}
            {open && data.mayComplete && !othersTask && (
              <div class="form-actions">
                <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void submit()}>
                  {busy ? '正在提交…' : '提交'}
                </button>
              </div>
            )}
          </section>
        </div>
        <div>
          {data.record && <RecordPanel record={data.record} />}
          <DiagramPanel taskKey={key} instanceKey={data.task.processInstanceKey} />
          <HistoryPanel taskKey={key} />
        </div>
      </div>
    </div>
  );
}
