// A user changes their own password: the current one proves it is them, the new one must differ from it and
// from the username. Clears the forced-change flag (first sign-in, admin reset) and ends the user's other
// sessions, so a password that leaked stops working everywhere but here.
import { z } from 'zod';
import { audit, audited } from '../audit';
import type { Db } from '../db/client';
import { invalid, notFound } from '../errors';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-policy';
import type { Principal } from './roles';

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码').max(200),
    newPassword: z.string().min(1, '请输入新密码').max(200, '新密码过长'),
  })
  .strict();

export async function changeOwnPassword(
  db: Db,
  principal: Principal,
  keepSessionId: string,
  raw: unknown,
): Promise<void> {
  const input = changePasswordInput.parse(raw);
  const user = await db.user.findUnique({ where: { id: principal.userId } });
  if (!user) throw notFound('用户');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw invalid('当前密码不正确', 'currentPassword');
  if (input.newPassword === input.currentPassword) throw invalid('新密码不能与当前密码相同', 'newPassword');
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw invalid(problem.replace(/^密码/, '新密码'), 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await audited(db, async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false },
    });
    await tx.session.deleteMany({ where: { userId: user.id, id: { not: keepSessionId } } });
    await audit(
      tx,
      { userId: user.id, label: user.username },
      { action: 'user.changePassword', entity: 'user', entityId: user.id, unitId: user.unitId },
    );
  });
}
