// `npm run demo`: invented demo users for every role and unit, and invented demo records (DOMAIN.md sample
// data: enterprises, cases, petitions, ledger items, weekly reports). Idempotent. Never real names, IDs or
// phone numbers. The demo password comes from DEMO_PASSWORD or is generated and printed once.
import { audit, audited, type Actor } from '../audit';
import { generatePassword, hashPassword } from '../auth/password';
import type { Role } from '../auth/roles';
import type { Db, Tx } from '../db/client';
import { openLedgerItem } from '../ledger/ledger-items';

const demoActor: Actor = { userId: null, label: 'demo' };

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
}

const unitNames: Record<string, string> = {
  'plc-office': '专班办公室',
  court: '区法院',
  procuratorate: '区检察院',
  police: '公安分局',
  justice: '区司法局',
};

export const demoUsers: DemoUser[] = [
  { username: 'coordinator', displayName: '专班办公室承办人A', role: 'coordinator', unit: 'plc-office' },
  { username: 'leader', displayName: '专班领导甲', role: 'leader', unit: 'plc-office' },
  ...Object.entries(unitNames).flatMap(([unit, name]): DemoUser[] => [
    { username: `${unit}.user`, displayName: `${name}承办人B`, role: 'unit-user', unit },
    { username: `${unit}.lead`, displayName: `${name}负责人乙`, role: 'unit-lead', unit },
  ]),
];

const enterprises = [
  {
    name: '青禾精密机械有限公司',
    industry: '装备制造',
    contactName: '联系人甲',
    contactPhone: '000-0000-0001',
  },
  {
    name: '澄川新材料科技有限公司',
    industry: '新材料',
    contactName: '联系人乙',
    contactPhone: '000-0000-0002',
  },
  { name: '北辰冷链物流有限公司', industry: '物流', contactName: '联系人丙', contactPhone: '000-0000-0003' },
  { name: '南麓文旅发展有限公司', industry: '文旅', contactName: '联系人丁', contactPhone: '000-0000-0004' },
  {
    name: '星垣软件信息服务有限公司',
    industry: '软件',
    contactName: '联系人戊',
    contactPhone: '000-0000-0005',
  },
];

async function units(tx: Tx | Db): Promise<Record<string, number>> {
  const rows = await tx.unit.findMany({ select: { id: true, code: true } });
  return Object.fromEntries(rows.map((u) => [u.code, u.id]));
}

async function createDemoUsers(db: Db, password: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  return audited(db, async (tx) => {
    const ids = await units(tx);
    let created = 0;
    for (const u of demoUsers) {
      if (await tx.user.findUnique({ where: { username: u.username } })) continue;
      const unitId = u.unit ? ids[u.unit] : null;
      const row = await tx.user.create({
        data: { username: u.username, displayName: u.displayName, role: u.role, unitId, passwordHash },
      });
      await audit(tx, demoActor, {
        action: 'user.create',
        entity: 'user',
        entityId: row.id,
        unitId,
        after: row,
      });
      created++;
    }
    return created;
  });
}

