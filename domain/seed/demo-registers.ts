// The demo's 全市位次 (plan task 13, §四(三)) and the court's long-pending cases (plan task 5), so a leader opening
// the demo finds the dashboard's 全市位次 and 长期未结案件 panels filled. Entered through the same domain functions
// the court's users and the office use — validation, audit and the 整改台账 path included — and dated relative to
// today, so the figures stay believable whenever the demo is installed. Parties are invented. Each register is
// filled once: a register that already holds records is left alone.
import { DateTime } from 'luxon';
import type { Actor } from '../audit';
import { localDate, zone } from '../calendar/deadline';
import {
  closeLongPendingCase,
  recordLongPendingProgress,
  registerLongPendingCase,
} from '../case-reviews/long-pending';
import type { Db } from '../db/client';
import { enterPeriodFigure } from '../indicators/period-figures';
import { raiseRankProblem } from '../indicators/rank-problem';

const everyUnit = { all: true } as const;

async function demoActor(db: Db, username: string) {
  const user = await db.user.findUnique({ where: { username } });
  if (!user) throw new Error(`演示数据：缺少演示用户 ${username}，请先写入演示用户`);
  return { actor: { userId: user.id, label: user.username } satisfies Actor, unitId: user.unitId };
}

/** Ranks per indicator for the last three quarters, oldest first (12 districts and counties in the city). */
const demoRanks: { code: string; ranks: [number, number, number]; values: [number, number, number] }[] = [
  { code: 'enforcing-contracts', ranks: [2, 3, 7], values: [84, 82.5, 76] },
  { code: 'resolving-insolvency', ranks: [4, 2, 1], values: [80, 86, 91] },
  { code: 'protecting-minority-investors', ranks: [3, 3, 2], values: [78, 79.5, 83] },
  { code: 'summary-procedure-rate', ranks: [3, 2, 2], values: [86.2, 88.4, 89.1] },
  { code: 'pre-litigation-mediation-rate', ranks: [2, 3, 3], values: [44.1, 43.2, 45.6] },
  { code: 'pre-litigation-mediation-success-rate', ranks: [1, 2, 2], values: [47.5, 46.8, 48.3] },
  { code: 'enforcement-within-legal-period', ranks: [2, 2, 3], values: [97.6, 98.1, 97.9] },
  { code: 'actual-enforcement-rate', ranks: [3, 4, 3], values: [22.4, 21.7, 23.5] },
];

/** The last three quarters' 全市位次; the one outside 先进位次 (执行合同, latest quarter) is 列入整改台账. */
export async function seedDemoRanks(db: Db, now = new Date()): Promise<number> {
  if (await db.indicatorPeriodFigure.count()) return 0;
  const court = await demoActor(db, 'court.user');
  const office = await demoActor(db, 'coordinator');
  const current = DateTime.fromJSDate(now, { zone }).startOf('quarter');
  const periods = [3, 2, 1].map((n) => current.minus({ quarters: n }).toFormat("yyyy-'Q'q"));
  let created = 0;
  for (const { code, ranks, values } of demoRanks) {
    for (const [i, period] of periods.entries()) {
      const figure = await enterPeriodFigure(
        db,
        court.actor,
        { all: false, unitId: court.unitId },
        {
          indicatorCode: code,
          period,
          cityRank: ranks[i],
          rankedCount: 12,
          value: values[i],
          note: '市营商环境评价季度通报（演示数据）',
        },
      );
      created++;
      // The latest quarter's miss goes to the 整改台账; earlier misses were made up since.
      const advancedRank = (await db.indicator.findUniqueOrThrow({ where: { code } })).advancedRank;
      if (i === periods.length - 1 && advancedRank !== null && figure.cityRank > advancedRank) {
        await raiseRankProblem(db, office.actor, figure.id, {}, now);
        created++;
      }
    }
  }
  return created;
}

const day = (d: DateTime) => d.toISODate() as string;

/** Four cases: two pending over a year (one past its target date), one recent, one cleared this year. */
export async function seedDemoLongPending(db: Db, now = new Date()): Promise<number> {
  if (await db.longPendingCase.count()) return 0;
  const { actor } = await demoActor(db, 'court.user');
  const today = DateTime.fromISO(localDate(now), { zone });
  const number = (filed: DateTime, n: number) => `（${filed.year}）豫0703民初${n}号`;
  const cases = [
    {
      filed: today.minus({ months: 20 }),
      number: 1536,
      caseType: 'commercial',
      parties: '青禾精密机械有限公司诉某机电贸易公司买卖合同纠纷',
      enterprise: '青禾精密机械有限公司',
      handler: '民二庭 承办人A',
      plan: '鉴定已完成，限期开庭；调解不成即依法判决',
      target: today.minus({ months: 1 }),
      progress: '质量鉴定意见书已送达双方，定于下月开庭',
    },
    {
      filed: today.minus({ months: 15 }),
      number: 2871,
      caseType: 'civil',
      parties: '北辰冷链物流有限公司诉某置业公司租赁合同纠纷',
      enterprise: '北辰冷链物流有限公司',
      handler: '民一庭 承办人B',
      plan: '组织诉中调解，明确分期履行方案',
      target: today.plus({ months: 3 }),
      progress: '双方同意诉中调解，正在核对租金数额',
    },
    {
      filed: today.minus({ months: 5 }),
      number: 412,
      caseType: 'commercial',
      parties: '星垣软件信息服务有限公司诉某科技公司技术服务合同纠纷',
      enterprise: '星垣软件信息服务有限公司',
      handler: '民二庭 承办人C',
      plan: '补充举证后及时审结',
      target: today.plus({ months: 2 }),
      progress: null,
    },
  ] as const;
  let created = 0;
  for (const c of cases) {
    const row = await registerLongPendingCase(
      db,
      actor,
      everyUnit,
      {
        caseNumber: number(c.filed, c.number),
        caseType: c.caseType,
        parties: c.parties,
        enterprise: c.enterprise,
        filedOn: day(c.filed),
        handler: c.handler,
        plan: c.plan,
        targetOn: day(c.target),
      },
      now,
    );
    if (c.progress) await recordLongPendingProgress(db, actor, everyUnit, row.id, { content: c.progress });
    created++;
  }
  // Cleared within this year (the dashboard's period), however early in the year the demo is installed.
  const closedOn = DateTime.max(today.minus({ days: 20 }), today.startOf('year'));
  const filed = today.minus({ months: 26 });
  const cleared = await registerLongPendingCase(
    db,
    actor,
    everyUnit,
    {
      caseNumber: number(filed, 977),
      caseType: 'civil',
      parties: '南麓文旅发展有限公司诉某建设公司建设工程合同纠纷',
      enterprise: '南麓文旅发展有限公司',
      filedOn: day(filed),
      handler: '民一庭 承办人D',
      plan: '院领导督办，限期调解',
      targetOn: day(closedOn),
    },
    now,
  );
  await closeLongPendingCase(
    db,
    actor,
    everyUnit,
    cleared.id,
    { closedOn: day(closedOn), closingMethod: 'mediation', note: '调解书已送达，款项分两期支付' },
    now,
  );
  return created + 1;
}

/** Both registers; the count of records written (0 when both already hold records). */
export async function seedDemoRegisters(db: Db, now = new Date()): Promise<number> {
  return (await seedDemoRanks(db, now)) + (await seedDemoLongPending(db, now));
}
