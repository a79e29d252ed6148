// One audit value as the admin reads it: a unit id as the unit's name, a user id as the person's, a ledger item
// id as its 台账编号, a code as its Chinese name, a time as the app writes it (Asia/Shanghai), 是/否, a week or
// a period in words, and a long text shortened with the whole text kept beside it.
import { DateTime } from 'luxon';
import { parsePeriod } from '../../../domain/assessment/period';
import { zone } from '../../../domain/calendar/deadline';
import { codeNames } from './audit-enums';
import { fieldLabel, isTechnical, secretFields } from './audit-fields';

export interface Shown {
  text: string;
  /** The whole text, when `text` is shortened. */
  full?: string;
}

/** Names looked up for a page of audit rows (one query per table, for all rows together). */
export interface Lookups {
  units: Map<number, string>;
  unitCodes: Map<string, string>;
  users: Map<number, string>;
  /** By sign-in name, for the records that keep who entered them as one (a score's `enteredBy`). */
  usernames: Map<string, string>;
  ledgerItems: Map<number, string>;
  petitions: Map<number, string>;
  cases: Map<number, string>;
  enterprises: Map<number, string>;
  indicators: Map<number, string>;
}

export type RefKind =
  'unit' | 'unitCode' | 'user' | 'ledgerItem' | 'petition' | 'case' | 'enterprise' | 'indicator';

/** Which record a field's number (or code) points at, read from the field's name. */
export function refKind(key: string): RefKind | undefined {
  if (/^(unitId|\w+UnitId)$/.test(key)) return 'unit';
  if (/(^unitCode|UnitCodes?|^lateUnits|^missingUnits)$/.test(key)) return 'unitCode';
  if (/^(\w+ById|holderId|userId|actorId|enteredBy)$/.test(key)) return 'user';
  if (key === 'ledgerItemId') return 'ledgerItem';
  if (key === 'petitionId') return 'petition';
  if (key === 'caseId') return 'case';
  if (key === 'enterpriseId') return 'enterprise';
  if (key === 'indicatorId') return 'indicator';
  return undefined;
}

const maxLength = 80;
const empty = '（空）';
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function shorten(text: string): Shown {
  return text.length > maxLength ? { text: `${text.slice(0, maxLength)}…`, full: text } : { text };
}

function named(kind: RefKind, value: number | string, l: Lookups): string | undefined {
  const id = Number(value);
  switch (kind) {
    case 'unit':
      return l.units.get(id);
    case 'unitCode':
      return l.unitCodes.get(String(value));
    case 'user':
      return typeof value === 'string' && !/^\d+$/.test(value) ? l.usernames.get(value) : l.users.get(id);
    case 'ledgerItem':
      return l.ledgerItems.get(id);
    case 'petition':
      return l.petitions.get(id);
    case 'case':
      return l.cases.get(id);
    case 'enterprise':
      return l.enterprises.get(id);
    case 'indicator':
      return l.indicators.get(id);
  }
}

function stringText(key: string, s: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(s);
  if (week) return `${week[1]}年第${Number(week[2])}周`;
  if (isoTime.test(s)) {
    const t = DateTime.fromISO(s, { zone });
    if (t.isValid) return t.toFormat('yyyy/MM/dd HH:mm');
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s.replace(/-/g, '/');
  if (key === 'period') {
    if (/^\d{4}(-Q[1-4])?$/.test(s)) return parsePeriod(s).label;
    const month = /^(\d{4})-(\d{2})$/.exec(s);
    if (month) return `${month[1]}年${Number(month[2])}月`;
  }
  return s;
}

/** The text of `value`, field `key` of a record of type `entity`. */
export function valueText(entity: string, key: string, value: unknown, l: Lookups): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    if (value.length === 0) return '（无）';
    const parts = value.map((v) => valueText(entity, key, v, l));
    return parts.join(value.every((v) => typeof v !== 'object' || v === null) ? '、' : '；');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A user's unit comes as { code, shortName }: named in full like every other unit.
    if (key === 'unit' && typeof o.code === 'string')
      return l.unitCodes.get(o.code) ?? objectText(entity, o, l);
    return objectText(entity, o, l);
  }
  const kind = refKind(key);
  if (kind && (typeof value === 'number' || typeof value === 'string')) {
    const name = named(kind, value, l);
    if (name) return name;
    if (typeof value === 'number') return `第${value}号`;
  }
  const names = codeNames(entity, key);
  if (typeof value === 'string' && names?.[value]) return names[value]!;
  if (typeof value === 'number') return String(value);
  return stringText(key, String(value));
}

/** A nested record: its name when it has one, else its fields in words. */
function objectText(entity: string, o: Record<string, unknown>, l: Lookups): string {
  // A responsible unit of a task (区法院（牵头）) or of an indicator (区法院，目标值 98).
  if ('unitId' in o && ('isLead' in o || 'indicatorId' in o)) {
    const unit = valueText(entity, 'unitId', o.unitId, l);
    if (o.isLead) return `${unit}（牵头）`;
    return typeof o.target === 'number' ? `${unit}，目标值 ${o.target}` : unit;
  }
  if ('isLead' in o && 'code' in o) {
    const unit = valueText(entity, 'unitCode', o.code, l);
    return o.isLead ? `${unit}（牵头）` : unit;
  }
  // A day of a year's calendar: 2027/01/01 元旦（放假）.
  if (typeof o.date === 'string' && typeof o.kind === 'string') {
    const kind = codeNames('calendarYear', 'kind')?.[o.kind] ?? o.kind;
    return `${stringText('date', o.date)} ${typeof o.name === 'string' ? o.name : ''}（${kind}）`;
  }
  for (const k of ['displayName', 'name', 'shortName', 'title'])
    if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  return Object.entries(o)
    .filter(([k]) => !isTechnical(entity, k) && !secretFields.test(k))
    .map(([k, v]) => `${fieldLabel(entity, k)}：${valueText(entity, k, v, l)}`)
    .join('，');
}

export function shownValue(entity: string, key: string, value: unknown, l: Lookups): Shown {
  return shorten(valueText(entity, key, value, l));
}
