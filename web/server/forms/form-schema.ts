// A form-js schema (schemaVersion 19) as the server reads it: its components, the keys they write (groups and
// dynamic lists nest them under their path), and whether a component is hidden for the given data (its
// `conditional.hide` FEEL expression, evaluated with feelin as form-js does in the browser).
import { evaluate } from 'feelin';

export interface FormComponent {
  id?: string;
  type: string;
  key?: string;
  path?: string;
  label?: string;
  /** A text component's Markdown. */
  text?: string;
  readonly?: boolean;
  multiple?: boolean;
  subtype?: 'date' | 'time' | 'datetime';
  disallowPassedDates?: boolean;
  decimalDigits?: number;
  values?: { label: string; value: string }[];
  validate?: {
    required?: boolean;
    minLength?: number;
    maxLength?: number;
    min?: number;
    max?: number;
    pattern?: string;
    patternErrorMessage?: string;
  };
  conditional?: { hide?: string };
  components?: FormComponent[];
}

export interface FormSchema {
  id?: string;
  components: FormComponent[];
}

/** The schema from an engine answer: an object, or JSON text as Camunda 8 sends it. */
export function readFormSchema(raw: unknown): FormSchema | undefined {
  const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (!value || typeof value !== 'object' || !Array.isArray((value as FormSchema).components))
    return undefined;
  return value as FormSchema;
}

/** True when the component's `conditional.hide` holds for the data in scope. */
export function isHidden(component: FormComponent, scope: Record<string, unknown>): boolean {
  const expr = component.conditional?.hide?.trim();
  if (!expr) return false;
  if (!expr.startsWith('=')) return expr === 'true';
  try {
    return evaluate(expr.slice(1), scope).value === true;
  } catch {
    return false;
  }
}

/**
 * Every file field of the form with the path of its value ('evidence', 'report.files'); a field in the rows of
 * a dynamic list has `[]` after the list's path ('parties[].partyDocument').
 */
export function fileFieldPaths(schema: FormSchema): string[] {
  const out: string[] = [];
  const walk = (components: FormComponent[], prefix: string[]) => {
    for (const c of components) {
      if (c.type === 'filepicker' && c.key) out.push([...prefix, c.key].join('.'));
      if (c.type === 'group' && c.components) walk(c.components, c.path ? [...prefix, c.path] : prefix);
      if (c.type === 'dynamiclist' && c.path && c.components) walk(c.components, [...prefix, `${c.path}[]`]);
    }
  };
  walk(schema.components, []);
  return out;
}
