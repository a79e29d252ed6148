// A message form on the instance page (会议改期, 申请延期): the button the server offered, and its dialog holding
// the form-js form. The server checks the form's rules again and its own (a time in the past, a date beyond the
// rule's limit); a 409 means the process moved on meanwhile, and says so. The process records what was sent a
// moment after the engine accepted it, so the page reloads shortly after.
import { useRef, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { FormView } from '../../forms/form-view';
import { browserProblems, FormProblems, serverProblems, type Problem } from '../../forms/problems';
import type { FormHandle, FormSchema } from '../../forms/viewer';
import { api } from '../../shell/api';

export interface OfferedForm {
  formId: string;
  label: string;
}

interface Loaded {
  label: string;
  form: FormSchema;
  data: Record<string, unknown>;
}

function MessageFormBody({ path, onDone }: { path: string; onDone(message: string): void }) {
  const { data, error, reload } = useApi<Loaded>(path);
  const form = useRef<FormHandle | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  if (error && !data) return <ErrorNotice error={error} retry={reload} />;
  if (!data) return <Loading label="正在加载表单…" />;
  const submit = async () => {
    const out = form.current?.submit();
    if (!out) return;
    if (out.invalid.length) return setProblems(browserProblems(out));
    setBusy(true);
    setProblems(null);
    setFailure(null);
    try {
      const done = await api.post<{ message: string }>(path, { variables: out.data });
      onDone(done.message);
    } catch (e) {
      const fields = serverProblems(e, form.current);
      if (fields) setProblems(fields);
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {problems && <FormProblems items={problems} />}
      {failure ? <ErrorNotice error={failure} /> : null}
      <FormView schema={data.form} data={data.data} onReady={(h) => (form.current = h)} />
      <div class="form-actions">
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void submit()}>
          {busy ? '正在提交…' : `提交${data.label}`}
        </button>
      </div>
    </>
  );
}

export function MessageFormAction({
  instanceKey,
  offered,
  onSent,
}: {
  instanceKey: string;
  offered: OfferedForm;
  onSent(message: string): void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="btn" onClick={() => setOpen(true)}>
        {offered.label}
      </button>
      <Dialog open={open} wide title={offered.label} onClose={() => setOpen(false)}>
        <MessageFormBody
          path={`/api/instances/${encodeURIComponent(instanceKey)}/${offered.formId}`}
          onDone={(message) => {
            setOpen(false);
            onSent(message);
          }}
        />
      </Dialog>
    </>
  );
}
