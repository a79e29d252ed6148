// The admin's 操作日志 in words: each row's 变更内容 as a list of Chinese field names with old → new values (units
// and people by name, states by their labels, times as the app writes them) and its record by its business
// name — for the real rows a new ledger item, a user edit, a plan-task edit and a unit edit write, and for every
// row the install and the demo wrote. Secrets never leave the server; only admins read the log.
import { auditProblems as problems, type AuditRow as Row } from '../support/audit-words';
import { providers } from '../support/databases';
import { bootWeb, type TestWeb } from '../support/web-server';
import { sampleAnsweredComplaints } from '../browser/support/assessment-complaints';
import { DateTime } from 'luxon';

describe.each(providers)('the audit log in words on %s', (provider) => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await bootWeb({ provider });
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  async function rows(query: string): Promise<Row[]> {
    const admin = await web.signedIn('admin');
    const res = await admin.send<{ rows: Row[] }>('GET', `/api/admin/audit/search?${query}`);
    expect(res.status).toBe(200);
    return res.body.rows;
  }

  it('shows a new ledger item by its 台账编号 with the fields it was given, named in Chinese', async () => {
    const db = web.database.db;
    const coordinator = await web.signedIn('coordinator');
    const created = await coordinator.send<{ id: number; number: string }>('POST', '/api/ledger-items', {
      source: 'complaint',
      problem: '企业反映执行款长期未到位，'.repeat(8),
      leadUnitCode: 'court',
      assistingUnitCodes: ['police'],
    });
    expect(created.status).toBe(201);
    const [row] = await rows(`entity=ledgerItem&entityId=${created.body.id}&action=ledgerItem.create`);
    expect(row!.record).toEqual(expect.objectContaining({ label: created.body.number }));
    const byField = Object.fromEntries(row!.changes.map((c) => [c.field, c]));
    expect(byField['问题来源']!.after!.text).toBe('信访投诉');
    const name = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code } })).name;
    expect(byField['责任单位']!.after!.text).toBe(await name('court'));
    expect(byField['协办单位']!.after!.text).toBe(await name('police'));
    expect(byField['状态']!.after!.text).toBe('待下发');
    expect(byField['创建人']!.after!.text).toBe(
      (await db.user.findUniqueOrThrow({ where: { username: 'coordinator' } })).displayName,
    );
    expect(byField['整改期限']!.after!.text).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
    // A long text is shortened, the whole of it kept beside.
    expect(byField['问题描述']!.after!.text.length).toBeLessThan(90);
    expect(byField['问题描述']!.after!.full).toBe('企业反映执行款长期未到位，'.repeat(8));
    // Nothing it was not given: a create lists the fields set, not the empty ones.
    expect(row!.changes.every((c) => c.before === undefined && c.after!.text !== '（空）')).toBe(true);
    expect(problems([row!])).toEqual([]);
  });

  it('shows a user edit as only the changed fields, old → new, with the unit and role by name', async () => {
    const admin = await web.signedIn('admin');
    const db = web.database.db;
    const user = await db.user.findUniqueOrThrow({ where: { username: 'justice.user' } });
    const [justice, police] = await Promise.all(
      ['justice', 'police'].map((code) => db.unit.findUniqueOrThrow({ where: { code } })),
    );
    const res = await admin.send('PATCH', `/api/admin/users/${user.id}`, {
      displayName: '司法局 新姓名',
      role: 'unit-lead',
      unitCode: 'police',
    });
    expect(res.status).toBe(200);
    const [row] = await rows(`entity=user&entityId=${user.id}&action=user.update`);
    expect(row!.record).toEqual({ label: '司法局 新姓名（justice.user）', href: '/admin' });
    const changes = Object.fromEntries(row!.changes.map((c) => [c.field, [c.before?.text, c.after?.text]]));
    expect(changes).toMatchObject({
      姓名: [user.displayName, '司法局 新姓名'],
      角色: ['成员单位工作人员', '成员单位负责人'],
      所属单位: [justice!.name, police!.name],
    });
    // The fields that stayed as they were are not listed.
    expect(Object.keys(changes)).not.toContain('登录名');
    expect(Object.keys(changes)).not.toContain('启用');
    expect(problems([row!])).toEqual([]);
    expect(JSON.stringify(row)).not.toMatch(/passwordHash|csrfToken/);
  });

  it('shows a plan-task edit and a unit edit by their names, the units as names', async () => {
    const admin = await web.signedIn('admin');
    const db = web.database.db;
    const task = await db.planTask.findUniqueOrThrow({ where: { number: 6 } });
    expect(
      (
        await admin.send('PATCH', `/api/admin/plan-tasks/${task.id}`, {
          title: '新的任务名称',
          units: [
            { code: 'court', isLead: true },
            { code: 'justice', isLead: false },
          ],
        })
      ).status,
    ).toBe(200);
    const [taskRow] = await rows(`entity=planTask&entityId=${task.id}&action=planTask.update`);
    expect(taskRow!.record).toEqual({ label: '任务6：新的任务名称', href: '/admin/plan' });
    const title = taskRow!.changes.find((c) => c.field === '任务名称')!;
    expect([title.before!.text, title.after!.text]).toEqual([task.title, '新的任务名称']);
    const [court, justice] = await Promise.all(
      ['court', 'justice'].map((code) => db.unit.findUniqueOrThrow({ where: { code } })),
    );
    expect(taskRow!.changes.find((c) => c.field === '责任单位')!.after!.text).toBe(
      `${court!.name}（牵头）；${justice!.name}`,
    );

    expect(
      (await admin.send('PATCH', `/api/admin/units/${court!.id}`, { shortName: '法院', kind: 'associate' }))
        .status,
    ).toBe(200);
    const [unitRow] = await rows(`entity=unit&entityId=${court!.id}&action=unit.update`);
    expect(unitRow!.record).toEqual({ label: court!.name, href: '/admin/units' });
    expect(unitRow!.changes.map((c) => [c.field, c.before?.text, c.after?.text])).toEqual([
      ['单位简称', court!.shortName, '法院'],
      ['单位类别', '成员单位', '协办单位（无周报）'],
    ]);
    expect(problems([taskRow!, unitRow!])).toEqual([]);
  });

  it('names a delivered reply and a return visit in words: whether the reply was published, the rating given', async () => {
    await sampleAnsweredComplaints(web.database.db, DateTime.now().setZone('Asia/Shanghai'));
    const [delivered] = await rows('action=petitionReply.deliver&limit=1');
    const deliveredFields = Object.fromEntries(delivered!.changes.map((c) => [c.field, c]));
    expect(deliveredFields['是否公开']!.after!.text).toBe('否');
    const visits = await rows('action=petition.satisfaction');
    const rated = visits.map((r) => {
      const shown = r.changes.find((c) => c.field === '回访评价')!.after!;
      return shown.full ?? shown.text;
    });
    expect(rated.some((t) => t.includes('回访评价：基本满意'))).toBe(true);
    expect(rated.every((t) => t.includes('回访方式：电话回访'))).toBe(true);
    expect(problems([delivered!, ...visits])).toEqual([]);
  });

  it('names every field and code of every row the install, the demo and these edits wrote', async () => {
    const all: Row[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await rows(`limit=500&offset=${offset}`);
      all.push(...page);
      if (page.length < 500) break;
    }
    // The scan must cover the rows of many kinds, or it proves little.
    expect(new Set(all.map((r) => r.entity)).size).toBeGreaterThan(8);
    expect(problems(all)).toEqual([]);
    const unnamed = all.filter((r) => r.record === null).map((r) => `${r.entity}#${r.entityId}`);
    expect(unnamed).toEqual([]);
  });

  it('never sends a chat robot’s secret or token, and names the robot by its unit', async () => {
    const admin = await web.signedIn('admin');
    const police = await web.database.db.unit.findUniqueOrThrow({ where: { code: 'police' } });
    const token = 'feedface0987654321';
    const secret = 'SECauditsecretvalue';
    const set = await admin.send('PUT', `/api/admin/units/${police.id}/chat-robot`, {
      platform: 'dingtalk',
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${token}`,
      secret,
    });
    expect(set.status).toBe(200);
    const client = await web.signedIn('admin');
    const res = await client.send<{ rows: Row[] }>('GET', '/api/admin/audit/search?entity=unitChatRobot');
    const old = await client.send('GET', '/api/admin/audit?entity=unitChatRobot');
    for (const text of [JSON.stringify(res.body), JSON.stringify(old.body)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(secret);
    }
    const [row] = res.body.rows;
    expect(row!.record).toEqual({ label: `${police.name}的群机器人`, href: '/admin/units' });
    expect(row!.changes.map((c) => [c.field, c.after?.text])).toEqual(
      expect.arrayContaining([
        ['平台', '钉钉'],
        ['已设签名密钥', '是'],
      ]),
    );
  });

  it('names a 考核 score by its unit, period and dimension, the period and dimension in words', async () => {
    const office = await web.signedIn('coordinator');
    const entry = {
      period: '2026-Q4',
      unitCode: 'procuratorate',
      dimension: 'provincial-evaluation',
      score: 86.5,
    };
    const ok = await office.send('POST', '/api/assessment/entries', {
      ...entry,
      reason: '省营商办季度评价通报',
    });
    expect(ok.status).toBe(201);
    const db = web.database.db;
    const unit = await db.unit.findUniqueOrThrow({ where: { code: 'procuratorate' } });
    const [row] = await rows('action=assessmentEntry.create');
    expect(row!.record).toEqual({ label: `${unit.name} 2026年第四季度 省级营商环境评价情况` });
    const shown = Object.fromEntries(row!.changes.map((c) => [c.field, c.after?.text]));
    expect(shown).toMatchObject({
      单位: unit.name,
      期间: '2026年第四季度',
      考核维度: '省级营商环境评价情况',
      得分: '86.5',
    });
    expect(problems([row!])).toEqual([]);
  });

  it('names a failed sign-in of an unknown user by the name that was typed', async () => {
    expect((await web.client().login('nobody.here', 'wrong-password')).status).toBe(401);
    const [row] = await rows('action=login.failed&entityId=nobody.here');
    expect(row!.record).toEqual({ label: 'nobody.here' });
    expect(row!.changes.find((c) => c.field === '理由')!.after!.text).toBe('无此用户');
  });

  it('answers the log to admins only', async () => {
    for (const user of ['coordinator', 'court.user', 'leader']) {
      const c = await web.signedIn(user);
      expect((await c.send('GET', '/api/admin/audit/search')).status).toBe(403);
    }
  });
});
