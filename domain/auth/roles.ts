// Authorization in one place: the roles of DOMAIN.md, the actions of the system and which roles may perform
// each (every web route and every worker-facing action names one of these), and unit scoping — a unit user or
// unit lead sees and acts only on records of its own unit.

export const roles = ['coordinator', 'unit-user', 'unit-lead', 'leader', 'admin'] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, string> = {
  coordinator: '专班办公室工作人员',
  'unit-user': '成员单位工作人员',
  'unit-lead': '成员单位负责人',
  leader: '专班领导',
  admin: '系统管理员',
};

/** Roles whose users belong to one unit and see only that unit's records. */
export const unitScopedRoles: readonly Role[] = ['unit-user', 'unit-lead'];

const staff: Role[] = ['coordinator', 'unit-user', 'unit-lead'];
const readers: Role[] = ['coordinator', 'unit-user', 'unit-lead', 'leader'];

export const permissions = {
  // any signed-in user
  'session.read': [...roles],
  'reference.read': [...roles],
  'deadline.compute': [...roles],
  // administration
  'admin.users': ['admin'],
  'admin.units': ['admin'],
  'admin.calendars': ['admin'],
  'admin.deadlineRules': ['admin'],
  'admin.audit': ['admin'],
  // records (scoped by unit for unit roles)
  'ledger.read': readers,
  'ledger.open': ['coordinator'],
  'ledger.progress': staff,
  'ledger.acknowledge': ['unit-user', 'unit-lead'],
  'ledger.requestExtension': ['unit-user', 'unit-lead'],
  'ledger.decideExtension': ['coordinator'],
  'ledger.verify': ['coordinator'],
  'petition.read': readers,
  'petition.register': staff,
  'petition.classify': ['unit-user', 'unit-lead'],
  'petition.signReply': ['unit-lead'],
  'petition.requestExtension': ['unit-user', 'unit-lead'],
  'petition.approveExtension': ['unit-lead'],
  'case.read': readers,
  'case.register': ['coordinator'],
  'case.screen': ['coordinator'],
  'case.submitOpinion': ['unit-user', 'unit-lead'],
  'case.rescheduleMeeting': ['coordinator'],
  'meeting.record': ['coordinator'],
  'weeklyReport.read': readers,
  'weeklyReport.submit': ['unit-user', 'unit-lead'],
  'weeklyReport.signOff': ['unit-lead'],
  'weeklyReport.consolidate': ['coordinator'],
  'weeklyReport.makeup': ['unit-user', 'unit-lead'], // 补报 after the cut-off, own unit only
  'progressMeeting.record': ['coordinator'], // 推进会

  'dashboard.read': ['coordinator', 'leader'],
  // 督导通报: the office and the leaders see every circular, a unit those sent to it; the office generates
  'circular.read': readers,
  'circular.generate': ['coordinator'],
  // 我的待办, start forms, evidence files and search (web, issue 8): the task's own header decides completion
  'task.read': readers,
  'task.work': readers,
  'process.start': staff,
  'attachment.upload': readers,
  'attachment.read': readers,
  'search.read': readers,
  'ledger.import': ['coordinator'],
  'outbox.read': ['coordinator', 'unit-user', 'unit-lead', 'leader', 'admin'],
  'outbox.resend': ['admin'],
  'admin.plan': ['admin'],
  'monitor.read': [...readers, 'admin'],
  'instance.read': [...readers, 'admin'],
  'instance.retry': ['admin', 'coordinator'],
  // 宣传 (each unit its own) and 考核: the office and leaders read the ranking, the office scores, the admin sets rules
  'publicity.read': readers,
  'publicity.record': staff,
  'assessment.read': ['coordinator', 'leader', 'admin'],
  'assessment.enter': ['coordinator'],
  'assessment.rules': ['admin'],
  // 奖惩: the office records them; every unit reads its own, the office and leaders all
  'sanction.read': readers,
  'sanction.record': ['coordinator'],
  // 案件评查 (plan tasks 4, 6, 7): the reviewing unit records its own
  'caseReview.read': readers,
  'caseReview.record': staff,
  'caseReview.raise': staff,
  // 长期未结案件 (task 5): every reader sees the court's register; the court's users and the office change it
  // (a unit user of another unit is refused in the domain), and raise a case into a review batch or the ledger
  'longPending.read': readers,
  'longPending.record': staff,
  'longPending.raise': staff,
  // 全市位次: the owning unit enters its own indicators' period figures, the office any and lists a period
  // outside the 先进位次 in the ledger; the leaders read them on the dashboard
  'indicatorRank.read': readers,
  'indicatorRank.enter': staff,
  'indicatorRank.raise': ['coordinator'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

export interface Principal {
  userId: number;
  username: string;
  role: Role;
  unitId: number | null;
  /** A first or reset password: only the session routes and the password change are open until it is changed. */
  mustChangePassword?: boolean;
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function can(principal: Pick<Principal, 'role'>, action: Action): boolean {
  return (permissions[action] as readonly Role[]).includes(principal.role);
}

/** The units whose records a principal may see: all, or only its own (none when it has no unit). */
export type UnitScope = { all: true } | { all: false; unitId: number | null };

export function unitScope(principal: Pick<Principal, 'role' | 'unitId'>): UnitScope {
  return unitScopedRoles.includes(principal.role) ? { all: false, unitId: principal.unitId } : { all: true };
}

/** True when a record that belongs to any of `unitIds` is visible within `scope`. */
export function inScope(scope: UnitScope, unitIds: readonly (number | null | undefined)[]): boolean {
  return scope.all || (scope.unitId !== null && unitIds.includes(scope.unitId));
}
