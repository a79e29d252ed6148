// A dialog's form: its fields as strings, reset to their blank values whenever the dialog opens, the server's field
// errors under the fields, and one submit that shows "busy" and keeps the error for the dialog to show.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type FieldErrors } from '../shell/api';
import { problemText, type FieldLabels } from './form-problems';
import { Notice } from './states';

export function useDialogForm<F extends Record<string, string>>(
  open: boolean,
  blank: () => F,
  deps: unknown[] = [],
) {
  const [form, setForm] = useState(blank);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  useEffect(() => {
    if (!open) return;
    setForm(blank());
    setError(null);
  }, [open, ...deps]);
  const set = (k: keyof F) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const fields: FieldErrors = error instanceof ApiError ? error.fields : {};
  /** The form's submit handler around `action`: no page reload, busy meanwhile, the error kept. */
  const submit = (action: () => Promise<void>) => async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return { form, set, busy, error, fields, submit };
}

/** The refusal above a dialog's fields: the refused fields by the dialog's own labels, else the server's
 *  detail or title. */
export function FormError({ error, labels }: { error: ApiError | Error | null; labels: FieldLabels }) {
  if (!error) return null;
  return <Notice kind="error">{problemText(error, labels)}</Notice>;
}
