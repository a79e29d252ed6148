// The demo's past weeks: eight weeks of weekly reports before the current one, as a district two months into
// zhuanban would have them — written as history through the weekly round's own domain functions, each step at
// the time it would have happened: submitReport, returnReport, signOffReport; markReminded at 15:00 and at the
// cut-off; consolidate + storeConsolidation at the cut-off; the office's forwarding to 区营商办
// (demo-week-forward.ts); noteLateDecision and submitMakeupReport after it; and the 推进会 with the ledger items
// they handed out (recordProgressMeeting).
//
// Why not through the engine: a round started now for a past week is opened after its own cut-off, so it has
// no due time — every report would count on time and the silent ones 未报 at once, with nobody's real
// punctuality behind it. Only the current week runs through the engine (cli/demo/demo-processes.ts), with some
// units' reports completed through the REST API. The weeks written here carry `demo: true` on their summary and
// the actor `demo` in the audit log. A week that already has a summary or a report (an earlier demo run, or a
// round the engine ran) is left as it is, so a second run adds nothing.
import { DateTime } from 'luxon';
import { audit, audited, type Actor } from '../audit';
import { zone } from '../calendar/deadline';
import { loadWorkCalendar } from '../calendar/store';
import type { Db, Tx } from '../db/client';
import type { Mailer } from '../notifications/outbox';
import { consolidate } from '../weekly-reports/consolidation';
import { noteLateDecision } from '../weekly-reports/late-sign-off';
import { submitMakeupReport } from '../weekly-reports/makeup';
import { recordProgressMeeting } from '../weekly-reports/progress-meetings';
import {
  markReminded,
  pendingReports,
  prefillReport,
  reportingUnits,
  returnReport,
  signOffReport,
  submitReport,
  type SubmittedReport,
} from '../weekly-reports/reports';
import { storeConsolidation } from '../weekly-reports/summaries';
import { summaryText } from '../weekly-reports/summary-text';
import { demoUsers } from './demo';
import { forwardPastWeek } from './demo-week-forward';
import {
  coordinationOf,
  demoHistoryWeeks,
  demoMeetings,
  figureValue,
  problemsOf,
  progressText,
  reportCourse,
  returnReasons,
} from './demo-week-plan';

const demoActor: Actor = { userId: null, label: 'demo' };

// The mails of a past week went out in that week; queueing them now would tell the office today of a 补报 or a
// sign-off weeks old.
const pastMail: Mailer = { enqueue: async () => ({ id: 0, created: false }) };

type WorkCalendar = Awaited<ReturnType<typeof loadWorkCalendar>>;

const weekOf = (d: DateTime) => d.toFormat("kkkk-'W'WW");

function nextWorkingDay(day: DateTime, calendar: WorkCalendar): DateTime {
  let d = day.plus({ days: 1 });
  while (!calendar.isWorkingDay(d.toISODate()!)) d = d.plus({ days: 1 });
  return d;
}

/** The week's report day: its Friday, rolled forward past a holiday (as the weekly-report deadline set does). */
function reportDay(isoWeek: string, calendar: WorkCalendar): DateTime {
  const friday = DateTime.fromISO(`${isoWeek}-5`, { zone });
  return calendar.isWorkingDay(friday.toISODate()!) ? friday : nextWorkingDay(friday, calendar);
}

const at = (day: DateTime, time: string) => {
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
};

/** The eight ISO weeks before the one `now` falls in, oldest first. */
export function demoHistory(now: Date): string[] {
  const monday = DateTime.fromJSDate(now, { zone }).startOf('week');
  return Array.from({ length: demoHistoryWeeks }, (_, i) =>
    weekOf(monday.minus({ weeks: demoHistoryWeeks - i })),
  );
}

interface Step {
  at: Date;
  run: (tx: Tx) => Promise<unknown>;
}

