// Use cases of a coordination meeting (协调会) on a case: open it (sequence 1, 2, … with an opinion row per
// involved unit), save a unit's written opinion, fix and move its time, record that invitations went out, and
// record the minutes with the agreed items (tasks with a responsible unit and a deadline — never findings of
// fact or verdicts). Each runs inside the caller's transaction and writes its audit row there.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { audit, type Actor } from '../audit';
import { endOfDueDay, zone } from '../calendar/deadline';
import type { Prisma, Tx } from '../db/client';
import { invalid, notFound } from '../errors';
import { caseByNumber, setCaseStatus } from './cases';
import { inSequence } from '../db/in-sequence';
import { unitByCode } from '../units';

export async function meetingOf(tx: Tx, caseNumber: string, sequence: number) {
  const c = await caseByNumber(tx, caseNumber);
  const meeting = await tx.coordinationMeeting.findUnique({
    where: { caseId_sequence: { caseId: c.id, sequence } },
  });
  if (!meeting) throw notFound(`案件 ${caseNumber} 的第 ${sequence} 次协调会`);
  return { case: c, meeting };
}

/** Opens the next meeting of a case with a pending opinion per involved unit, due at `opinionDueAt`. */
export async function openMeeting(tx: Tx, actor: Actor, caseNumber: string, opinionDueAt: Date, now: Date) {
  const c = await caseByNumber(tx, caseNumber);
  const last = await tx.coordinationMeeting.findFirst({
    where: { caseId: c.id },
    orderBy: { sequence: 'desc' },
  });
  const meeting = await tx.coordinationMeeting.create({
    data: { caseId: c.id, sequence: (last?.sequence ?? 0) + 1, createdAt: now },
  });
  for (const u of c.involvedUnits)
    await tx.caseOpinion.create({
      data: { caseId: c.id, meetingId: meeting.id, unitId: u.unitId, dueAt: opinionDueAt },
    });
  await audit(tx, actor, {
    action: 'coordinationMeeting.create',
    entity: 'coordinationMeeting',
    entityId: meeting.id,
    unitId: c.handlingUnitId,
    after: { ...meeting, caseNumber, opinionDueAt },
  });
  await setCaseStatus(tx, actor, caseNumber, 'opinions');
  return meeting;
}

export const opinionInput = z.object({
  content: z.string().trim().min(1, '请填写意见内容').max(5000),
  legalBasis: z.string().trim().max(2000).nullish(),
  contactName: z.string().trim().max(50).nullish(),
  contactPhone: z.string().trim().max(30).nullish(),
});
export type OpinionInput = z.input<typeof opinionInput>;

/** The opinion as the record keeps it: the content, then its basis and the contact on their own lines. */
export function opinionText(o: z.output<typeof opinionInput>): string {
  return [
    o.content,
    ...(o.legalBasis ? [`依据：${o.legalBasis}`] : []),
    ...(o.contactName || o.contactPhone
      ? [`承办人：${[o.contactName, o.contactPhone].filter(Boolean).join('，')}`]
      : []),
  ].join('\n');
}

export async function saveOpinion(
  tx: Tx,
  actor: Actor,
  ref: { caseNumber: string; sequence: number; unitCode: string },
  raw: OpinionInput,
  now: Date,
) {
  const input = opinionInput.parse(raw);
  const { case: c, meeting } = await meetingOf(tx, ref.caseNumber, ref.sequence);
  const unit = await unitByCode(tx, ref.unitCode, 'unitCode');
  const before = await tx.caseOpinion.findUnique({
    where: { meetingId_unitId: { meetingId: meeting.id, unitId: unit.id } },
  });
  const data = { content: opinionText(input), submittedAt: now };
  const row = before
    ? await tx.caseOpinion.update({ where: { id: before.id }, data })
    : await tx.caseOpinion.create({
        data: { ...data, caseId: c.id, meetingId: meeting.id, unitId: unit.id },
      });
  await audit(tx, actor, {
    action: 'caseOpinion.submit',
    entity: 'caseOpinion',
    entityId: row.id,
    unitId: unit.id,
    before: before ?? undefined,
    after: row,
  });
  return row;
}

/** Involved units whose opinion for the meeting is still missing, with the opinion rows. */
export async function missingOpinions(tx: Tx, caseNumber: string, sequence: number) {
  const { case: c, meeting } = await meetingOf(tx, caseNumber, sequence);
  const rows = await tx.caseOpinion.findMany({
    where: { meetingId: meeting.id, submittedAt: null },
    include: { unit: true },
    orderBy: { unit: { sortOrder: 'asc' } },
  });
  return { case: c, meeting, rows };
}

export async function markOpinionsReminded(tx: Tx, actor: Actor, ids: number[], stage: string, now: Date) {
  for (const id of ids) {
    const row = await tx.caseOpinion.update({ where: { id }, data: { remindedAt: now } });
    await audit(tx, actor, {
      action: `caseOpinion.remind.${stage}`,
      entity: 'caseOpinion',
      entityId: id,
      unitId: row.unitId,
      after: { remindedAt: now },
    });
  }
}

/** A form date-time (utc_offset or any ISO 8601) as an instant; a naive one is read in Asia/Shanghai. */
export function parseDateTime(value: string, field: string): Date {
  const dt = DateTime.fromISO(value.trim(), { zone, setZone: true });
  if (!dt.isValid) throw invalid(`“${value}”不是有效的日期时间`, field);
  return dt.toJSDate();
}

export interface Attendee extends Prisma.JsonObject {
  unitCode: string | null;
  name: string;
  role: 'unit' | 'people';
}

