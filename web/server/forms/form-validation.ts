// The server's own check of what a form submits, before anything reaches the engine: a zod schema built from
// the form-js schema for the data at hand — required fields, lengths, patterns, number ranges, the allowed
// values of selects, radios and checklists, date formats and "no past dates", attachment ids of file fields —
// skipping fields the form hides for that data. Only the form's own keys pass: a client cannot set other
// process variables. Errors name the field path (opinion.content, agreedItems.0.dueDate) in Chinese.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isHidden, type FormComponent, type FormSchema } from './form-schema';

const zone = 'Asia/Shanghai';
const empty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** An optional field: empty (undefined, null, '', []) is left out, anything else must pass `inner`. */
function optional(inner: z.ZodType): z.ZodType {
  return z.preprocess((v) => (empty(v) ? undefined : v), inner.optional());
}

/** A required field: empty (or only spaces) says `message`; anything else must pass `inner`. */
function required(inner: z.ZodType, message: string): z.ZodType {
  return z.unknown().transform((v, ctx) => {
    if (empty(v) || (typeof v === 'string' && v.trim() === '')) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    const r = inner.safeParse(v);
    if (r.success) return r.data;
    for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path });
    return z.NEVER;
  });
}

function textField(c: FormComponent): z.ZodType {
  const v = c.validate ?? {};
  let t: z.ZodType = z.string({ message: '应为文本' });
  if (v.minLength !== undefined)
    t = t.refine((x) => (x as string).trim().length >= v.minLength!, `至少 ${v.minLength} 个字`);
  if (v.maxLength !== undefined)
    t = t.refine((x) => (x as string).trim().length <= v.maxLength!, `最多 ${v.maxLength} 个字`);
  if (v.pattern) {
    const re = new RegExp(v.pattern);
    t = t.refine((x) => re.test(x as string), v.patternErrorMessage ?? '格式不正确');
  }
  return t;
}

function numberField(c: FormComponent): z.ZodType {
  const v = c.validate ?? {};
  let n: z.ZodType = z.preprocess(
    (x) => (typeof x === 'string' && x.trim() !== '' ? Number(x) : x),
    z.number({ message: '应为数字' }).finite('应为数字'),
  );
  if (v.min !== undefined) n = n.refine((x) => (x as number) >= v.min!, `不能小于 ${v.min}`);
  if (v.max !== undefined) n = n.refine((x) => (x as number) <= v.max!, `不能大于 ${v.max}`);
  if (c.decimalDigits !== undefined) {
    const digits = c.decimalDigits;
    n = n.refine(
      (x) => (String(x).split('.')[1] ?? '').length <= digits,
      digits === 0 ? '应为整数' : `最多 ${digits} 位小数`,
    );
  }
  return n;
}

function choice(c: FormComponent): z.ZodType {
  const allowed = (c.values ?? []).map((o) => o.value);
  return z.string({ message: '请选择一项' }).refine((x) => allowed.includes(x), '请从列表中选择');
}

function today(): string {
  return DateTime.now().setZone(zone).toISODate()!;
}

function dateField(c: FormComponent): z.ZodType {
  if (c.subtype === 'time') return z.string().regex(/^([01]\d|2[0-3]):[0-5]\d/, '时间格式应为 时:分');
  if (c.subtype === 'datetime')
    return z
      .string({ message: '请填写日期和时间' })
      .refine((x) => DateTime.fromISO(x, { setZone: true }).isValid && /T/.test(x), '日期时间格式不正确')
      .refine((x) => {
        // A malformed value is reported once, by the rule above.
        const day = DateTime.fromISO(x, { setZone: true }).setZone(zone).toISODate();
        return !c.disallowPassedDates || day === null || day >= today();
      }, '不能早于今天');
  return z
    .string({ message: '请填写日期' })
    .refine((x) => /^\d{4}-\d{2}-\d{2}$/.test(x) && DateTime.fromISO(x).isValid, '日期格式应为 年-月-日')
    .refine((x) => !c.disallowPassedDates || x >= today(), '不能早于今天');
}

const attachmentIds = z.preprocess(
  (v) => (typeof v === 'number' ? [v] : v),
  z
    .array(z.number({ message: '应为附件编号' }).int().positive(), { message: '应为附件编号列表' })
    .max(50, '附件最多 50 个'),
);

