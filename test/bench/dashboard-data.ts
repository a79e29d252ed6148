// A year of the district's data for the dashboard benchmark (issue 11): 52 weeks × the reporting units of
// weekly reports with their figures, 2,000 ledger items (with assisting units and progress notes, which the
// export's 整改进展 column reads), 1,000 petitions (replies, return visits), 300 enterprise cases, the court's
// long-pending register and four quarters of 全市位次 — spread over the year with a fixed pseudo-random
// sequence so every run builds the same data.
import { DateTime } from 'luxon';
import { zone } from '../../domain/calendar/deadline';
import type { Db } from '../../domain/db/client';
import { weeksUpTo, isoWeekOf } from '../../web/server/reports/punctuality';

export interface YearVolume {
  ledgerItems: number;
  petitions: number;
  cases: number;
  weeks: number;
  /** The court's register of long-pending cases and a year of 全市位次 (not named by the goal; the page shows them). */
  longPending?: number;
  rankQuarters?: boolean;
}

export const districtYear: YearVolume = {
  ledgerItems: 2000,
  petitions: 1000,
  cases: 300,
  weeks: 52,
  longPending: 80,
  rankQuarters: true,
};

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export async function generateYear(db: Db, now: Date, volume: YearVolume = districtYear): Promise<void> {
  const rnd = random(20261205);
  // The additions the goal does not name draw from their own sequence, so the rest stays as it was.
  const more = random(20261206);
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
  const items = await db.ledgerItem.findMany({
    where: { number: { startsWith: `ZG-${year}-` } },
    select: { id: true, leadUnitId: true, round: true, dueAt: true },
  });
  await db.ledgerItemUnit.createMany({
    data: items
      .filter(() => more() < 0.2)
      .map((l) => {
        const others = members.filter((m) => m.id !== l.leadUnitId);
        return { ledgerItemId: l.id, unitId: others[Math.floor(more() * others.length)].id };
      }),
  });
  await db.ledgerProgressNote.createMany({
    data: items.flatMap((l) =>
      Array.from({ length: 1 + Math.floor(more() * 4) }, (_, n) => ({
        ledgerItemId: l.id,
        round: l.round,
        content: `第${n + 1}次进展：已召开专题会议研究整改措施，明确责任人和完成时限，目前按计划推进`,
        createdAt: new Date(l.dueAt.getTime() - (30 - n * 7) * 86_400_000),
      })),
    ),
  });

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

  if (volume.longPending) await longPendingYear(db, now, volume.longPending, more);
  if (volume.rankQuarters) await rankQuarters(db, now, more);
}

/** The court's register: cases filed over the last two years, about half cleared within the year. */
async function longPendingYear(db: Db, now: Date, count: number, rnd: () => number) {
  const court = await db.unit.findUniqueOrThrow({ where: { code: 'court' } });
  const today = DateTime.fromJSDate(now, { zone });
  const day = (d: DateTime) => d.toISODate() as string;
  await db.longPendingCase.createMany({
    data: Array.from({ length: count }, (_, i) => {
      const filed = today.minus({ days: 400 + Math.floor(rnd() * 330) });
      const closed = rnd() < 0.5 ? today.minus({ days: Math.floor(rnd() * 360) }) : null;
      return {
        unitId: court.id,
        caseNumber: `（${filed.year}）豫0703民初${9000 + i}号`,
        caseType: rnd() < 0.5 ? ('civil' as const) : ('commercial' as const),
        parties: `基准原告${i + 1}有限公司诉基准被告${i + 1}有限公司合同纠纷`,
        enterprise: `基准原告${i + 1}有限公司`,
        filedOn: day(filed),
        targetOn: day(today.plus({ days: Math.floor(rnd() * 240) - 120 })),
        plan: '限期开庭，调解不成即依法判决',
        status: closed ? ('closed' as const) : ('pending' as const),
        closedOn: closed ? day(closed) : null,
        closingMethod: closed ? ('judgment' as const) : null,
      };
    }),
  });
}

/** 全市位次 of every ranked indicator for the four quarters before this one (the demo enters three). */
async function rankQuarters(db: Db, now: Date, rnd: () => number) {
  const ranked = await db.indicator.findMany({ where: { advancedRank: { not: null } } });
  const admin = await db.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const current = DateTime.fromJSDate(now, { zone });
  const periods = [4, 3, 2, 1].map((n) => current.minus({ quarters: n }).toFormat("yyyy-'Q'q"));
  const existing = new Set(
    (await db.indicatorPeriodFigure.findMany()).map((f) => `${f.indicatorId}:${f.period}`),
  );
  await db.indicatorPeriodFigure.createMany({
    data: ranked.flatMap((ind) =>
      periods
        .filter((period) => !existing.has(`${ind.id}:${period}`))
        .map((period) => ({
          indicatorId: ind.id,
          period,
          value: Math.round(ind.target * (0.8 + rnd() * 0.3) * 10) / 10,
          cityRank: 1 + Math.floor(rnd() * 10),
          rankedCount: 11,
          enteredById: admin.id,
        })),
    ),
  });
}
