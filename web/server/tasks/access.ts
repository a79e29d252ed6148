// Who sees and who works a user task. A task is visible when its candidate groups include one of the user's
// groups — the unit code for unit users and leads, `coordinators` for the office, `leaders` for leadership —
// or when it is assigned to the user. Inside the group, the task's static header `role` decides who may
// complete it: `unit-lead` tasks only the unit's lead, `unit-user` tasks the unit's staff and its lead (a lead
// may act for the staff), `coordinator` and `leader` tasks those roles.
import type { Principal, Role } from '../../../domain/auth/roles';
import type { Db } from '../../../domain/db/client';

export interface Viewer {
  principal: Principal;
  groups: string[];
  unitCode?: string;
  unitName?: string;
}

export interface TaskLike {
  candidateGroups?: string[] | null;
  assignee?: string | null;
  customHeaders?: Record<string, string> | null;
  state?: string;
}

const unitCache = new Map<number, { code: string; name: string }>();

export async function viewerOf(db: Db, principal: Principal): Promise<Viewer> {
  let unit: { code: string; name: string } | undefined;
  if (principal.unitId !== null) {
    unit = unitCache.get(principal.unitId);
    if (!unit) {
      const row = await db.unit.findUnique({
        where: { id: principal.unitId },
        select: { code: true, shortName: true },
      });
      if (row) unitCache.set(principal.unitId, (unit = { code: row.code, name: row.shortName }));
    }
  }
  const groups =
    principal.role === 'coordinator'
      ? ['coordinators']
      : principal.role === 'leader'
        ? ['leaders']
        : (principal.role === 'unit-user' || principal.role === 'unit-lead') && unit
          ? [unit.code]
          : [];
  return { principal, groups, unitCode: unit?.code, unitName: unit?.name };
}

export function isVisible(task: TaskLike, viewer: Viewer): boolean {
  if (task.assignee && task.assignee === viewer.principal.username) return true;
  return (task.candidateGroups ?? []).some((g) => viewer.groups.includes(g));
}

const mayAct: Record<string, readonly Role[]> = {
  'unit-user': ['unit-user', 'unit-lead'],
  'unit-lead': ['unit-lead'],
  coordinator: ['coordinator'],
  leader: ['leader'],
};

const roleWords: Record<string, string> = {
  'unit-user': '本单位工作人员',
  'unit-lead': '本单位负责人',
  coordinator: '专班办公室工作人员',
  leader: '专班领导',
};

/** Why the viewer may not complete the task, or undefined when they may. */
export function completionRefusal(task: TaskLike, viewer: Viewer): string | undefined {
  const role = task.customHeaders?.role;
  const allowed = role ? mayAct[role] : undefined;
  if (allowed && !allowed.includes(viewer.principal.role))
    return `该任务须由${roleWords[role!] ?? role}办理，您可以查看但不能提交`;
  if (!allowed && !isVisible(task, viewer)) return '该任务不属于您的单位';
  return undefined;
}
