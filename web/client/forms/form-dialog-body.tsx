// The body of a dialog that holds a form-js form loaded from the server: loading and load errors, the browser's
// own checks, the server's field errors placed on the fields (or listed), any other refusal shown as it comes,
// and one submit button that says when it is busy. The caller says what to send and what to say above the form.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from '../components/states';
import { useApi } from '../components/use-api';
import { FormView } from './form-view';
import { browserProblems, FormProblems, serverProblems, type Problem } from './problems';
import type { FormHandle, FormSchema } from './viewer';

export interface LoadedForm {
  form: FormSchema;
  data: Record<string, unknown>;
}

export function FormDialogBody<T extends LoadedForm>({
  path,
  loadingLabel = '正在加载表单…',
  intro,
  submitLabel,
  send,
}: {
  path: string;
  loadingLabel?: string;
  intro?(loaded: T): ComponentChildren;
  submitLabel(loaded: T): string;
  /** Sends the form's values; a thrown error is shown (a 400's fields on the form). */
  send(values: Record<string, unknown>, loaded: T): Promise<void>;
}) {
  const { data, error, reload } = useApi<T>(path);
  const form = useRef<FormHandle | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  if (error && !data) return <ErrorNotice error={error} retry={reload} />;
  if (!data) return <Loading label={loadingLabel} />;
  const submit = async () => {
    const out = form.current?.submit();
    if (!out) return;
    if (out.invalid.length) return setProblems(browserProblems(out));
    setBusy(true);
    setProblems(null);
    setFailure(null);
    try {
      await send(out.data, data);
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
      {intro?.(data)}
      {problems && <FormProblems items={problems} />}
      {failure ? <ErrorNotice error={failure} /> : null}
      <FormView schema={data.form} data={data.data} onReady={(h) => (form.current = h)} />
      <div class="form-actions">
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void submit()}>
          {busy ? '正在提交…' : submitLabel(data)}
        </button>
      </div>
    </>
  );
}
