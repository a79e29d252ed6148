// Coordination-meeting invitations with an .ics calendar invitation (METHOD:REQUEST; the UID stays the same
// for the meeting, SEQUENCE grows with every reschedule so calendars move the entry).
import type { MailContent } from '../types';
import { buildInvitation, type CalendarPerson } from '../ics';
import { letter, zhDateTime } from './layout';
import { recordLink } from './links';

export interface MeetingInvitation {
  /** Stable per meeting: use meetingUid(). */
  uid: string;
  /** 0 first, then the reschedule count. */
  sequence: number;
  caseNumber: string;
  enterpriseName: string;
  disputePoint?: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  chair: string;
  organizer: CalendarPerson;
  attendees: CalendarPerson[];
  /** When the invitation is made (the clock of the worker). */
  stamp: Date;
}

export function meetingUid(meetingId: number | string, domain = 'zhuanban'): string {
  return `coordination-meeting-${meetingId}@${domain}`;
}

export function meetingInvitation(m: MeetingInvitation): MailContent {
  const rescheduled = m.sequence > 0;
  const summary = `涉企案件协调会：${m.enterpriseName}（${m.caseNumber}）`;
  const calendar = buildInvitation({
    uid: m.uid,
    sequence: m.sequence,
    start: m.startsAt,
    end: m.endsAt,
    summary,
    location: m.place,
    description: `主持人：${m.chair}。${m.disputePoint ? `争议焦点：${m.disputePoint}。` : ''}会议只协调督促、不替代办案机关认定证据、事实和作出裁判。`,
    organizer: m.organizer,
    attendees: m.attendees,
    stamp: m.stamp,
  });
  return letter({
    template: rescheduled ? 'meeting.rescheduled' : 'meeting.invitation',
    subject: `【${rescheduled ? '会议改期' : '会议通知'}】${summary} ${zhDateTime(m.startsAt)}`,
    greeting: '各参会单位：',
    paragraphs: [
      rescheduled
        ? `原定的涉企案件协调会改期举行，新的时间和地点如下，请据此调整日程（附件日历邀请将自动更新原日程）。`
        : `定于${zhDateTime(m.startsAt)}召开涉企案件协调会，请准时参加。附件为日历邀请，可直接加入日程。`,
      '依照规定，协调会只协调、督促，不对证据、事实作出认定，不替代办案机关作出裁判。',
    ],
    facts: [
      ['案件编号', m.caseNumber],
      ['企业', m.enterpriseName],
      ['争议焦点', m.disputePoint],
      ['时间', `${zhDateTime(m.startsAt)} 至 ${zhDateTime(m.endsAt).slice(-5)}`],
      ['地点', m.place],
      ['主持人', m.chair],
      ['参会', m.attendees.map((a) => a.name).join('、')],
      ['案件页面', recordLink(m.caseNumber)],
    ],
    calendar: { method: 'REQUEST', content: calendar, filename: 'invite.ics' },
  });
}
