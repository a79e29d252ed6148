// The parts of 考核 the records compute, per unit and period, each with the records behind it: every record
// counted or looked at is listed, with whether it counts for the unit, so a figure can be traced by hand.
import { DateTime } from 'luxon';
import { zone } from '../calendar/deadline';
import type { Db } from '../db/client';
import { resolutionOutcomeNames } from '../petitions/replies';
import { publicityKindLabels, type PublicityKind } from '../publicity/publicity';
import { dueLongPendingCases } from './long-pending-clearance';
import { instantRange, weeksOf, type Period } from './period';
import { measureLabels, type Measure } from './rules';

export interface TracedRecord {
  kind:
    | 'weeklyReport'
    | 'ledgerItem'
    | 'indicatorFigure'
    | 'taskProgress'
    | 'publicity'
    | 'petition'
    | 'longPendingCase';
  id: number;
  label: string;
  detail: string;
  /** True when it counts in the numerator (on time, closed in time, attained, filled in, registered, resolved,
   *  cleared). */
  counted: boolean;
  href: string | null;
}

export interface MeasureResult {
  measure: Measure;
  label: string;
  numerator: number;
  denominator: number;
  /** 0–100; null when nothing in the period is due for the unit. */
  score: number | null;
  records: TracedRecord[];
}

const submitted = (status: string) => status === 'submitted' || status === 'signed_off';
const day = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd');
const weekEnd = (isoWeek: string) => DateTime.fromISO(`${isoWeek}-7`, { zone }).endOf('day').toJSDate();

function result(
  measure: Measure,
  records: TracedRecord[],
  denominator = records.length,
  cap = false,
): MeasureResult {
  const numerator = records.filter((r) => r.counted).length;
  const raw = denominator ? (numerator / denominator) * 100 : null;
  return {
    measure,
    label: measureLabels[measure],
    numerator,
    denominator,
    score: raw === null ? null : cap ? Math.min(100, raw) : raw,
    records,
  };
}