async function createDemoRecords(db: Db, pastWeek: boolean): Promise<number> {
  if (await db.enterprise.findUnique({ where: { name: enterprises[0].name } })) return 0;
  const ids = await units(db);
  const now = new Date('2026-11-20T02:00:00Z');
  const created = await audited(db, async (tx) => {
    let n = 0;
    const ent: number[] = [];
    for (const e of enterprises) {
      const row = await tx.enterprise.create({ data: e });
      await audit(tx, demoActor, {
        action: 'enterprise.create',
        entity: 'enterprise',
        entityId: row.id,
        after: row,
      });
      ent.push(row.id);
      n++;
    }
    const cases = [
      {
        number: 'XT-2026-001',
        enterpriseId: ent[0],
        handlingUnitId: ids.court,
        disputePoint: '买卖合同货款执行缓慢',
        meetingReason: 'escalated_complaint',
        involved: ['court', 'police'],
      },
      {
        number: 'XT-2026-002',
        enterpriseId: ent[3],
        handlingUnitId: ids.police,
        disputePoint: '查封账户超出涉案范围',
        meetingReason: 'inter_unit_dispute',
        involved: ['police', 'procuratorate'],
      },
      {
        number: 'XT-2026-003',
        enterpriseId: ent[4],
        handlingUnitId: ids.police,
        disputePoint: '诈骗案久侦不结（挂案）',
        meetingReason: 'public_reaction',
        involved: ['police', 'procuratorate'],
      },
    ] as const;
    for (const c of cases) {
      const { involved, ...data } = c;
      const row = await tx.enterpriseCase.create({
        data: {
          ...data,
          status: 'registered',
          involvedUnits: { create: involved.map((u) => ({ unitId: ids[u] })) },
        },
      });
      await audit(tx, demoActor, {
        action: 'enterpriseCase.create',
        entity: 'enterpriseCase',
        entityId: row.id,
        unitId: row.handlingUnitId,
        after: row,
      });
      n++;
    }
    const petitions = [
      {
        number: 'XF-2026-0001',
        channel: 'line_12309',
        enterpriseId: ent[1],
        petitionerName: '澄川新材料科技有限公司',
        subject: '商业秘密被泄露，请求依法追究',
        unit: 'procuratorate',
      },
      {
        number: 'XF-2026-0002',
        channel: 'line_110',
        enterpriseId: ent[2],
        petitionerName: '北辰冷链物流有限公司',
        subject: '厂区出入口被堵，影响正常经营',
        unit: 'police',
      },
      {
        number: 'XF-2026-0003',
        channel: 'line_12368',
        enterpriseId: ent[0],
        petitionerName: '青禾精密机械有限公司',
        subject: '胜诉后货款迟迟未执行到位',
        unit: 'court',
      },
    ] as const;
    for (const p of petitions) {
      const { unit, ...data } = p;
      const row = await tx.petition.create({
        data: {
          ...data,
          petitionerKind: 'enterprise',
          contact: '000-0000-0009',
          content: `${p.subject}（演示数据）`,
          receivingUnitId: ids[unit],
          handlingUnitId: ids[unit],
          registeredAt: now,
        },
      });
      await audit(tx, demoActor, {
        action: 'petition.create',
        entity: 'petition',
        entityId: row.id,
        unitId: row.handlingUnitId,
        after: row,
      });
      n++;
    }
    for (const unit of pastWeek ? ['plc-office', 'court', 'procuratorate', 'police', 'justice'] : []) {
      const row = await tx.weeklyReport.create({
        data: {
          unitId: ids[unit],
          isoWeek: '2026-W47',
          status: 'signed_off',
          author: `${unitNames[unit]}承办人B`,
          problems: '无',
          nextWeekPlan: '继续推进任务清单各项工作',
          submittedAt: now,
          signedOffAt: now,
        },
      });
      await audit(tx, demoActor, {
        action: 'weeklyReport.create',
        entity: 'weeklyReport',
        entityId: row.id,
        unitId: row.unitId,
        after: row,
      });
      n++;
    }
    return n;
  });
  const ledger = [
    {
      source: 'coordination_meeting',
      sourceRef: 'XT-2026-001',
      problem: '青禾精密机械有限公司案执行款未到位',
      leadUnitCode: 'court',
      originKey: 'demo:ledger:1',
    },
    {
      source: 'complaint',
      sourceRef: 'XF-2026-0002',
      problem: '北辰冷链物流有限公司厂区被堵问题未解决',
      leadUnitCode: 'police',
      assistingUnitCodes: ['justice'],
      originKey: 'demo:ledger:2',
    },
    {
      source: 'case_review',
      problem: '案件评查发现扣押财物清单不完整',
      leadUnitCode: 'procuratorate',
      originKey: 'demo:ledger:3',
    },
  ] as const;
  for (const item of ledger)
    await openLedgerItem(
      db,
      demoActor,
      { ...item, assistingUnitCodes: [...('assistingUnitCodes' in item ? item.assistingUnitCodes : [])] },
      now,
    );
  return created + ledger.length;
}

export interface DemoReport {
  usersCreated: number;
  recordsCreated: number;
  generatedPassword?: string;
}

/**
 * `pastWeek` (default on) writes one signed-off week, 2026-W47, that the test systems start with; `npm run demo`
 * turns it off and writes eight weeks of history instead (demo-weeks.ts).
 */
export async function seedDemo(
  db: Db,
  options: { password?: string; pastWeek?: boolean } = {},
): Promise<DemoReport> {
  const given = options.password ?? process.env.DEMO_PASSWORD;
  const generated = given ? undefined : generatePassword();
  const usersCreated = await createDemoUsers(db, given ?? (generated as string));
  const recordsCreated = await createDemoRecords(db, options.pastWeek ?? true);
  return { usersCreated, recordsCreated, generatedPassword: usersCreated > 0 ? generated : undefined };
}
