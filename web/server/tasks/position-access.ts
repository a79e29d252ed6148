// A task reserved to a roster position (static header `position`, e.g. `head` on the 重大事项 decision: plan
// §三(二) 重大事项及时报工作专班组长) may be completed only by the user holding that position at the moment of
// completion — the candidate users computed when the task was created may be stale after a change of holder. A
// vacant position (no holder, or a deactivated one) passes to the holders of the positions whose code starts with
// the header `positionIfVacant` (`deputy-head` covers every 副组长), so a matter never waits on a vacancy.
import type { Db } from '../../../domain/db/client';
import type { TaskLike, Viewer } from './access';

const noHolder = '请管理员先在“管理 · 单位与职务”中指定任职人员';

async function holdersOf(db: Db, where: { code: string } | { code: { startsWith: string } }) {
  const rows = await db.position.findMany({ where, include: { holder: true } });
  return {
    title: rows[0]?.title ?? '指定职务',
    usernames: rows.flatMap((p) => (p.holder?.active ? [p.holder.username] : [])),
  };
}

/** Why the viewer may not complete a position-bound task, or undefined when they may (or it is not bound). */
export async function positionRefusal(db: Db, task: TaskLike, viewer: Viewer): Promise<string | undefined> {
  const code = task.customHeaders?.position;
  if (!code) return undefined;
  const me = viewer.principal.username;
  const own = await holdersOf(db, { code });
  if (own.usernames.includes(me)) return undefined;
  if (own.usernames.length) return `该任务须由${own.title}本人办理，您可以查看但不能提交`;
  const prefix = task.customHeaders?.positionIfVacant;
  if (!prefix) return `${own.title}职务无在任人员，${noHolder}`;
  const stand = await holdersOf(db, { code: { startsWith: prefix } });
  if (stand.usernames.includes(me)) return undefined;
  return stand.usernames.length
    ? `${own.title}职务空缺，该任务须由${stand.title}办理，您可以查看但不能提交`
    : `${own.title}、${stand.title}职务均无在任人员，${noHolder}`;
}
