// A year of the district's data for the dashboard benchmark (issue 11): 52 weeks × the reporting units of
// weekly reports with their figures, 2,000 ledger items, 1,000 petitions (replies, return visits) and 300
// enterprise cases, spread over the year with a fixed pseudo-random sequence so every run builds the same data.
import { DateTime } from 'luxon';
import { zone } from '../../domain/calendar/deadline';
import type { Db } from '../../domain/db/client';
import { weeksUpTo, isoWeekOf } from '../../web/server/reports/punctuality';

export interface YearVolume {
  ledgerItems: number;
  petitions: number;
  cases: number;
  weeks: number;
}

export const districtYear: YearVolume = { ledgerItems: 2000, petitions: 1000, cases: 300, weeks: 52 };

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export async function generateYear(db: Db, now: Date, volume: YearVolume = districtYear): Promise<void> {
  const rnd = random(20261205);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const units = await db.unit.findMany({ where: { kind: { in: ['office', 'member'] } } });
  const members = units.filter((u) => u.kind === 'member');
  const start = DateTime.fromJSDate(now, { zone }).minus({ weeks: volume.weeks });
  const dayInYear = () => start.plus({ days: Math.floor(rnd() * volume.weeks * 7) }).toJSDate();
  const year = DateTime.fromJSDate(now, { zone }).year - 1;

  const weeks = weeksUpTo(isoWeekOf(now), volume.weeks);
  const existing = new Set(
    (await db.weeklyReport.findMany({ select: { isoWeek: true, unitId: true } })).map(
      (r) => `${r.isoWeek}:${r.unitId}`,
    ),
  );
  const reports = weeks.flatMap((isoWeek) =>
    units
      .filter((u) => !existing.has(`${isoWeek}:${u.id}`))
      .map((u) => {
        const due = DateTime.fromISO(`${isoWeek}-4`, { zone }).set({ hour: 17 }).toJSDate();
        const roll = rnd();
        const late = roll > 0.8;
        const submittedAt =
          roll > 0.95 ? null : new Date(due.getTime() + (late ? 1 : -1) * Math.floor(rnd() * 3 * 86_400_000));
        const status = !submittedAt
          ? 'pending'
          : roll > 0.9
            ? 'returned'
            : roll > 0.5
              ? 'signed_off'
              : 'submitted';
        return {
          isoWeek,
          unitId: u.id,
          status: status as 'pending' | 'returned' | 'signed_off' | 'submitted',
          dueAt: due,
          submittedAt,
          late,
          author: '基准测试',
          problems: '无',
        };
      }),
  );
  await db.weeklyReport.createMany({ data: reports });
  const owners = await db.indicatorOwner.findMany({ include: { indicator: true } });
  const rows = await db.weeklyReport.findMany({
    where: { isoWeek: { in: weeks }, author: '基准测试', submittedAt: { not: null } },
    select: { id: true, unitId: true },
  });
  const figures = rows.flatMap((r) =>
    owners
      .filter((o) => o.unitId === r.unitId && o.indicator.source === 'report')
      .map((o) => ({
        reportId: r.id,
        indicatorId: o.indicatorId,
        value: Math.round((o.target ?? o.indicator.target) * (0.8 + rnd() * 0.4) * 10) / 10,
      })),
  );
  await db.weeklyReportFigure.createMany({ data: figures });

  const ledger = Array.from({ length: volume.ledgerItems }, (_, i) => {
    const due = dayInYear();
    const closed = rnd() < 0.55;
    return {
      number: `ZG-${year}-${String(i + 1).padStart(4, '0')}`,
      source: pick([
        'weekly_meeting',
        'coordination_meeting',
        'complaint',
        'case_review',
        'supervision',
      ] as const),
      problem: `基准事项${i + 1}：涉企案件办理超期，需督促整改并说明理由`,
      leadUnitId: pick(members).id,
      dueAt: due,
      originalDueAt: due,
      status: closed
        ? ('closed' as const)
        : pick(['notified', 'acknowledged', 'rectifying', 'verifying'] as const),
      color: closed ? ('none' as const) : pick(['none', 'none', 'blue', 'yellow', 'red'] as const),
      round: rnd() < 0.1 ? 2 : 1,
      closedAt: closed ? new Date(due.getTime() - Math.floor(rnd() * 5 * 86_400_000)) : null,
    };
  });
  await db.ledgerItem.createMany({ data: ledger });

  const petitions = Array.from({ length: volume.petitions }, (_, i) => {
    const unit = pick(members);
    return {
      number: `XF-${year}-${String(i + 1).padStart(5, '0')}`,
      channel: pick([
        'line_12309',
        'line_110',
        'line_12368',
        'line_12348',
        'letter',
        'visit',
        'online',
      ] as const),
      petitionerKind: rnd() < 0.6 ? ('enterprise' as const) : ('person' as const),
      petitionerName: `信访人${i + 1}`,
      subject: `基准信访${i + 1}`,
      content: '反映案件久拖不决',
      receivingUnitId: unit.id,
      handlingUnitId: unit.id,
      status: pick([
        'accepted',
        'handling',
        'replied',
        'replied',
        'closed',
        'closed',
        'not_accepted',
      ] as const),
      registeredAt: dayInYear(),
    };
  });
  await db.petition.createMany({ data: petitions });
  const answered = await db.petition.findMany({
    where: { number: { startsWith: `XF-${year}-` }, status: { in: ['replied', 'closed'] } },
    select: { id: true, registeredAt: true },
  });
  await db.petitionReply.createMany({
    data: answered.map((p) => ({
      petitionId: p.id,
      stance: 'explain' as const,
      content: '答复内容',
      legalBasis: '依据',
      reviewRoute: '复查途径',
      deliveredAt: new Date(p.registeredAt.getTime() + 20 * 86_400_000),
    })),
  });
  await db.satisfactionRating.createMany({
    data: answered.map((p) => ({
      petitionId: p.id,
      visitedAt: new Date(p.registeredAt.getTime() + 30 * 86_400_000),
      rating: pick(['satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied'] as const),
    })),
  });

  // The outcome (解决率) is drawn apart from the rating: a complaint can be resolved and still rated unsatisfied.
  const outcomes = ['resolved', 'resolved', 'partially_resolved', 'unresolved'] as const;
  const byOutcome = new Map<(typeof outcomes)[number], number[]>();
  for (const p of answered) {
    const o = pick(outcomes);
    byOutcome.set(o, [...(byOutcome.get(o) ?? []), p.id]);
  }
  for (const [resolutionOutcome, ids] of byOutcome)
    await db.petition.updateMany({
      where: { id: { in: ids } },
      data: {
        resolutionOutcome,
        resolutionNote: resolutionOutcome === 'resolved' ? null : '基准数据：部分诉求未解决',
      },
    });

  await db.enterprise.createMany({
    data: Array.from({ length: 200 }, (_, i) => ({ name: `基准企业${i + 1}有限公司` })),
  });
  const enterprises = await db.enterprise.findMany({ where: { name: { startsWith: '基准企业' } } });
  await db.enterpriseCase.createMany({
    data: Array.from({ length: volume.cases }, (_, i) => ({
      number: `XT-${year}-${String(i + 1).padStart(4, '0')}`,
      enterpriseId: pick(enterprises).id,
      handlingUnitId: pick(members).id,
      disputePoint: '执行款项迟迟未到位',
      meetingReason: pick(['public_reaction', 'inter_unit_dispute', 'escalated_complaint', 'other'] as const),
      status: pick([
        'registered',
        'screening',
        'opinions',
        'meeting_scheduled',
        'following_up',
        'resolved',
      ] as const),
      createdAt: dayInYear(),
    })),
  });
}