/** The report a demo unit writes `weeksBack` weeks before the current one (0: the current week's). */
export async function reportContent(
  tx: Tx | Db,
  isoWeek: string,
  unitCode: string,
  weeksBack: number,
  revised = false,
): Promise<SubmittedReport> {
  const prefill = await prefillReport(tx, isoWeek, unitCode);
  const author = demoUsers.find((u) => u.unit === unitCode && u.role === 'unit-user')!.displayName;
  const problems = problemsOf[unitCode] ?? ['无'];
  return {
    author,
    authorPhone: '000-0000-0000',
    taskProgress: prefill.taskProgress.map((t) => ({
      planTaskNumber: t.planTaskNumber,
      progress: progressText(t.planTaskNumber, weeksBack),
    })),
    figures: prefill.figures.map((f, i) => ({
      indicatorCode: f.indicatorCode,
      value: figureValue(f.target, weeksBack, i),
      note: null,
    })),
    problems: `${problems[weeksBack % problems.length]}${revised ? '（已按退回意见修改）' : ''}`,
    coordinationRequests: coordinationOf[unitCode]?.[weeksBack] ?? '无',
    nextWeekPlan: '继续推进任务清单各项工作，按时报送周报',
  };
}

/** The steps of one unit's report in the week, each at its own time. */
function reportSteps(
  isoWeek: string,
  unitCode: string,
  unitIndex: number,
  weeksBack: number,
  days: { thursday: DateTime; friday: DateTime; monday: DateTime },
): Step[] {
  const ref = { isoWeek, unitCode };
  const course = reportCourse(weeksBack, unitCode);
  const submit = (when: Date, revised = false): Step => ({
    at: when,
    run: async (tx) =>
      submitReport(tx, demoActor, ref, await reportContent(tx, isoWeek, unitCode, weeksBack, revised), when),
  });
  const sign = (when: Date, late = false): Step => ({
    at: when,
    run: async (tx) => {
      await signOffReport(tx, demoActor, ref, when);
      if (late)
        await noteLateDecision(tx, demoActor, ref, { outcome: 'signed', reason: null }, when, pastMail);
    },
  });
  if (course === 'missing') return [];
  if (course === 'makeup') {
    const when = at(days.monday, '11:00');
    return [
      {
        at: when,
        run: async (tx) =>
          submitMakeupReport(
            tx,
            demoActor,
            ref,
            await reportContent(tx, isoWeek, unitCode, weeksBack),
            when,
            pastMail,
          ),
      },
    ];
  }
  if (course === 'signed_after_cutoff')
    return [submit(at(days.friday, '16:20')), sign(at(days.monday, '09:40'), true)];
  if (course === 'returned_late') {
    // Returned that evening, changed and signed the same night: the final version came after the cut-off (迟报),
    // still within the week (one sent after the week ended would read as a 补报).
    const returned = at(days.friday, '17:40');
    const reason = returnReasons[unitCode] ?? '内容不完整，请补充后重新报送';
    return [
      submit(at(days.friday, '16:10')),
      {
        at: returned,
        run: async (tx) => {
          await returnReport(tx, demoActor, ref, reason);
          await noteLateDecision(tx, demoActor, ref, { outcome: 'returned', reason }, returned, pastMail);
        },
      },
      submit(at(days.friday, '19:20'), true),
      sign(at(days.friday, '20:05'), true),
    ];
  }
  // On time: some on the Thursday afternoon, most on the Friday morning, each signed within the hour.
  const day = (unitIndex + weeksBack) % 3 === 0 ? days.thursday : days.friday;
  const minute = String((unitIndex * 7 + weeksBack * 11) % 50).padStart(2, '0');
  const hour = day === days.thursday ? 16 : 9 + ((unitIndex + weeksBack) % 4);
  return [submit(at(day, `${hour}:${minute}`)), sign(at(day, `${hour + 1}:${minute}`))];
}

