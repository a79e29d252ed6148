// Text a person typed — an enterprise name, a problem, a venue — ends up in mails, calendar invitations and .docx
// documents. Hostile text (markup, script, header and iCalendar line injection, XML metacharacters) must arrive as
// the same text, never as markup, headers or calendar properties. Every template, through the real outbox and a
// real SMTP server on loopback, and the weekly report's .docx parsed back as XML.
import { SaxesParser } from 'saxes';
import { buildWeeklyReportDocx } from '../../domain/documents/weekly-report-docx';
import * as t from '../../domain/notifications/templates';
import type { MailContent } from '../../domain/notifications/types';
import { zipEntry } from '../notifications/support/zip';
import { startMailBench, type MailBench } from '../notifications/support/mail-bench';

const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'"\r\nBcc: victim@evil.invalid\r\nX-Injected: 1`;
const ics = `会议室\r\nATTENDEE;CN=攻击者:mailto:evil@evil.invalid\r\nEND:VEVENT`;
let bench: MailBench;
beforeAll(async () => {
  bench = await startMailBench();
});
afterAll(() => bench.stop());

const at = new Date('2026-12-15T02:00:00Z');
const person = { name: evil, email: 'court@zhuanban.test' };
const docxPromise = buildWeeklyReportDocx({
  isoWeek: '2026-W49',
  period: evil,
  generatedAt: at,
  summary: evil,
  figures: [{ indicator: evil, unit: evil, value: 1, target: 2, comparator: '>=' }],
  processIndicators: [{ name: evil, value: evil }],
  units: [
    {
      unit: evil,
      submittedAt: at,
      late: false,
      author: evil,
      progress: [{ task: evil, progress: evil }],
      problems: evil,
      coordinationRequests: evil,
    },
  ],
  lateUnits: [evil],
});

const templates: [string, () => Promise<MailContent>][] = [
  [
    'task assigned',
    async () =>
      t.taskAssigned({
        recipient: evil,
        taskName: evil,
        processName: evil,
        businessKey: evil,
        summary: evil,
      }),
  ],
  [
    'reminder',
    async () =>
      t.reminder({
        recipient: evil,
        taskName: evil,
        businessKey: evil,
        dueAt: at,
        overdue: true,
        note: evil,
      }),
  ],
  [
    'supervision notice',
    async () =>
      t.supervisionNotice({
        ledgerNumber: evil,
        unitName: evil,
        problem: evil,
        measures: evil,
        dueAt: at,
        issuedAt: at,
        noticeText: evil,
        assistingUnits: [evil],
      }),
  ],
  [
    'escalation',
    async () =>
      t.escalation({
        color: 'red',
        ledgerNumber: evil,
        unitName: evil,
        problem: evil,
        dueAt: at,
        round: 2,
        accountabilityTalk: true,
      }),
  ],
  [
    'petition notice',
    async () =>
      t.petitionNotice({
        kind: 'acceptance',
        petitionNumber: evil,
        petitionerName: evil,
        subject: evil,
        unitName: evil,
        issuedAt: at,
        body: evil,
        dueAt: at,
      }),
  ],
  [
    'public reply invitation',
    async () =>
      t.publicReplyInvitation({
        petitionNumber: evil,
        subject: evil,
        unitName: evil,
        scheduledAt: at,
        venue: evil,
        isOpen: true,
        inviteeName: evil,
      }),
  ],
  [
    'weekly report returned',
    async () => t.weeklyReportReturned({ recipient: evil, isoWeek: evil, reason: evil, dueAt: at }),
  ],
  [
    'weekly report forward',
    async () =>
      t.weeklyReportForward({
        isoWeek: evil,
        period: evil,
        recipientName: evil,
        summary: evil,
        lateUnits: [evil],
        document: { filename: 'x.docx', content: await docxPromise },
      }),
  ],
  [
    'case declined',
    async () =>
      t.caseDeclined({
        recipient: evil,
        caseNumber: evil,
        enterpriseName: evil,
        externalCaseNumber: evil,
        disputePoint: evil,
        reason: evil,
      }),
  ],
  [
    'meeting invitation',
    async () =>
      t.meetingInvitation({
        uid: t.meetingUid(9),
        sequence: 0,
        caseNumber: evil,
        enterpriseName: evil,
        disputePoint: evil,
        startsAt: at,
        endsAt: new Date(at.getTime() + 3_600_000),
        place: ics,
        chair: evil,
        organizer: { name: evil, email: 'office@zhuanban.test' },
        attendees: [person],
        stamp: at,
      }),
  ],
];

describe.each(templates)('%s with hostile text', (_name, build) => {
  it('renders it as text: escaped in the HTML, no header or recipient injected', async () => {
    const content = await build();
    for (const tag of ['<script', '<img', 'onerror=alert(1)>'])
      expect(content.html.toLowerCase()).not.toContain(tag.toLowerCase());
    const got = await bench.send(content);
    expect(got.envelope.to).toEqual(['unit@zhuanban.test']);
    expect(got.mail.headers.has('x-injected')).toBe(false);
    expect(got.mail.bcc).toBeUndefined();
    // Only the message's own headers: the text itself may well contain the line.
    expect(got.raw.split('\r\n\r\n')[0]).not.toMatch(/^(Bcc|X-Injected):/im);
    // The text survives whole (line breaks inside a subject fold to spaces).
    expect(got.mail.text).toContain('<script>alert("x")</script>');
    expect(got.mail.html || '').not.toMatch(/<script|<img/i);
    for (const a of got.mail.attachments.filter((x) => x.filename?.endsWith('.ics'))) {
      const unfolded = a.content.toString('utf8').replace(/\r\n /g, '');
      expect(unfolded.match(/^ATTENDEE/gm)).toHaveLength(1);
      expect(unfolded.match(/^END:VEVENT/gm)).toHaveLength(1);
    }
  });
});

it('keeps hostile text as text in the weekly report .docx: well-formed XML, the characters escaped', async () => {
  const xml = zipEntry(await docxPromise, 'word/document.xml')!;
  const texts: string[] = [];
  const parser = new SaxesParser();
  parser.on('text', (s) => texts.push(s));
  parser.write(xml).close(); // throws on malformed XML
  expect(texts.join('')).toContain('<script>alert("x")</script><img src=x onerror=alert(1)>&amp;');
  expect(xml).not.toContain('<script>');
});
