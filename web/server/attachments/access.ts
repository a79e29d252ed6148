// Which attachments a user may see: the office and leadership see all; a unit sees its own uploads and the
// files of ledger items, petitions and its own 奖惩 decisions. A form may only carry files the user's own unit
// uploaded, and after a completed task they are filed under the task's ledger item or petition.
import { unitScope, type Principal } from '../../../domain/auth/roles';
import type { Db, Prisma } from '../../../domain/db/client';
import { HttpError } from '../http/problem';
import type { RecordRef } from '../tasks/records';

export function attachmentWhere(principal: Principal): Prisma.AttachmentWhereInput {
  const scope = unitScope(principal);
  if (scope.all) return {};
  const unitId = scope.unitId ?? -1;
  return {
    OR: [
      { unitId },
      { ledgerItem: { OR: [{ leadUnitId: unitId }, { assistingUnits: { some: { unitId } } }] } },
      { petition: { OR: [{ handlingUnitId: unitId }, { receivingUnitId: unitId }] } },
      { sanctions: { some: { unitId } } },
    ],
  };
}

export async function findAttachment(db: Db, principal: Principal, id: number) {
  const row = await db.attachment.findFirst({ where: { AND: [{ id }, attachmentWhere(principal)] } });
  if (!row) throw new HttpError(404, '未找到', '附件不存在，或不属于您的单位');
  return row;
}

function valueAt(data: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      data,
    );
}

/** The concrete paths of a file field in the submitted data: 'parties[].partyDocument' → 'parties.0.partyDocument', … */
function concretePaths(data: Record<string, unknown>, dotted: string): string[] {
  const at = dotted.indexOf('[]');
  if (at < 0) return [dotted];
  const list = valueAt(data, dotted.slice(0, at));
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, i) => concretePaths(data, `${dotted.slice(0, at)}.${i}${dotted.slice(at + 2)}`));
}

/** The attachment ids in the form's file fields; each must be an upload of the user's own unit (else 400). */
export async function checkFormFiles(
  db: Db,
  principal: Principal,
  data: Record<string, unknown>,
  paths: string[],
): Promise<number[]> {
  const all: number[] = [];
  for (const p of paths.flatMap((d) => concretePaths(data, d))) {
    const ids = valueAt(data, p);
    if (!Array.isArray(ids) || ids.length === 0) continue;
    const found = await db.attachment.count({
      where: { id: { in: ids as number[] }, unitId: principal.unitId ?? -1 },
    });
    if (found !== new Set(ids).size)
      throw new HttpError(400, '输入有误', `${p}：附件不存在或不是本单位上传的`, {
        errors: [{ field: p, message: '附件不存在或不是本单位上传的' }],
      });
    all.push(...(ids as number[]));
  }
  return all;
}

/** Files the submitted form carried, filed under the task's ledger item or petition. */
export async function fileUnderRecord(db: Db, ids: number[], record: RecordRef | null): Promise<void> {
  if (!ids.length || !record) return;
  if (record.kind === 'ledger')
    await db.attachment.updateMany({ where: { id: { in: ids } }, data: { ledgerItemId: record.id } });
  if (record.kind === 'petition')
    await db.attachment.updateMany({ where: { id: { in: ids } }, data: { petitionId: record.id } });
}
