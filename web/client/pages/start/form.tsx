// One start form (the process's own, from the engine): filled, checked in the browser and by the server, and
// submitted with a key made once per filling, so a double click or a resend never starts two instances. The
// answer says where the new item went, with a link to it.
import { useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { PageHeader } from '../../components/page';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { FormView } from '../../forms/form-view';
import { browserProblems, FormProblems, serverProblems, type Problem } from '../../forms/problems';
import type { FormHandle, FormSchema } from '../../forms/viewer';
import { api, ApiError } from '../../shell/api';
import type { RecordRef } from '../tasks/types';

interface StartForm {
  processId: string;
  title: string;
  description: string;
  form: FormSchema;
  defaults: Record<string, unknown>;
}

interface Started {
  processInstanceKey: string | null;
  record: RecordRef | null;
  link: string;
  message: string;
  duplicate?: boolean;
}

const newKey = () => crypto.randomUUID().replace(/-/g, '');

export default function StartFormPage() {
  const { params } = useRoute();
  const processId = params.processId!;
  const { data, error, loading, reload } = useApi<StartForm>(`/api/start-forms/${processId}`);
  const form = useRef<FormHandle | null>(null);
  const idempotencyKey = useRef(newKey());
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [started, setStarted] = useState<Started | null>(null);
  const [round, setRound] = useState(0);

  if (loading && !data) return <Loading />;
  if (error || !data)
    return (
      <>
        <PageHeader title="发起" />
        <ErrorNotice error={error} retry={reload} />
      </>
    );

  const submit = async () => {
    const out = form.current?.submit();
    if (!out) return;
    if (out.invalid.length) {
      setProblems(browserProblems(out));
      return;
    }
    setBusy(true);
    setProblems(null);
    setFailure(null);
    try {
      setStarted(
        await api.post<Started>(`/api/start-forms/${processId}`, {
          idempotencyKey: idempotencyKey.current,
          variables: out.data,
        }),
      );
    } catch (e) {
      const fields = serverProblems(e, form.current);
      if (fields) setProblems(fields);
      else setFailure(e instanceof ApiError ? e : new ApiError(0, '提交失败', '请稍后重试', undefined, {}));
    } finally {
      setBusy(false);
    }
  };

  if (started)
    return (
      <>
        <PageHeader title={data.title} />
        <Notice kind={started.duplicate ? 'warning' : 'success'}>
          <p class="notice-title">{started.message}</p>
          {started.record && (
            <p>
              {started.record.kindLabel}：<a href={started.record.link}>{started.record.number}</a>{' '}
              {started.record.title}
            </p>
          )}
        </Notice>
        <div class="form-actions">
          <a class="btn btn-primary" href={started.link}>
            查看{started.record ? started.record.number : '办理情况'}
          </a>
          <a class="btn" href="/tasks">
            去我的待办
          </a>
          <button
            type="button"
            class="btn"
            onClick={() => {
              idempotencyKey.current = newKey();
              setStarted(null);
              setRound(round + 1);
            }}
          >
            再{data.title}
          </button>
        </div>
      </>
    );

  return (
    <>
      <PageHeader
        title={data.title}
        subtitle={data.description}
        actions={
          <a class="btn" href="/start">
            返回
          </a>
        }
      />
      {problems && <FormProblems items={problems} />}
      {failure && <ErrorNotice error={failure} />}
      <section class="card start-form">
        <FormView key={round} schema={data.form} data={data.defaults} onReady={(h) => (form.current = h)} />
        <div class="form-actions">
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void submit()}>
            {busy ? '正在提交…' : '提交'}
          </button>
        </div>
      </section>
    </>
  );
}
