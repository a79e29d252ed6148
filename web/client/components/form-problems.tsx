// The summary of what the server refused in a form. The server names each field by its API path
// (`owners.0.target`); a person knows it by the label beside the input, so every form passes its own mapping
// from path to label. A path the form does not map is listed by its message alone — never by the API key.
import { ApiError } from '../shell/api';

export interface Problem {
  /** The field's label as the form shows it; empty when the form has none for it. */
  label: string;
  message: string;
}

/** path → label: a table (list indexes written `#`: `owners.#.target`), or a function for labels that depend on
 *  the row (`第2天的日期`). */
export type FieldLabels = Record<string, string> | ((path: string) => string | undefined);

export function labelOf(path: string, labels: FieldLabels): string {
  if (typeof labels === 'function') return labels(path) ?? '';
  const generic = path.replace(/\.\d+(?=\.|$)/g, '.#');
  return labels[path] ?? labels[generic] ?? '';
}

export const fieldProblems = (fields: Record<string, string>, labels: FieldLabels): Problem[] =>
  Object.entries(fields).map(([path, message]) => ({ label: labelOf(path, labels), message }));

const line = (p: Problem) => (p.label ? `${p.label}：${p.message}` : p.message);

/** One line for a notice: the labelled field problems of a 400, else the server's detail or title. */
export function problemText(error: unknown, labels: FieldLabels): string {
  if (error instanceof ApiError) {
    const fields = Object.keys(error.fields).length ? fieldProblems(error.fields, labels) : [];
    return fields.length ? fields.map(line).join('；') : (error.detail ?? error.title);
  }
  return error instanceof Error ? error.message : String(error);
}

export function FormProblems({ items }: { items: Problem[] }) {
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">请检查以下内容后再提交：</p>
      <ul>
        {items.map((p) => (
          <li key={p.label + p.message}>{line(p)}</li>
        ))}
      </ul>
    </div>
  );
}
