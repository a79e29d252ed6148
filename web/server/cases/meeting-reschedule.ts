// 会议改期: the office moves a case's scheduled coordination meeting. The model waits for the meeting at an
// event-based gateway (the meeting time, or the message `meeting-rescheduled`); the worker behind the catch
// event records the move and the new invitations go out (web/server/messages/routes.ts sends it).
import { DateTime } from 'luxon';
import type { Db } from '../../../domain/db/client';
import { fieldError, type MessageFormSpec } from '../messages/spec';
import { HttpError } from '../http/problem';

const zone = 'Asia/Shanghai';

/** The case's meeting that is scheduled and not yet held, if any. */
async function upcomingMeeting(db: Db, caseNumber: string) {
  const meeting = await db.coordinationMeeting.findFirst({
    where: { case: { number: caseNumber }, status: 'planned', scheduledAt: { not: null }, minutesAt: null },
    orderBy: { sequence: 'desc' },
  });
  return meeting?.scheduledAt ? { ...meeting, scheduledAt: meeting.scheduledAt } : null;
}

export const meetingReschedule: MessageFormSpec = {
  formId: 'meeting-reschedule',
  label: '会议改期',
  processId: 'case-coordination',
  message: 'meeting-rescheduled',
  correlationVariable: 'caseNumber',
  catchEventId: 'Event_Rescheduled',
  workerActsForSender: true,
  auditVerb: 'rescheduleMeeting',
  waitingElementId: 'Gateway_MeetingEvent',
  action: 'case.rescheduleMeeting',
  async data({ vars }) {
    return { caseNumber: vars.get('caseNumber') };
  },
  async check({ db, vars, now }, values) {
    const caseNumber = String(vars.get('caseNumber'));
    const at = DateTime.fromISO(String(values.newMeetingAt), { zone, setZone: true });
    if (!at.isValid) throw fieldError('newMeetingAt', '新的会议时间不是有效的日期时间');
    if (at.toMillis() <= now.getTime()) throw fieldError('newMeetingAt', '新的会议时间应晚于当前时间');
    const meeting = await upcomingMeeting(db, caseNumber);
    if (!meeting)
      throw new HttpError(409, '无法会议改期', '该案件当前没有等待召开的协调会，无法改期；请刷新后查看');
    if (meeting.scheduledAt.getTime() === at.toMillis())
      throw fieldError('newMeetingAt', '新的会议时间与原定时间相同');
    return {
      newMeetingAt: at.setZone(zone).toISO({ suppressMilliseconds: true }),
      rescheduleReason: String(values.rescheduleReason).trim(),
    };
  },
  done: (v) =>
    `已改期至 ${DateTime.fromISO(String(v.newMeetingAt), { zone }).toFormat('yyyy年M月d日 HH:mm')}，各参会单位将收到新的会议通知`,
};

export interface MeetingFacts {
  caseNumber: string;
  sequence: number;
  scheduledAt: string;
  place: string | null;
  rescheduleCount: number;
}

/** What the instance page shows of a case's next meeting. */
export async function meetingFacts(db: Db, caseNumber: string): Promise<MeetingFacts | null> {
  const m = await upcomingMeeting(db, caseNumber);
  if (!m) return null;
  return {
    caseNumber,
    sequence: m.sequence,
    scheduledAt: m.scheduledAt.toISOString(),
    place: m.place,
    rescheduleCount: m.rescheduleCount,
  };
}
