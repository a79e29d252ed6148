// What the petition and ledger workers share besides workers/shared: instants normalised to Asia/Shanghai
// (+08:00) the way timers read them, plain dates from date pickers, and mail to a unit (its mailbox and people,
// units and role groups in copy) through the outbox inside the job's transaction.
import { DateTime } from 'luxon';
import { localDate, zone } from '../../domain/calendar/deadline';
import type { Tx } from '../../domain/db/client';
import { invalid } from '../../domain/errors';
import { addresses, roleAddressees, unitAddressees } from '../../domain/notifications/recipients';
import type { MailContent } from '../../domain/notifications/types';
import type { Services } from '../runtime/services';

/** 2026-11-27T15:00:00+08:00 */
export function shanghaiIso(date: Date): string {
  return DateTime.fromJSDate(date, { zone }).toISO({ suppressMilliseconds: true }) as string;
}

/** An instant from a form or timer variable (ISO 8601 with offset; a plain date is its start in Shanghai). */
export function instant(value: string, field: string): Date {
  const dt = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value, { zone })
    : DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid) throw invalid(`“${value}”不是有效的日期时间`, field);
  return dt.toJSDate();
}

/** A plain date (YYYY-MM-DD) from a date picker or a date-time. */
export function plainDate(value: string, field: string): string {
  try {
    return localDate(value);
  } catch {
    throw invalid(`“${value}”不是有效的日期`, field);
  }
}

/** The end of a due day: 2026-12-31T23:59:59+08:00 (what deadlines.compute writes). */
export function endOfDayIso(date: string): string {
  return DateTime.fromISO(date, { zone }).set({ hour: 23, minute: 59, second: 59, millisecond: 0 }).toISO({
    suppressMilliseconds: true,
  }) as string;
}

/** A notice time: 09:00 on the day. */
export function nineOClockIso(date: string): string {
  return DateTime.fromISO(date, { zone }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toISO({
    suppressMilliseconds: true,
  }) as string;
}

export interface UnitMail {
  /** The unit the mail is for: its mailbox and its active people. */
  unitCode: string;
  /** More units in copy (assisting units, the office). */
  ccUnits?: string[];
  /** Role groups in copy or as addressees (leader, coordinator). */
  toRoles?: string[];
  ccRoles?: string[];
  idempotencyKey: string;
  content: MailContent;
  unitId?: number | null;
  relatedType: 'ledgerItem' | 'petition';
  relatedId: number;
}

/** Puts a mail to a unit in the outbox within the job's transaction; null when nobody has an address. */
export async function mailUnit(tx: Tx, services: Services, mail: UnitMail): Promise<number | null> {
  const to = addresses(await unitAddressees(tx, mail.unitCode));
  for (const role of mail.toRoles ?? []) to.push(...addresses(await roleAddressees(tx, [role])));
  const cc: string[] = [];
  for (const code of mail.ccUnits ?? []) cc.push(...addresses(await unitAddressees(tx, code)));
  for (const role of mail.ccRoles ?? []) cc.push(...addresses(await roleAddressees(tx, [role])));
  const toSet = [...new Set(to)];
  const ccSet = [...new Set(cc)].filter((a) => !toSet.includes(a));
  if (toSet.length === 0) {
    services.log.warn('no mail address for the unit: notification kept in the record only', {
      unitCode: mail.unitCode,
      template: mail.content.template,
    });
    return null;
  }
  const { id } = await services.mail.enqueue(tx, {
    idempotencyKey: mail.idempotencyKey,
    to: toSet,
    cc: ccSet,
    content: mail.content,
    unitId: mail.unitId ?? null,
    relatedType: mail.relatedType,
    relatedId: mail.relatedId,
  });
  return id;
}
