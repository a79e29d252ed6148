// The weekly consolidation (周报汇总): each unit's report status, progress, problems and requests; every owner's
// figure against its indicator target — report-sourced figures from the units' reports, process-sourced ones
// computed from the process data — and the indicators the process data yields (reply rate, resolution rates,
// overdue ledger items, on-time rates). Reads only; summary-text.ts renders it for the office to edit.
import { DateTime } from 'luxon';
import { zone } from '../calendar/deadline';
import type { Db, Tx } from '../db/client';
import { publicityOfWeek } from '../publicity/publicity';

export interface UnitReportSummary {
  code: string;
  name: string;
  status: string;
  submittedAt: string | null;
  late: boolean;
  author: string | null;
  progress: { task: string; progress: string }[];
  problems: string | null;
  coordinationRequests: string | null;
  nextWeekPlan: string | null;
}

export interface FigureSummary {
  indicatorCode: string;
  indicator: string;
  unitCode: string;
  unit: string;
  source: 'report' | 'process';
  /** Percent; null when not reported or no data. */
  value: number | null;
  target: number;
  comparator: '>=' | '=';
  met: boolean | null;
  note: string | null;
}

export interface ProcessIndicator {
  code: string;
  name: string;
  numerator: number;
  denominator: number;
  /** Percent, or a count for counts; null without data. */
  value: number | null;
  display: string;
  note: string;
}

export interface Consolidation {
  [key: string]: unknown;
  isoWeek: string;
  period: string;
  generatedAt: string;
  units: UnitReportSummary[];
  figures: FigureSummary[];
  processIndicators: ProcessIndicator[];
  lateUnits: string[];
  missingUnits: string[];
  /** 宣传 registered for the week (older consolidations have none). */
  publicity?: { unit: string; kind: string; title: string; happenedOn: string; outlet: string | null }[];
  /** 补报: reports added after the cut-off, by unit short name, in the order they came. */
  makeupUnits?: { code: string; name: string; submittedAt: string }[];
  /** Submitted but not yet signed off by the unit's lead when consolidated (older consolidations have none). */
  unsignedUnits?: { code: string; name: string }[];
  /** What the leads decided on those reports after the cut-off, in order (late-sign-off.ts). */
  lateSignOffs?: LateSignOff[];
}

export interface LateSignOff {
  code: string;
  name: string;
  outcome: 'signed' | 'returned';
  at: string;
  reason: string | null;
}

/** 2026年11月23日—11月29日 (Monday to Sunday of the ISO week). */
export function weekPeriod(isoWeek: string): string {
  const monday = DateTime.fromISO(`${isoWeek}-1`, { zone });
  const sunday = monday.plus({ days: 6 });
  const end =
    sunday.year === monday.year ? sunday.toFormat("M'月'd'日'") : sunday.toFormat("yyyy'年'M'月'd'日'");
  return `${monday.toFormat("yyyy'年'M'月'd'日'")}—${end}`;
}

export const rate = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10;

export const percentText = (value: number | null): string =>
  value === null ? '无数据' : `${Number.isInteger(value) ? value : value.toFixed(1)}%`;

function indicator(code: string, name: string, n: number, d: number, note: string): ProcessIndicator {
  const value = rate(n, d);
  return {
    code,
    name,
    numerator: n,
    denominator: d,
    value,
    display: `${percentText(value)}（${n}/${d}）`,
    note,
  };
}

const finishedPetition = [
  'not_accepted',
  'forwarded',
  'diverted_to_litigation',
  'replied',
  'closed',
] as const;
const acceptedCase = ['opinions', 'meeting_scheduled', 'following_up', 'resolved'] as const;

