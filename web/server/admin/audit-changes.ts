// An audit row's 变更内容 as a list of fields, as an audit trail shows it: for a change only the fields whose
// value changed (字段：旧值 → 新值), for a new record the fields it was given, for a removed one the fields it
// had. A change's before and after often hold only some fields (the status before, the status and a note
// after): a field missing on one side is not shown as removed. Bookkeeping fields (ids, request ids, instance keys) stay in the raw data; secrets are never sent.
import { fieldLabel, isTechnical, secretFields, sharedFields } from './audit-fields';
import { entityFields } from './audit-entity-fields';
import { shownValue, type Lookups, type Shown } from './audit-values';

export interface Change {
  field: string;
  before?: Shown;
  after?: Shown;
}

type Fields = Record<string, unknown>;

const asFields = (v: unknown): Fields | undefined =>
  v === null || v === undefined
    ? undefined
    : typeof v === 'object' && !Array.isArray(v)
      ? (v as Fields)
      : { value: v };

// PostgreSQL's jsonb keeps keys in its own order: the fields are listed in the vocabulary's, on every database,
// who created the record and when after the record's own fields.
const trailing = ['createdById', 'createdAt', 'enteredById', 'enteredBy', 'enteredAt'];
function fieldOrder(entity: string) {
  const order = [...Object.keys(entityFields[entity] ?? {}), ...Object.keys(sharedFields)].filter(
    (k) => !trailing.includes(k),
  );
  const rank = (k: string) =>
    trailing.includes(k) ? 10_000 + trailing.indexOf(k) : order.includes(k) ? order.indexOf(k) : order.length;
  return (a: string, b: string) => rank(a) - rank(b);
}

const isSet = (v: unknown) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length);

export function auditChanges(entity: string, before: unknown, after: unknown, l: Lookups): Change[] {
  const b = asFields(before);
  const a = asFields(after);
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
    .filter((k) => !isTechnical(entity, k) && !secretFields.test(k))
    .sort(fieldOrder(entity));
  const changes: Change[] = [];
  for (const key of keys) {
    const field = fieldLabel(entity, key);
    const old = b?.[key];
    const now = a?.[key];
    if (b && a && key in b && key in a) {
      if (JSON.stringify(old) === JSON.stringify(now)) continue;
      const was = shownValue(entity, key, old, l);
      const is = shownValue(entity, key, now, l);
      if (was.text !== is.text || was.full !== is.full) changes.push({ field, before: was, after: is });
    } else if (a && key in a) {
      if (isSet(now) || b) changes.push({ field, after: shownValue(entity, key, now, l) });
    } else if (!a && isSet(old)) {
      changes.push({ field, before: shownValue(entity, key, old, l) });
    }
  }
  // Two columns may say one thing (a score's enteredById and enteredBy both name 录入人): listed once.
  const seen = new Set<string>();
  return changes.filter((c) => {
    const line = JSON.stringify(c);
    return !seen.has(line) && Boolean(seen.add(line));
  });
}

/** The raw data without secrets, for the expert's 原始数据 view. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !secretFields.test(k))
        .map(([k, v]) => [k, withoutSecrets(v)]),
    );
  return value;
}
