// What stops a filled form from going through, shared by every page that submits a form-js form: the browser's
// own checks, or the server's 400 with field names — placed on the fields where the form can, listed otherwise.
import { fieldProblems, type Problem } from '../components/form-problems';
import { ApiError } from '../shell/api';
import type { FormHandle, SubmitOutcome } from './viewer';

export { FormProblems, type Problem } from '../components/form-problems';

export const browserProblems = (out: SubmitOutcome): Problem[] =>
  out.invalid.map((i) => ({ label: i.label, message: i.messages.join('；') }));

/** The field errors of a 400, marked on the form; null when the error is not about fields. */
export function serverProblems(e: unknown, form: FormHandle | null): Problem[] | null {
  if (!(e instanceof ApiError) || e.status !== 400 || !Object.keys(e.fields).length) return null;
  // Named by the form's own labels; a path outside its schema is listed by its message alone. When some cannot
  // be placed on a field, the list holds just those.
  const all =
    form?.showServerErrors(e.fields) ?? fieldProblems(e.fields, {}).map((p) => ({ ...p, placed: false }));
  const unplaced = all.filter((p) => !p.placed);
  return (unplaced.length ? unplaced : all).map(({ label, message }) => ({ label, message }));
}