async function processData(db: Db | Tx, now: Date) {
  // One after the other: db may be a transaction, which runs its queries on one connection.
  const petitions = await db.petition.findMany({
    select: {
      status: true,
      petitionerKind: true,
      handlingUnitId: true,
      reply: { select: { deliveredAt: true } },
      satisfaction: { select: { rating: true } },
      resolutionOutcome: true,
    },
  });
  const cases = await db.enterpriseCase.findMany({ select: { status: true, handlingUnitId: true } });
  const ledger = await db.ledgerItem.findMany({
    select: { status: true, dueAt: true, closedAt: true, color: true },
  });
  const opinions = await db.caseOpinion.findMany({ select: { dueAt: true, submittedAt: true } });
  const replied = (p: (typeof petitions)[number]) =>
    (finishedPetition as readonly string[]).includes(p.status) || Boolean(p.reply?.deliveredAt);
  const complaints = petitions.filter(
    (p) => p.petitionerKind === 'enterprise' && (p.status === 'replied' || p.status === 'closed'),
  );
  const satisfied = (p: (typeof petitions)[number]) =>
    p.satisfaction?.rating === 'satisfied' || p.satisfaction?.rating === 'basically_satisfied';
  // 解决率 counts the outcome recorded at the return visit, never the satisfaction rating.
  const resolved = (p: (typeof petitions)[number]) => p.resolutionOutcome === 'resolved';
  const accepted = cases.filter((c) => (acceptedCase as readonly string[]).includes(c.status));
  return {
    petitions,
    replied,
    complaints,
    satisfied,
    resolved,
    accepted,
    overdue: ledger.filter((l) => l.status !== 'closed' && l.dueAt < now),
    closed: ledger.filter((l) => l.status === 'closed' && l.closedAt),
    opinionsDue: opinions.filter((o) => o.submittedAt || (o.dueAt && o.dueAt <= now)),
  };
}

type ProcessData = Awaited<ReturnType<typeof processData>>;

/** A process-sourced figure of one unit (or of all units, unitId undefined). */
function processFigure(
  code: string,
  data: ProcessData,
  unitId?: number,
): { value: number | null; note: string } {
  const mine = <T extends { handlingUnitId: number }>(list: T[]) =>
    unitId === undefined ? list : list.filter((x) => x.handlingUnitId === unitId);
  if (code === 'complaint-resolution-rate') {
    const list = mine(data.complaints);
    const n = list.filter(data.resolved).length;
    return {
      value: rate(n, list.length),
      note: list.length ? `已答复企业投诉${list.length}件，已解决${n}件` : '',
    };
  }
  if (code === 'disputed-case-resolution-rate') {
    const list = mine(data.accepted);
    const n = list.filter((c) => c.status === 'resolved').length;
    return {
      value: rate(n, list.length),
      note: list.length ? `受理协调案件${list.length}件，已化解${n}件` : '',
    };
  }
  return { value: null, note: '' };
}

