// Use cases of user administration: list, create, update (role, unit, active, contact), reset a password and
// lift a lock-out. A unit user or unit lead must belong to a unit; every change is audited.
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import { hashPassword } from '../auth/password';
import { acceptablePassword } from '../auth/password-policy';
import { roles, unitScopedRoles, type Role } from '../auth/roles';
import { isUniqueViolation, type Db, type Tx } from '../db/client';
import { conflict, invalid, notFound } from '../errors';
import { unitByCode } from '../units';

const password = acceptablePassword;

export const createUserInput = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名为3–40位小写字母、数字、点、下划线或连字符'),
  displayName: z.string().trim().min(1, '请填写姓名').max(50, '姓名不超过50字'),
  role: z.enum(roles, { message: `角色必须是 ${roles.join('、')} 之一` }),
  unitCode: z.string().trim().min(1).nullable().optional(),
  email: z.email('邮箱格式不正确').nullable().optional(),
  phone: z.string().trim().max(30, '电话不超过30位').nullable().optional(),
  password,
});

export const updateUserInput = createUserInput
  .omit({ username: true, password: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict();

export const resetPasswordInput = z.object({ password });

const publicFields = {
  id: true,
  username: true,
  displayName: true,
  email: true,
  phone: true,
  role: true,
  active: true,
  lockedUntil: true,
  lastLoginAt: true,
  createdAt: true,
  unit: { select: { code: true, shortName: true } },
} as const;

async function resolveUnit(tx: Tx, role: Role, unitCode: string | null | undefined): Promise<number | null> {
  if (!unitCode) {
    if (unitScopedRoles.includes(role)) throw invalid('成员单位用户必须指定所属单位', 'unitCode');
    return null;
  }
  return (await unitByCode(tx, unitCode, 'unitCode')).id;
}

export function listUsers(db: Db) {
  return db.user.findMany({ select: publicFields, orderBy: { username: 'asc' } });
}

export async function createUser(db: Db, actor: Actor, raw: unknown) {
  const input = createUserInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  try {
    return await audited(db, async (tx) => {
      const unitId = await resolveUnit(tx, input.role, input.unitCode);
      const { unitCode: _unitCode, password: _password, ...data } = input;
      const user = await tx.user.create({
        data: { ...data, unitId, passwordHash, mustChangePassword: true },
        select: publicFields,
      });
      await audit(tx, actor, {
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        unitId,
        after: user,
      });
      return user;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`用户名“${input.username}”已存在`, 'username');
    throw e;
  }
}

export async function updateUser(db: Db, actor: Actor, id: number, raw: unknown) {
  const input = updateUserInput.parse(raw);
  return audited(db, async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: { ...publicFields, unitId: true } });
    if (!before) throw notFound('用户');
    const role = (input.role ?? before.role) as Role;
    // The last active admin cannot lock everyone out of administration.
    const losesAdmin =
      before.role === 'admin' && before.active && (input.active === false || role !== 'admin');
    if (losesAdmin && (await tx.user.count({ where: { role: 'admin', active: true } })) <= 1)
      throw conflict('这是唯一启用的系统管理员账户，不能停用或改为其他角色；请先创建另一个管理员', 'active');
    const unitCode = input.unitCode === undefined ? before.unit?.code : input.unitCode;
    const unitId = await resolveUnit(tx, role, unitCode);
    const { unitCode: _unitCode, ...data } = input;
    const user = await tx.user.update({ where: { id }, data: { ...data, unitId }, select: publicFields });
    if (input.active === false || input.role !== undefined || input.unitCode !== undefined) {
      await tx.session.deleteMany({ where: { userId: id } }); // rights changed: sign in again
    }
    await audit(tx, actor, {
      action: 'user.update',
      entity: 'user',
      entityId: id,
      unitId,
      before,
      after: user,
    });
    return user;
  });
}

export async function resetPassword(db: Db, actor: Actor, id: number, raw: unknown): Promise<void> {
  const input = resetPasswordInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  await audited(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound('用户');
    await tx.user.update({
      where: { id },
      data: {
        passwordHash,
        passwordChangedAt: new Date(),
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
      },
    });
    await tx.session.deleteMany({ where: { userId: id } });
    await audit(tx, actor, {
      action: 'user.resetPassword',
      entity: 'user',
      entityId: id,
      unitId: user.unitId,
    });
  });
}

export async function unlockUser(db: Db, actor: Actor, id: number) {
  return audited(db, async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw notFound('用户');
    const user = await tx.user.update({
      where: { id },
      data: { failedLogins: 0, lockedUntil: null },
      select: publicFields,
    });
    await audit(tx, actor, {
      action: 'user.unlock',
      entity: 'user',
      entityId: id,
      unitId: before.unitId,
      before: { failedLogins: before.failedLogins, lockedUntil: before.lockedUntil },
      after: { failedLogins: 0, lockedUntil: null },
    });
    return user;
  });
}