/** Every computed measure for every given unit in the period, as of `now`. */
export async function computeMeasures(
  db: Db,
  period: Period,
  units: { id: number; code: string }[],
  publicityTargetPerQuarter: number,
  now: Date,
): Promise<Map<number, Record<Measure, MeasureResult>>> {
  const unitIds = units.map((u) => u.id);
  const weeks = weeksOf(period);
  const range = instantRange(period);
  const [reports, ledger, owners, taskUnits, publicity, complaints, longPending] = await Promise.all([
    db.weeklyReport.findMany({
      where: { unitId: { in: unitIds }, isoWeek: { in: weeks } },
      include: { taskProgress: true, figures: true },
      orderBy: [{ isoWeek: 'asc' }, { id: 'asc' }],
    }),
    db.ledgerItem.findMany({
      where: { leadUnitId: { in: unitIds }, dueAt: range },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    }),
    db.indicatorOwner.findMany({
      where: { unitId: { in: unitIds }, indicator: { source: 'report' } },
      include: { indicator: true },
      orderBy: { indicator: { sortOrder: 'asc' } },
    }),
    db.planTaskUnit.findMany({
      where: { unitId: { in: unitIds } },
      include: { planTask: { select: { id: true, number: true, title: true } } },
      orderBy: { planTask: { number: 'asc' } },
    }),
    db.publicityItem.findMany({
      where: { unitId: { in: unitIds }, happenedOn: { gte: period.from, lte: period.to } },
      orderBy: [{ happenedOn: 'asc' }, { id: 'asc' }],
    }),
    answeredComplaints(db, unitIds, range),
    dueLongPendingCases(db, unitIds, period, now),
  ]);
  const out = new Map<number, Record<Measure, MeasureResult>>();
  for (const { id: unitId, code: unitCode } of units) {
    // A report counts once its cut-off has passed or it is in; the weeks still open are not judged yet.
    const due = reports.filter(
      (r) => r.unitId === unitId && (submitted(r.status) || (r.dueAt ?? weekEnd(r.isoWeek)) < now),
    );
    const reportsOnTime = result(
      'reportsOnTime',
      due.map((r) => ({
        kind: 'weeklyReport',
        id: r.id,
        label: `${r.isoWeek} 周报`,
        detail: !submitted(r.status)
          ? r.status === 'returned'
            ? '被退回，未重新报送'
            : '截止时未报送'
          : r.late
            ? `${r.makeupAt ? '补报' : '迟报'}（${r.submittedAt ? day(r.submittedAt) : ''}报送）`
            : '按时报送',
        counted: submitted(r.status) && !r.late,
        href: `/reports/${r.id}`,
      })),
    );

    const items = ledger.filter((l) => l.leadUnitId === unitId && (l.dueAt <= now || l.closedAt !== null));
    const ledgerOnTime = result(
      'ledgerOnTime',
      items.map((l) => {
        const inTime = l.closedAt !== null && l.closedAt <= l.dueAt;
        return {
          kind: 'ledgerItem',
          id: l.id,
          label: `${l.number} ${l.problem.slice(0, 30)}`,
          detail: `时限 ${day(l.dueAt)}，${
            l.closedAt ? `${day(l.closedAt)}销号${inTime ? '（按期）' : '（逾期）'}` : '逾期未销号'
          }`,
          counted: inTime,
          href: `/ledger/${l.id}`,
        };
      }),
    );

    const submittedReports = due.filter((r) => submitted(r.status));
    const indicatorAttainment = result(
      'indicatorAttainment',
      owners
        .filter((o) => o.unitId === unitId)
        .map((o) => {
          const target = o.target ?? o.indicator.target;
          const latest = submittedReports
            .filter((r) => r.figures.some((f) => f.indicatorId === o.indicatorId))
            .at(-1);
          const value = latest?.figures.find((f) => f.indicatorId === o.indicatorId)?.value;
          const met =
            value !== undefined &&
            (o.indicator.comparator === '<='
              ? value <= target
              : o.indicator.comparator === '='
                ? value === target
                : value >= target);
          return {
            kind: 'indicatorFigure',
            id: o.indicatorId,
            label: o.indicator.name,
            detail:
              value === undefined
                ? `目标 ${o.indicator.comparator}${target}%，本期未填报`
                : `${latest!.isoWeek} 填报 ${value}%，目标 ${o.indicator.comparator}${target}%，${met ? '达标' : '未达标'}`,
            counted: met,
            href: latest ? `/reports/${latest.id}` : null,
          } satisfies TracedRecord;
        }),
    );

    const tasks = taskUnits.filter((t) => t.unitId === unitId);
    const progressRecords: TracedRecord[] = [];
    for (const r of due)
      for (const t of tasks) {
        const p = r.taskProgress.find((x) => x.planTaskId === t.planTaskId);
        const filled = submitted(r.status) && !!p?.progress.trim();
        progressRecords.push({
          kind: 'taskProgress',
          id: r.id,
          label: `${r.isoWeek} 任务${t.planTask.number} ${t.planTask.title}`,
          detail: filled
            ? p!.progress.slice(0, 60)
            : submitted(r.status)
              ? '周报未填写该任务进展'
              : '周报未报送',
          counted: filled,
          href: `/reports/${r.id}`,
        });
      }
    const taskProgress = result('taskProgress', progressRecords);

    const target = publicityTargetPerQuarter * period.quarters;
    const publicityResult = result(
      'publicity',
      publicity
        .filter((p) => p.unitId === unitId)
        .map((p) => ({
          kind: 'publicity',
          id: p.id,
          label: p.title,
          detail: `${p.happenedOn} ${publicityKindLabels[p.kind as PublicityKind]}${p.outlet ? `（${p.outlet}）` : ''}`,
          counted: true,
          href: `/publicity?unit=${unitCode}`,
        })),
      target,
      true,
    );
    const complaintResolution = result(
      'complaintResolution',
      complaints
        .filter((p) => p.handlingUnitId === unitId)
        .map((p) => ({
          kind: 'petition',
          id: p.id,
          label: `${p.number} ${p.enterprise?.name ?? p.petitionerName}：${p.subject}`.slice(0, 60),
          detail: `${day(p.answeredAt)}答复，${
            p.resolutionOutcome
              ? `回访：${resolutionOutcomeNames[p.resolutionOutcome]}${p.resolutionNote ? `（${p.resolutionNote.slice(0, 40)}）` : ''}`
              : '尚未回访，未记录解决情况'
          }`,
          counted: p.resolutionOutcome === 'resolved',
          href: `/search?q=${encodeURIComponent(p.number)}`,
        })),
    );
    const longPendingClearance = result(
      'longPendingClearance',
      longPending.filter((c) => c.unitId === unitId).map((c) => c.record),
    );
    out.set(unitId, {
      reportsOnTime,
      ledgerOnTime,
      indicatorAttainment,
      taskProgress,
      publicity: publicityResult,
      complaintResolution,
      longPendingClearance,
    });
  }
  return out;
}

/**
 * The enterprise complaints each unit answered in the period — the same count as the dashboard's 解决率 (已解决 over
 * answered complaints; 部分解决, 未解决 and not yet visited do not count), placed in the period of the reply's
 * delivery (or of the closing, for a complaint closed without a recorded reply). A complaint left unanswered past
 * its deadline becomes a ledger item and weighs on 台账按期销号率 instead.
 */
async function answeredComplaints(db: Db, unitIds: number[], range: { gte: Date; lt: Date }) {
  const rows = await db.petition.findMany({
    where: {
      handlingUnitId: { in: unitIds },
      petitionerKind: 'enterprise',
      status: { in: ['replied', 'closed'] },
      OR: [{ reply: { deliveredAt: range } }, { closedAt: range }],
    },
    include: { reply: { select: { deliveredAt: true } }, enterprise: { select: { name: true } } },
  });
  return rows
    .map((p) => ({ ...p, answeredAt: (p.reply?.deliveredAt ?? p.closedAt)! }))
    .filter((p) => p.answeredAt >= range.gte && p.answeredAt < range.lt)
    .sort((a, b) => +a.answeredAt - +b.answeredAt || a.id - b.id);
}