export async function consolidate(db: Db | Tx, isoWeek: string, now: Date): Promise<Consolidation> {
  const reports = await db.weeklyReport.findMany({
    where: { isoWeek },
    include: {
      unit: true,
      taskProgress: { include: { planTask: true }, orderBy: { planTask: { number: 'asc' } } },
      figures: true,
    },
    orderBy: { unit: { sortOrder: 'asc' } },
  });
  const units: UnitReportSummary[] = reports.map((r) => ({
    code: r.unit.code,
    name: r.unit.name,
    status: r.status,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    late: r.late,
    author: r.author,
    progress: r.taskProgress.map((p) => ({
      task: `${p.planTask.number}. ${p.taskTitle ?? p.planTask.title}`,
      progress: p.progress,
    })),
    problems: r.problems,
    coordinationRequests: r.coordinationRequests,
    nextWeekPlan: r.nextWeekPlan,
  }));
  const data = await processData(db, now);
  const owners = await db.indicatorOwner.findMany({
    // Evaluation indicators have period figures (全市位次), not weekly ones.
    where: { indicator: { source: { not: 'evaluation' } } },
    include: { indicator: true, unit: true },
    orderBy: [{ indicator: { sortOrder: 'asc' } }, { unit: { sortOrder: 'asc' } }],
  });
  const figures: FigureSummary[] = owners.map((o) => {
    const target = o.target ?? o.indicator.target;
    const comparator = o.indicator.comparator === '=' ? '=' : '>=';
    const reported = reports
      .find((r) => r.unitId === o.unitId)
      ?.figures.find((f) => f.indicatorId === o.indicatorId);
    const { value, note } =
      o.indicator.source === 'report'
        ? { value: reported?.value ?? null, note: reported?.note ?? null }
        : processFigure(o.indicator.code, data, o.unitId);
    const met = value === null ? null : comparator === '=' ? value === target : value >= target;
    return {
      indicatorCode: o.indicator.code,
      indicator: o.indicator.name,
      unitCode: o.unit.code,
      unit: o.unit.name,
      source: o.indicator.source === 'report' ? 'report' : 'process',
      value,
      target,
      comparator,
      met,
      note: note || null,
    };
  });
  const onTime = reports.filter((r) => r.submittedAt && !r.late).length;
  const opinionsOnTime = data.opinionsDue.filter(
    (o) => o.submittedAt && (!o.dueAt || o.submittedAt <= o.dueAt),
  );
  const closedOnTime = data.closed.filter((l) => (l.closedAt as Date) <= l.dueAt);
  const complaints = processFigure('complaint-resolution-rate', data);
  const rated = data.complaints.filter((p) => p.satisfaction);
  const cases = processFigure('disputed-case-resolution-rate', data);
  const colours = { blue: '蓝', yellow: '黄', red: '红' } as const;
  const byColour = (['red', 'yellow', 'blue'] as const)
    .map((c) => [colours[c], data.overdue.filter((l) => l.color === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${c}色${n}件`)
    .join('，');
  const processIndicators: ProcessIndicator[] = [
    indicator(
      'petition-reply-rate',
      '信访事项答复率',
      data.petitions.filter(data.replied).length,
      data.petitions.length,
      '累计登记的信访事项中已答复或书面告知的比例（件件有回复）',
    ),
    indicator(
      'complaint-resolution-rate',
      '企业投诉解决率',
      data.complaints.filter(data.resolved).length,
      data.complaints.length,
      complaints.note || '以回访时登记的解决情况“已解决”计',
    ),
    indicator(
      'complaint-satisfaction-rate',
      '企业投诉满意率',
      rated.filter(data.satisfied).length,
      rated.length,
      '已回访企业投诉中满意（含基本满意）的比例',
    ),
    indicator(
      'disputed-case-resolution-rate',
      '涉企争议案件化解率',
      data.accepted.filter((c) => c.status === 'resolved').length,
      data.accepted.length,
      cases.note || '化解案件数 / 受理协调案件数',
    ),
    {
      code: 'overdue-ledger-items',
      name: '逾期未销号整改事项',
      numerator: data.overdue.length,
      denominator: data.overdue.length,
      value: data.overdue.length,
      display: `${data.overdue.length}件`,
      note: byColour ? `其中${byColour}` : '截至汇总时',
    },
    indicator(
      'ledger-closed-on-time-rate',
      '整改事项按期销号率',
      closedOnTime.length,
      data.closed.length,
      '已销号事项中在整改期限内销号的比例',
    ),
    indicator(
      'weekly-report-on-time-rate',
      '本周周报按时报送率',
      onTime,
      reports.length,
      '17:00 截止前报送的单位比例',
    ),
    indicator(
      'opinion-on-time-rate',
      '协调会书面意见按期提交率',
      opinionsOnTime.length,
      data.opinionsDue.length,
      '已到期或已提交的书面意见中按期提交的比例',
    ),
  ];
  return {
    isoWeek,
    period: weekPeriod(isoWeek),
    generatedAt: now.toISOString(),
    units,
    figures,
    processIndicators,
    lateUnits: reports.filter((r) => r.late).map((r) => r.unit.shortName),
    missingUnits: reports.filter((r) => !r.submittedAt).map((r) => r.unit.shortName),
    unsignedUnits: reports
      .filter((r) => r.status === 'submitted' && !r.makeupAt)
      .map((r) => ({ code: r.unit.code, name: r.unit.shortName })),
    publicity: (await publicityOfWeek(db, isoWeek)).map((p) => ({
      unit: p.unitName,
      kind: p.kindLabel,
      title: p.title,
      happenedOn: p.happenedOn,
      outlet: p.outlet,
    })),
  };
}
