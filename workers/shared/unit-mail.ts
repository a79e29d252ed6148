// Mail to a unit (its mailbox and people, units and role groups in copy) through the outbox inside the job's
// transaction — how the petition and ledger workers send their notices.
import type { Tx } from '../../domain/db/client';
import { addresses, roleAddressees, unitAddressees } from '../../domain/notifications/recipients';
import type { MailContent } from '../../domain/notifications/types';
import type { Services } from '../runtime/services';

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
