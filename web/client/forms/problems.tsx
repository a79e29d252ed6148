// What stops a filled form from going through, shared by every page that submits a form-js form: the browser's
// own checks, or the server's 400 with field names — placed on the fields where the form can, listed otherwise.
import { ApiError } from '../shell/api';
import type { FormHandle, SubmitOutcome } from './viewer';

export interface Problem {
  label: string;
  message: string;
}

export const browserProblems = (out: SubmitOutcome): Problem[] =>
  out.invalid.map((i) => ({ label: i.label, message: i.messages.join('；') }));

/** The field errors of a 400, marked on the form; null when the error is not about fields. */
export function serverProblems(e: unknown, form: FormHandle | null): Problem[] | null {
  if (!(e instanceof ApiError) || e.status !== 400 || !Object.keys(e.fields).length) return null;
  const unplaced = form?.showServerErrors(e.fields) ?? [];
  return unplaced.length
    ? unplaced
    : Object.entries(e.fields).map(([label, message]) => ({ label, message }));
}

export function FormProblems({ items }: { items: Problem[] }) {
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">请检查以下内容后再提交：</p>
      <ul>
        {items.map((p) => (
          <li key={p.label + p.message}>
            {p.label}：{p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
