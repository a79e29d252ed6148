// The enterprise a case or a petition concerns: found by its credit code, else by its name, or created (and
// audited) the first time the task force meets it.
import { audit, type Actor } from './audit';
import type { Tx } from './db/client';

export interface EnterpriseDetails {
  name: string;
  creditCode?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

export async function findOrCreateEnterprise(tx: Tx, actor: Actor, details: EnterpriseDetails) {
  const byCode = details.creditCode
    ? await tx.enterprise.findUnique({ where: { creditCode: details.creditCode } })
    : null;
  const existing = byCode ?? (await tx.enterprise.findUnique({ where: { name: details.name } }));
  if (existing) return existing;
  const created = await tx.enterprise.create({
    data: {
      name: details.name,
      creditCode: details.creditCode,
      contactName: details.contactName,
      contactPhone: details.contactPhone,
    },
  });
  await audit(tx, actor, {
    action: 'enterprise.create',
    entity: 'enterprise',
    entityId: created.id,
    after: created,
  });
  return created;
}