/** Opens the week as the round's openWeek would (a summary and a report per unit, due at the cut-off). */
async function openPastWeek(tx: Tx, isoWeek: string, cutoff: Date) {
  const summary = await tx.weeklySummary.create({ data: { isoWeek, content: { demo: true } } });
  await audit(tx, demoActor, {
    action: 'weeklySummary.create',
    entity: 'weeklySummary',
    entityId: summary.id,
    after: summary,
  });
  const units = await reportingUnits(tx);
  for (const unit of units) {
    const row = await tx.weeklyReport.create({ data: { isoWeek, unitId: unit.id, dueAt: cutoff } });
    await audit(tx, demoActor, {
      action: 'weeklyReport.create',
      entity: 'weeklyReport',
      entityId: row.id,
      unitId: unit.id,
      after: row,
    });
  }
  return units;
}

async function writePastWeek(db: Db, isoWeek: string, weeksBack: number, calendar: WorkCalendar) {
  const friday = reportDay(isoWeek, calendar);
  const days = {
    thursday: friday.minus({ days: 1 }),
    friday,
    monday: nextWorkingDay(friday, calendar),
  };
  const reminder = at(friday, '15:00');
  const cutoff = at(friday, '17:00');
  const forwarded = at(friday, '17:45');
  await audited(db, async (tx) => {
    const units = await openPastWeek(tx, isoWeek, cutoff);
    const flag = (late: boolean) => async (t: Tx) =>
      markReminded(
        t,
        demoActor,
        (await pendingReports(t, isoWeek)).map((r) => r.id),
        late,
      );
    const steps: Step[] = [
      ...units.flatMap((u, i) => reportSteps(isoWeek, u.code, i, weeksBack, days)),
      { at: reminder, run: flag(false) },
      {
        at: cutoff,
        run: async (t) => {
          await flag(true)(t);
          const c = await consolidate(t, isoWeek, cutoff);
          await storeConsolidation(t, demoActor, c, summaryText(c));
        },
      },
      // The office reviews the summary as it stands and forwards it within the hour (Task_ReviewSummary).
      { at: forwarded, run: (t) => forwardPastWeek(t, demoActor, isoWeek, forwarded) },
    ];
    // Stable sort: at the same minute the unit's step goes before the reminder and the cut-off.
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) await step.run(tx);
  });
}

async function weekTaken(db: Db, isoWeek: string): Promise<boolean> {
  const summary = await db.weeklySummary.findUnique({ where: { isoWeek }, select: { id: true } });
  return Boolean(summary ?? (await db.weeklyReport.findFirst({ where: { isoWeek }, select: { id: true } })));
}

async function writeMeetings(db: Db, weeks: string[]): Promise<number> {
  const attendance = demoUsers
    .filter((u) => u.role !== 'unit-user')
    .map((u) => u.displayName)
    .concat(['专班办公室承办人A']);
  let held = 0;
  for (const m of demoMeetings) {
    const isoWeek = weeks[weeks.length - m.weeksBack];
    if (await db.progressMeeting.findFirst({ where: { isoWeek, title: m.title } })) continue;
    const day = DateTime.fromISO(`${isoWeek}-${m.weekday}`, { zone });
    const heldOn = day.toISODate()!;
    await recordProgressMeeting(
      db,
      demoActor,
      {
        isoWeek,
        heldOn,
        title: m.title,
        minutes: m.minutes,
        attendance: [...new Set(attendance)],
        items: m.items.map((i) => ({
          problem: i.problem,
          leadUnitCode: i.leadUnitCode,
          measures: i.measures,
          dueDate: day.plus({ days: i.daysToDue }).toISODate()!,
        })),
      },
      at(day, '15:00'),
    );
    held++;
  }
  return held;
}

export interface DemoWeeksReport {
  weeks: string[];
  meetings: number;
}

/** Writes the past weeks not yet in the database and their 推进会; the weeks written come back. */
export async function seedDemoWeeks(db: Db, now = new Date()): Promise<DemoWeeksReport> {
  const calendar = await loadWorkCalendar(db);
  const history = demoHistory(now);
  const written: string[] = [];
  for (const [i, isoWeek] of history.entries()) {
    if (await weekTaken(db, isoWeek)) continue;
    await writePastWeek(db, isoWeek, history.length - i, calendar);
    written.push(isoWeek);
  }
  const meetings = await writeMeetings(db, history);
  return { weeks: written, meetings };
}