export const scheduleInput = z.object({
  meetingAt: z.string().min(1),
  meetingPlace: z.string().trim().min(1, '请填写会议地点').max(100),
  meetingChair: z.string().trim().min(1, '请填写主持人').max(50),
  meetingAttendeeUnits: z.array(z.string().trim().min(1)).min(1, '请选择参会单位'),
  meetingAttendees: z.string().trim().max(2000).nullish(),
});
export type ScheduleInput = z.input<typeof scheduleInput>;

export async function scheduleMeeting(
  tx: Tx,
  actor: Actor,
  ref: { caseNumber: string; sequence: number },
  raw: ScheduleInput,
) {
  const input = scheduleInput.parse(raw);
  const scheduledAt = parseDateTime(input.meetingAt, 'meetingAt');
  const { case: c, meeting } = await meetingOf(tx, ref.caseNumber, ref.sequence);
  const units = await inSequence([...new Set(input.meetingAttendeeUnits)], (code) =>
    unitByCode(tx, code, 'meetingAttendeeUnits'),
  );
  const attendees: Attendee[] = [
    ...units.map((u): Attendee => ({ unitCode: u.code, name: u.name, role: 'unit' })),
    ...(input.meetingAttendees
      ? [{ unitCode: null, name: input.meetingAttendees, role: 'people' as const }]
      : []),
  ];
  const data = {
    scheduledAt,
    place: input.meetingPlace,
    chair: input.meetingChair,
    attendees,
    status: 'planned' as const,
  };
  const after = await tx.coordinationMeeting.update({ where: { id: meeting.id }, data });
  await audit(tx, actor, {
    action: 'coordinationMeeting.schedule',
    entity: 'coordinationMeeting',
    entityId: meeting.id,
    unitId: c.handlingUnitId,
    before: meeting,
    after,
  });
  await setCaseStatus(tx, actor, ref.caseNumber, 'meeting_scheduled');
  return after;
}

export async function rescheduleMeeting(
  tx: Tx,
  actor: Actor,
  ref: { caseNumber: string; sequence: number },
  newMeetingAt: string,
  reason: string | null,
) {
  const scheduledAt = parseDateTime(newMeetingAt, 'newMeetingAt');
  const { case: c, meeting } = await meetingOf(tx, ref.caseNumber, ref.sequence);
  const after = await tx.coordinationMeeting.update({
    where: { id: meeting.id },
    data: { scheduledAt, rescheduleCount: { increment: 1 } },
  });
  await audit(tx, actor, {
    action: 'coordinationMeeting.reschedule',
    entity: 'coordinationMeeting',
    entityId: meeting.id,
    unitId: c.handlingUnitId,
    before: { scheduledAt: meeting.scheduledAt, rescheduleCount: meeting.rescheduleCount },
    after: { scheduledAt, rescheduleCount: after.rescheduleCount, rescheduleReason: reason },
  });
  return after;
}

export async function markInvitationsSent(
  tx: Tx,
  actor: Actor,
  meetingId: number,
  template: string,
  now: Date,
) {
  const after = await tx.coordinationMeeting.update({
    where: { id: meetingId },
    data: { invitationsSentAt: now },
  });
  await audit(tx, actor, {
    action: `coordinationMeeting.${template === 'meeting.rescheduled' ? 'rescheduleNotice' : 'invite'}`,
    entity: 'coordinationMeeting',
    entityId: meetingId,
    after: { invitationsSentAt: now, rescheduleCount: after.rescheduleCount },
  });
  return after;
}

export const agreedItemInput = z.object({
  description: z.string().trim().min(1, '请填写工作任务').max(2000),
  leadUnitCode: z.string().trim().min(1, '请选择责任单位'),
  assistingUnitCodes: z.array(z.string()).nullish(),
  measures: z.string().trim().max(2000).nullish(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}/, '期限应为日期'),
});
export type AgreedItemInput = z.input<typeof agreedItemInput>;

export async function recordMinutes(
  tx: Tx,
  actor: Actor,
  ref: { caseNumber: string; sequence: number },
  input: { attendance: string | null; minutes: string; items: AgreedItemInput[] },
  now: Date,
) {
  if (!input.minutes.trim()) throw invalid('请填写会议纪要', 'minutes');
  const items = input.items.map((i) => agreedItemInput.parse(i));
  const { case: c, meeting } = await meetingOf(tx, ref.caseNumber, ref.sequence);
  const minutes = input.attendance
    ? `实到人员：${input.attendance.trim()}\n\n${input.minutes.trim()}`
    : input.minutes.trim();
  const held = await tx.coordinationMeeting.update({
    where: { id: meeting.id },
    data: { status: 'held', minutes, minutesAt: now },
  });
  const created = [];
  for (const [i, item] of items.entries()) {
    const unit = await unitByCode(tx, item.leadUnitCode, `agreedItems[${i}].leadUnitCode`);
    const dueAt = endOfDueDay(item.dueDate.slice(0, 10));
    created.push(
      await tx.agreedItem.create({
        data: {
          meetingId: meeting.id,
          sequence: i + 1,
          description: item.description,
          responsibleUnitId: unit.id,
          dueAt,
        },
      }),
    );
  }
  await audit(tx, actor, {
    action: 'coordinationMeeting.minutes',
    entity: 'coordinationMeeting',
    entityId: meeting.id,
    unitId: c.handlingUnitId,
    before: { status: meeting.status },
    after: { ...held, agreedItems: created },
  });
  await setCaseStatus(tx, actor, ref.caseNumber, 'following_up');
  return { meeting: held, agreedItems: created };
}
