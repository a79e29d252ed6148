// The leaders' dashboard (领导驾驶舱) in one answer: each indicator owner's figure against its target (the latest
// reported week's, or counted from the process data) and the reported indicators' weekly trend; the reply rate,
// the complaints' 解决率 (from the outcome recorded at the return visit) with their satisfaction beside it, the
// cases' resolution rate; overdue ledger items by unit, open items by colour and weekly-report punctuality by
// week. Every figure carries the link to the records behind it.
// Counting is done by the database (group by, count) so the answer stays small and quick over a year of data.
import type { Db, Prisma } from '../../../domain/db/client';
import { reportCell, isoWeekOf, weeksUpTo, type ReportCell } from '../reports/punctuality';
import { colorLabels } from '../ledger/labels';
import {
  answeredComplaint,
  processCounts,
  processFiguresByUnit,
  totals,
  type ProcessCounts,
} from './process-figures';

const finishedPetition = [
  'not_accepted',
  'forwarded',
  'diverted_to_litigation',
  'replied',
  'closed',
] as const;

const satisfiedRating: Prisma.SatisfactionRatingNullableScalarRelationFilter = {
  is: { rating: { in: ['satisfied', 'basically_satisfied'] } },
};

const rate = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

export interface Rate {
  code: string;
  name: string;
  numerator: number;
  denominator: number;
  value: number | null;
  href: string;
  note: string;
}

async function rates(db: Db, counts: ProcessCounts): Promise<Rate[]> {
  const [petitions, replied, rated, satisfied] = await Promise.all([
    db.petition.count(),
    db.petition.count({
      where: { OR: [{ status: { in: [...finishedPetition] } }, { reply: { deliveredAt: { not: null } } }] },
    }),
    db.petition.count({ where: { ...answeredComplaint, satisfaction: { isNot: null } } }),
    db.petition.count({ where: { ...answeredComplaint, satisfaction: satisfiedRating } }),
  ]);
  const { numerator: complaintsResolved, denominator: complaints } = totals(counts.complaints);
  const { numerator: resolved, denominator: accepted } = totals(counts.cases);
  return [
    {
      code: 'petition-reply-rate',
      name: '信访事项答复率',
      numerator: replied,
      denominator: petitions,
      value: rate(replied, petitions),
      href: '/dashboard/records/petitions?filter=unreplied',
      note: `已答复${replied}件／登记${petitions}件`,
    },
    {
      code: 'complaint-resolution-rate',
      name: '企业投诉解决率',
      numerator: complaintsResolved,
      denominator: complaints,
      value: rate(complaintsResolved, complaints),
      href: '/dashboard/records/petitions?filter=unresolved',
      note: `已解决${complaintsResolved}件／已答复企业投诉${complaints}件（部分解决、未解决及尚未回访的不计）`,
    },
    {
      code: 'complaint-satisfaction-rate',
      name: '企业投诉满意率',
      numerator: satisfied,
      denominator: rated,
      value: rate(satisfied, rated),
      href: '/dashboard/records/petitions?filter=unsatisfied',
      note: `满意（含基本满意）${satisfied}件／已回访企业投诉${rated}件`,
    },
    {
      code: 'disputed-case-resolution-rate',
      name: '涉企争议案件化解率',
      numerator: resolved,
      denominator: accepted,
      value: rate(resolved, accepted),
      href: '/dashboard/records/cases?filter=unresolved',
      note: `已化解${resolved}件／受理协调${accepted}件`,
    },
  ];
}

async function ledgerFigures(db: Db, now: Date) {
  const units = await db.unit.findMany({
    where: { kind: { in: ['office', 'member'] }, active: true },
    orderBy: { sortOrder: 'asc' },
    select: { id: true, code: true, shortName: true },
  });
  const [overdue, colours] = await Promise.all([
    db.ledgerItem.groupBy({
      by: ['leadUnitId', 'color'],
      where: { status: { not: 'closed' }, dueAt: { lt: now } },
      _count: { _all: true },
    }),
    db.ledgerItem.groupBy({ by: ['color'], where: { status: { not: 'closed' } }, _count: { _all: true } }),
  ]);
  const overdueByUnit = units.map((u) => {
    const mine = overdue.filter((o) => o.leadUnitId === u.id);
    return {
      unit: u.code,
      name: u.shortName,
      total: mine.reduce((s, o) => s + o._count._all, 0),
      byColor: Object.fromEntries(mine.map((o) => [o.color, o._count._all])),
      href: `/ledger?unit=${u.code}&overdue=1`,
    };
  });
  const byColor = (['red', 'yellow', 'blue', 'none'] as const).map((c) => ({
    color: c,
    label: colorLabels[c],
    count: colours.find((x) => x.color === c)?._count._all ?? 0,
    href: `/ledger?color=${c}&status=active`,
  }));
  return { overdueByUnit, byColor };
}

