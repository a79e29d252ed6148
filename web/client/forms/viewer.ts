// The form-js viewer wrapped for the pages: mount a schema with data (process variables, defaults), Chinese
// messages, the attachment field; read what was submitted (with the browser's own validation first); show
// the server's field errors on the fields they name. Loaded on demand, so only form pages fetch form-js.
import { linkStylesheet } from '../shell/styles';

export interface FormSchema {
  id?: string;
  components: FormComponent[];
}

interface FormComponent {
  id?: string;
  type: string;
  key?: string;
  path?: string;
  label?: string;
  components?: FormComponent[];
}

export interface SubmitOutcome {
  data: Record<string, unknown>;
  /** Field labels with their messages, when the browser's validation failed. */
  invalid: { label: string; messages: string[] }[];
}

export interface FormHandle {
  submit(): SubmitOutcome;
  /** Marks the fields the server named (paths like opinion.content); returns the ones it could not place. */
  /** Marks each message on its field where the form has it; every message with the form's label for it
   *  (empty when the form has no such field) and whether it was placed. */
  showServerErrors(fields: Record<string, string>): { label: string; message: string; placed: boolean }[];
  onChange(fn: (data: Record<string, unknown>) => void): void;
  destroy(): void;
}

interface FormJs {
  importSchema(schema: unknown, data?: unknown): Promise<unknown>;
  submit(): { data: Record<string, unknown>; errors: Record<string, unknown> };
  on(event: string, fn: (e: { data: Record<string, unknown> }) => void): void;
  get<T>(service: string): T;
  _getState(): { errors: Record<string, unknown> };
  _setState(s: { errors: Record<string, unknown> }): void;
  destroy(): void;
}

/** field id → label and value path, for messages the user can place. */
function fieldIndex(schema: FormSchema) {
  const byId = new Map<string, { label: string; path: string }>();
  const walk = (list: FormComponent[], prefix: string[]) => {
    for (const c of list) {
      const inner = c.path ? [...prefix, c.path] : prefix;
      if (c.key && c.id) byId.set(c.id, { label: c.label ?? c.key, path: [...prefix, c.key].join('.') });
      if (c.components) walk(c.components, c.type === 'dynamiclist' ? [...inner, '#'] : inner);
    }
  };
  walk(schema.components, []);
  return byId;
}

function flatMessages(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' ? [x] : flatMessages(x)));
  if (v && typeof v === 'object') return Object.values(v).flatMap(flatMessages);
  return [];
}

export async function mountForm(
  container: HTMLElement,
  schema: FormSchema,
  data: Record<string, unknown>,
  options: { readOnly?: boolean } = {},
): Promise<FormHandle> {
  const [{ Form }, { attachmentFieldModule }, { translateForm, translateMessage }] = await Promise.all([
    import('@bpmn-io/form-js-viewer'),
    import('./file-field'),
    import('./zh'),
    linkStylesheet('form-js'),
  ]);
  const stopTranslating = translateForm(container);
  // `debounce` is read from the options (form-js's config service) though its FormOptions type omits it.
  const formOptions = {
    container,
    // form-js holds what is typed in a field for 300 ms before it reaches the form's data (flushed early only on
    // leaving the field). Filled faster than that — a paste, autofill, a quick typist going on to the next field
    // and submitting — a held value was lost and the submit refused or short. Off, every input reaches the data
    // as it happens; our forms are small enough that validating on each keystroke costs nothing.
    debounce: false,
    additionalModules: [attachmentFieldModule],
    properties: { readOnly: !!options.readOnly },
  };
  const form = new Form(formOptions) as unknown as FormJs;
  const validator = form.get<{
    validateField(...a: unknown[]): string[];
    validateFieldInstance(...a: unknown[]): string[];
  }>('validator');
  const field = validator.validateField.bind(validator);
  const instance = validator.validateFieldInstance.bind(validator);
  validator.validateField = (...a) => field(...a).map(translateMessage);
  validator.validateFieldInstance = (...a) => instance(...a).map(translateMessage);
  await form.importSchema(schema, data);
  const index = fieldIndex(schema);

  return {
    submit() {
      const { data: out, errors } = form.submit();
      const invalid = Object.entries(errors)
        .map(([id, v]) => ({ label: index.get(id)?.label ?? id, messages: flatMessages(v) }))
        .filter((e) => e.messages.length > 0);
      return { data: out, invalid };
    },
    showServerErrors(fields) {
      const errors: Record<string, unknown> = { ...form._getState().errors };
      const problems = Object.entries(fields).map(([path, message]) => {
        const generic = path.replace(/\.\d+(?=\.|$)/g, '.#');
        const hit = [...index].find(([, f]) => f.path === path || f.path === generic);
        const placed = !!hit && hit[1].path === path;
        if (placed) errors[hit[0]] = [message];
        return { label: hit?.[1].label ?? '', message, placed };
      });
      form._setState({ errors });
      return problems;
    },
    onChange(fn) {
      form.on('changed', (e) => fn(e.data));
    },
    destroy() {
      stopTranslating();
      form.destroy();
    },
  };
}
