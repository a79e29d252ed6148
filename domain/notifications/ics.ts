// iCalendar (RFC 5545) invitations for coordination meetings and public reply sessions: METHOD:REQUEST with
// a UID that stays the same for a meeting and a SEQUENCE that grows with each reschedule, so calendar clients
// move the existing entry instead of adding a second one. Times are written in UTC (…Z), which every client
// reads without a VTIMEZONE; lines are folded at 75 octets without splitting a UTF-8 character.

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarInvitation {
  /** Stable per meeting, e.g. 'meeting-12@zhuanban' (never per mail). */
  uid: string;
  /** 0 for the first invitation, +1 for each reschedule. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  location?: string;
  description?: string;
  organizer: CalendarPerson;
  attendees: CalendarPerson[];
  /** When the invitation was made (DTSTAMP). */
  stamp: Date;
  method?: 'REQUEST' | 'CANCEL';
}

/** 20261204T013000Z */
export function icsUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Quoted parameter value (CN="…"): DQUOTE is not allowed inside, so it is dropped. */
function icsParam(value: string): string {
  return `"${value.replace(/"/g, '')}"`;
}

/** Folds a content line into ≤ 75-octet pieces joined by CRLF + space, never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = pieces.length === 0 ? 75 : 74; // continuation lines start with one space
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

export function buildInvitation(invitation: CalendarInvitation): string {
  const method = invitation.method ?? 'REQUEST';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//zhuanban//工作专班//ZH-CN',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${invitation.uid}`,
    `SEQUENCE:${invitation.sequence}`,
    `DTSTAMP:${icsUtc(invitation.stamp)}`,
    `DTSTART:${icsUtc(invitation.start)}`,
    `DTEND:${icsUtc(invitation.end)}`,
    `SUMMARY;LANGUAGE=zh-CN:${icsText(invitation.summary)}`,
    ...(invitation.location ? [`LOCATION;LANGUAGE=zh-CN:${icsText(invitation.location)}`] : []),
    ...(invitation.description ? [`DESCRIPTION;LANGUAGE=zh-CN:${icsText(invitation.description)}`] : []),
    `ORGANIZER;CN=${icsParam(invitation.organizer.name)}:mailto:${invitation.organizer.email}`,
    ...invitation.attendees.map(
      (a) =>
        `ATTENDEE;CN=${icsParam(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${a.email}`,
    ),
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'DESCRIPTION:会议提醒',
    'TRIGGER:-PT30M',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