async function punctuality(db: Db, weeks: string[], now: Date) {
  const reports = await db.weeklyReport.findMany({
    where: { isoWeek: { in: weeks } },
    select: { isoWeek: true, status: true, late: true, submittedAt: true, dueAt: true, makeupAt: true },
  });
  const empty = (): Record<ReportCell, number> => ({
    on_time: 0,
    late: 0,
    makeup: 0,
    missing: 0,
    returned: 0,
    open: 0,
  });
  const byWeek = new Map(weeks.map((w) => [w, empty()]));
  for (const r of reports) byWeek.get(r.isoWeek)![reportCell(r, now)]++;
  return weeks.map((week) => {
    const c = byWeek.get(week)!;
    const due = c.on_time + c.late + c.makeup + c.missing + c.returned;
    return { week, ...c, onTimeRate: rate(c.on_time, due), href: `/reports?week=${week}` };
  });
}

async function indicators(db: Db, weeks: string[], counts: ProcessCounts) {
  const processFigures = processFiguresByUnit(counts);
  const [owners, figures] = await Promise.all([
    db.indicatorOwner.findMany({
      // Evaluation indicators have period figures (the 全市位次 panel), not weekly ones.
      where: { indicator: { source: { not: 'evaluation' } } },
      include: {
        indicator: {
          select: { code: true, name: true, target: true, comparator: true, source: true, sortOrder: true },
        },
        unit: { select: { code: true, shortName: true, sortOrder: true } },
      },
    }),
    db.weeklyReportFigure.findMany({
      where: { report: { isoWeek: { in: weeks } } },
      select: {
        indicatorId: true,
        value: true,
        report: { select: { id: true, isoWeek: true, unitId: true } },
      },
    }),
  ]);
  owners.sort((a, b) => a.indicator.sortOrder - b.indicator.sortOrder || a.unit.sortOrder - b.unit.sortOrder);
  const latest = new Map<string, { value: number; week: string; reportId: number }>();
  for (const f of figures) {
    const key = `${f.indicatorId}:${f.report.unitId}`;
    const seen = latest.get(key);
    if (!seen || seen.week < f.report.isoWeek)
      latest.set(key, { value: f.value, week: f.report.isoWeek, reportId: f.report.id });
  }
  const attainment = owners.map((o) => {
    const target = o.target ?? o.indicator.target;
    const last = latest.get(`${o.indicatorId}:${o.unitId}`);
    const counted = processFigures.get(`${o.indicator.code}:${o.unitId}`);
    const value =
      o.indicator.source === 'report'
        ? (last?.value ?? null)
        : counted
          ? rate(counted.numerator, counted.denominator)
          : null;
    return {
      indicator: o.indicator.code,
      name: o.indicator.name,
      source: o.indicator.source,
      unit: o.unit.code,
      unitName: o.unit.shortName,
      target,
      comparator: o.indicator.comparator,
      value,
      week: o.indicator.source === 'report' ? (last?.week ?? null) : null,
      met: value === null ? null : o.indicator.comparator === '=' ? value === target : value >= target,
      href:
        o.indicator.source === 'process'
          ? (counted?.href(o.unit.code) ?? '/dashboard')
          : last
            ? `/reports/${last.reportId}`
            : `/reports?unit=${o.unit.code}`,
    };
  });
  const trendCodes = [...new Set(attainment.filter((a) => a.source === 'report').map((a) => a.indicator))];
  const idOf = new Map(owners.map((o) => [o.indicator.code, o.indicatorId]));
  const trend = trendCodes.map((code) => {
    const id = idOf.get(code);
    const target = owners.find((o) => o.indicator.code === code)!.indicator.target;
    const points = weeks.map((week) => {
      const values = figures
        .filter((f) => f.indicatorId === id && f.report.isoWeek === week)
        .map((f) => f.value);
      return values.length ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10 : null;
    });
    return { indicator: code, name: attainment.find((a) => a.indicator === code)!.name, target, points };
  });
  return { attainment, trend };
}

export async function dashboard(db: Db, now = new Date(), weekCount = 12) {
  const weeks = weeksUpTo(isoWeekOf(now), weekCount);
  const counts = await processCounts(db);
  const [r, ledger, reports, ind] = await Promise.all([
    rates(db, counts),
    ledgerFigures(db, now),
    punctuality(db, weeks, now),
    indicators(db, weeks, counts),
  ]);
  return {
    generatedAt: now.toISOString(),
    weeks,
    rates: r,
    ...ledger,
    punctuality: reports,
    indicators: ind.attainment,
    trend: ind.trend,
  };
}
