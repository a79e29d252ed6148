// The court's register of long-pending enterprise civil/commercial cases (plan task 5: 常态化开展长期未结案件清理,
// 对涉企长期未结民商事案件重点评查并即时整改): the court — or the task-force office — registers a case with its
// clearance plan and target date, records progress over time and closes it with the date and the way it ended.
// Every change is audited and written to the case's timeline; a closed case no longer changes.
import { audit, audited, type Actor } from '../audit';
import type { UnitScope } from '../auth/roles';
import { localDate } from '../calendar/deadline';
import { isUniqueViolation, type Db, type Tx } from '../db/client';
import { conflict, DomainError, invalid, notFound } from '../errors';
import {
  closeInput,
  closingMethodNames,
  progressInput,
  registerInput,
  updateInput,
  type CloseInput,
  type RegisterInput,
  type UpdateInput,
} from './long-pending-input';

/** The court, the one unit whose cases the register holds. */
export async function courtUnit(tx: Tx | Db) {
  const court = await tx.unit.findUnique({ where: { code: 'court' } });
  if (!court) throw invalid('系统中没有“区法院”单位，请管理员先在单位中添加（代码 court）');
  return court;
}

/** Only the court's own users and the office (every unit's scope) register and update. */
function mayChange(scope: UnitScope, courtId: number): void {
  if (!scope.all && scope.unitId !== courtId)
    throw new DomainError('forbidden', '长期未结案件只能由区法院或专班办公室登记和更新');
}

export async function openCase(tx: Tx | Db, scope: UnitScope, id: number) {
  const found = await tx.longPendingCase.findUnique({ where: { id } });
  if (!found) throw notFound('长期未结案件');
  mayChange(scope, found.unitId);
  if (found.status === 'closed') throw conflict(`案件${found.caseNumber}已结案，不能再更改`);
  return found;
}

export async function addEvent(tx: Tx, actor: Actor, caseId: number, kind: string, content: string) {
  await tx.longPendingEvent.create({ data: { caseId, kind, content, actorLabel: actor.label } });
}

export async function registerLongPendingCase(
  db: Db,
  actor: Actor,
  scope: UnitScope,
  raw: RegisterInput,
  now = new Date(),
) {
  const input = registerInput(localDate(now)).parse(raw);
  try {
    return await audited(db, async (tx) => {
      const court = await courtUnit(tx);
      mayChange(scope, court.id);
      const created = await tx.longPendingCase.create({
        data: { ...input, unitId: court.id, createdById: actor.userId },
      });
      await addEvent(tx, actor, created.id, 'registered', `清理措施：${input.plan ?? '（未填）'}`);
      await audit(tx, actor, {
        action: 'longPending.register',
        entity: 'longPendingCase',
        entityId: created.id,
        unitId: court.id,
        after: created,
      });
      return created;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`案号${input.caseNumber}已在登记册中`, 'caseNumber');
    throw e;
  }
}

const fieldNames: Record<keyof ReturnType<ReturnType<typeof updateInput>['parse']>, string> = {
  caseType: '案件类型',
  parties: '当事人',
  enterprise: '涉及企业',
  filedOn: '立案日期',
  handler: '承办法官/部门',
  plan: '清理措施',
  targetOn: '目标结案日期',
};

/** Edits the case's facts and plan; the timeline names what changed. */
export async function updateLongPendingCase(
  db: Db,
  actor: Actor,
  scope: UnitScope,
  id: number,
  raw: UpdateInput,
  now = new Date(),
) {
  const input = updateInput(localDate(now)).parse(raw);
  return audited(db, async (tx) => {
    const before = await openCase(tx, scope, id);
    const changed = (Object.keys(fieldNames) as (keyof typeof fieldNames)[]).filter(
      (k) => before[k] !== input[k],
    );
    if (!changed.length) return before;
    const after = await tx.longPendingCase.update({ where: { id }, data: input });
    await addEvent(tx, actor, id, 'updated', `修改：${changed.map((k) => fieldNames[k]).join('、')}`);
    await audit(tx, actor, {
      action: 'longPending.update',
      entity: 'longPendingCase',
      entityId: id,
      unitId: before.unitId,
      before,
      after,
    });
    return after;
  });
}

export async function recordLongPendingProgress(
  db: Db,
  actor: Actor,
  scope: UnitScope,
  id: number,
  raw: unknown,
) {
  const { content } = progressInput.parse(raw);
  return audited(db, async (tx) => {
    const found = await openCase(tx, scope, id);
    await addEvent(tx, actor, id, 'progress', content);
    const after = await tx.longPendingCase.update({ where: { id }, data: { updatedAt: new Date() } });
    await audit(tx, actor, {
      action: 'longPending.progressNote',
      entity: 'longPendingCase',
      entityId: id,
      unitId: found.unitId,
      after: { content },
    });
    return after;
  });
}

export async function closeLongPendingCase(
  db: Db,
  actor: Actor,
  scope: UnitScope,
  id: number,
  raw: CloseInput,
  now = new Date(),
) {
  const input = closeInput(localDate(now)).parse(raw);
  return audited(db, async (tx) => {
    const before = await openCase(tx, scope, id);
    if (input.closedOn < before.filedOn) throw invalid('结案日期不能早于立案日期', 'closedOn');
    const after = await tx.longPendingCase.update({
      where: { id },
      data: { status: 'closed', closedOn: input.closedOn, closingMethod: input.closingMethod },
    });
    const how = `${closingMethodNames[input.closingMethod]}结案，结案日期 ${input.closedOn}`;
    await addEvent(tx, actor, id, 'closed', input.note ? `${how}：${input.note}` : how);
    await audit(tx, actor, {
      action: 'longPending.conclude',
      entity: 'longPendingCase',
      entityId: id,
      unitId: before.unitId,
      before,
      after: { ...after, note: input.note },
    });
    return after;
  });
}
