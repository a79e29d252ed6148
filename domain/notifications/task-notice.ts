// The 【待办】 notice of a new user task to each of its candidate units — the unit's mailbox and the people of the
// unit who may work it (the task's `role` header), and the unit's group robot; for `coordinators` the office, for
// `leaders` the leaders — through the outbox under the key `task.assigned:<userTaskKey>:<unit code>`: whoever
// announces the task again, or at the same time, adds nothing.
import { isUniqueViolation, type Db } from '../db/client';
import type { MailSettings } from './compose';
import { enqueueChat } from './chat/enqueue';
import { chatPlatforms } from './chat/platforms';
import { enqueueMail } from './outbox';
import { addresses, roleAddressees, unitAddressees } from './recipients';
import { taskAssigned } from './templates/tasks';
import { taskLink } from './templates/links';
import type { OutgoingMail } from './types';

/** What the notice needs of an engine user task (REST v2 user-task search item). */
export interface NewTask {
  userTaskKey: string;
  name?: string;
  processName?: string;
  processDefinitionId: string;
  processInstanceKey: string;
  dueDate?: string;
  customHeaders?: Record<string, string>;
}

/** The domain record the task works on, when there is one (its number is the business key people know). */
export interface TaskRecord {
  number: string;
  kindLabel: string;
  title: string;
  /** What the outbox row concerns (its page on the outbox list), when the record has one. */
  relatedType?: string;
  relatedId?: number;
}

// Who of the unit is told besides its mailbox: those who may complete the task (web/server/tasks/access.ts).
const rolesFor: Record<string, string[]> = {
  'unit-user': ['unit-user', 'unit-lead'],
  'unit-lead': ['unit-lead'],
};

/** One addressee of a notice: a candidate unit, the office (for `coordinators`) or the leaders. */
export interface NoticeTarget {
  /** The last part of the idempotency key: the unit code, or `leaders`. */
  code: string;
  name: string;
  /** The unit whose outbox list shows it and whose group robot gets it (none for the leaders). */
  unitId: number | null;
  to: string[];
}

/** The task's candidate groups as addressees: each active unit among them, the office for `coordinators` (its
 * mailbox and coordinators) and the leaders for `leaders`; other groups name no one. */
export async function noticeTargets(db: Db, task: NewTask & { candidateGroups?: string[] }) {
  const groups = task.candidateGroups ?? [];
  const role = task.customHeaders?.role;
  const units = await db.unit.findMany({
    where: {
      active: true,
      OR: [
        { code: { in: groups } },
        ...(groups.includes('coordinators') ? [{ kind: 'office' as const }] : []),
      ],
    },
    select: { id: true, code: true, name: true, kind: true },
    orderBy: { sortOrder: 'asc' },
  });
  const targets: NoticeTarget[] = [];
  for (const unit of units) {
    const roles = groups.includes(unit.code) ? (role ? rolesFor[role] : undefined) : ['coordinator'];
    const to = addresses(await unitAddressees(db, unit.code, roles));
    targets.push({ code: unit.code, name: unit.name, unitId: unit.id, to });
  }
  if (groups.includes('leaders'))
    targets.push({
      code: 'leaders',
      name: '专班领导',
      unitId: null,
      to: addresses(await roleAddressees(db, ['leader'])),
    });
  return targets;
}

export type NoticeOutcome = 'enqueued' | 'already' | 'chat-only' | 'nobody';

export const taskNoticeKey = (userTaskKey: string, code: string) => `task.assigned:${userTaskKey}:${code}`;

export async function enqueueTaskNotice(
  db: Db,
  input: {
    task: NewTask;
    target: NoticeTarget;
    record?: TaskRecord;
    settings: MailSettings;
    now: Date;
  },
): Promise<NoticeOutcome> {
  const { task, target, record, settings, now } = input;
  const { to } = target;
  const idempotencyKey = taskNoticeKey(task.userTaskKey, target.code);
  if (await db.outboxMessage.findUnique({ where: { idempotencyKey }, select: { id: true } }))
    return 'already';
  const mail: OutgoingMail = {
    idempotencyKey,
    to,
    content: taskAssigned({
      recipient: target.name,
      taskName: task.name || '待办事项',
      processName: task.processName || task.processDefinitionId,
      businessKey: record?.number ?? `流程实例 ${task.processInstanceKey}`,
      summary: record ? `${record.kindLabel}：${record.title}` : undefined,
      dueAt: task.dueDate ? new Date(task.dueDate) : undefined,
      url: taskLink(task.userTaskKey),
    }),
    unitId: target.unitId,
    relatedType: record?.relatedType,
    relatedId: record?.relatedId ?? null,
  };
  // No transaction around the two rows: the group copy is stored first and found again by its own key, so an
  // interrupted enqueue is completed by the next pass (and SQLite's write lock is held for single statements only).
  try {
    if (to.length > 0) return (await enqueueMail(db, mail, settings, now)).created ? 'enqueued' : 'already';
    // A unit without any mail address still hears of it in its group, when it has a robot.
    const chatKeys = chatPlatforms.map((p) => `${idempotencyKey}#${p}`);
    if (
      await db.outboxMessage.findFirst({ where: { idempotencyKey: { in: chatKeys } }, select: { id: true } })
    )
      return 'already';
    return (await enqueueChat(db, mail, now)) === null ? 'nobody' : 'chat-only';
  } catch (e) {
    // Another scheduler stored the same notice between the look and the insert.
    if (isUniqueViolation(e)) return 'already';
    throw e;
  }
}