function leaf(c: FormComponent): z.ZodType | undefined {
  const either = (inner: z.ZodType, message: string) =>
    c.validate?.required ? required(inner, message) : optional(inner);
  switch (c.type) {
    case 'textfield':
    case 'textarea':
      return either(textField(c), '请填写此项');
    case 'number':
      return either(numberField(c), '请填写此项');
    case 'select':
    case 'radio':
      return either(choice(c), '请选择一项');
    case 'checkbox':
      return c.validate?.required
        ? z.literal(true, { message: '请勾选此项' })
        : z.preprocess((x) => x ?? false, z.boolean({ message: '应为是或否' }));
    case 'checklist':
      return c.validate?.required
        ? required(z.array(choice(c), { message: '应为选项列表' }), '请至少选择一项')
        : z.preprocess((x) => x ?? [], z.array(choice(c), { message: '应为选项列表' }));
    case 'taglist':
      return c.validate?.required
        ? required(z.array(z.string()), '请至少选择一项')
        : z.preprocess((x) => x ?? [], z.array(z.string()));
    case 'datetime':
      return either(dateField(c), '请填写此项');
    case 'filepicker':
      return either(attachmentIds, '请上传文件');
    default:
      return undefined;
  }
}

/**
 * Where a condition is evaluated, as form-js builds it in the browser: the form's data by name, the current list
 * row as `this`, the enclosing one as `parent`, the 1-based row numbers as `i` (also as `_this_`, `_parent_`,
 * `_i_`). A row's own keys are not bare names there, so they are not here either.
 */
interface Scope {
  this: Record<string, unknown>;
  parent: Record<string, unknown> | null;
  i: number[];
}

const feelContext = (root: Record<string, unknown>, s: Scope) => ({
  ...s,
  ...root,
  _this_: s.this,
  _parent_: s.parent,
  _i_: s.i,
});

/** The object schema of one level of components (a form, a group with a path, one row of a dynamic list). */
function level(
  components: FormComponent[],
  data: Record<string, unknown>,
  root: Record<string, unknown>,
  at: Scope,
) {
  const shape: Record<string, z.ZodType> = {};
  const scope = feelContext(root, at);
  const add = (list: FormComponent[]) => {
    for (const c of list) {
      if (isHidden(c, scope)) continue;
      if (c.type === 'group') {
        if (c.path) {
          const inner = (data[c.path] ?? {}) as Record<string, unknown>;
          shape[c.path] = z.preprocess(
            (x) => x ?? {},
            level(c.components ?? [], isObject(inner) ? inner : {}, root, at),
          );
        } else add(c.components ?? []);
        continue;
      }
      if (c.type === 'dynamiclist' && c.path) {
        const rows = Array.isArray(data[c.path]) ? (data[c.path] as unknown[]) : [];
        const rowScope = (r: unknown, i: number): Scope => ({
          this: isObject(r) ? r : {},
          parent: at.this,
          i: [...at.i, i + 1],
        });
        const rowSchemas = rows.map((r, i) =>
          level(c.components ?? [], isObject(r) ? r : {}, root, rowScope(r, i)),
        );
        shape[c.path] = z.preprocess(
          (x) => x ?? [],
          z.array(z.unknown(), { message: '应为列表' }).transform((arr, ctx) =>
            arr.map((row, i) => {
              const parsed = (
                rowSchemas[i] ?? level(c.components ?? [], {}, root, rowScope({}, i))
              ).safeParse(row);
              if (parsed.success) return parsed.data;
              for (const issue of parsed.error.issues)
                ctx.addIssue({ code: 'custom', message: issue.message, path: [i, ...issue.path] });
              return z.NEVER;
            }),
          ),
        );
        continue;
      }
      if (!c.key) continue;
      if (c.readonly) {
        shape[c.key] = z.unknown();
        continue;
      }
      const s = leaf(c);
      if (s) shape[c.key] = s;
    }
  };
  add(components);
  return z.object(shape, { message: '应为对象' });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The zod schema of what this form may submit, for this data (conditionals decide which fields count). */
export function formZodSchema(
  form: FormSchema,
  data: Record<string, unknown>,
): z.ZodType<Record<string, unknown>> {
  return level(form.components, data, data, { this: data, parent: null, i: [] }) as unknown as z.ZodType<
    Record<string, unknown>
  >;
}

/** The validated variables of a submission, or a ZodError (400 with field names). */
export function validateSubmission(form: FormSchema, data: unknown): Record<string, unknown> {
  const input = isObject(data) ? data : {};
  return formZodSchema(form, input).parse(input);
}
