// 奖惩 on the whole system (engine, workers, web, SQLite): the office records a reward with its decision file and a
// 责令整改 that opens a ledger item whose rectification process reaches the unit's inbox; bad input and other
// roles change nothing; each unit lists only its own (and may open its own decision file); every entry is audited;
// the assessment workbook carries them on its 奖惩 sheet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { ApiClient } from '../support/api-client';
import { bootSystem, demoPassword, type BootedSystem } from '../browser/support/system';
import { download, upload } from './ledger-support';

let booted: BootedSystem;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-sanctions-'));
const savedDataDir = process.env.DATA_DIR;
const db = () => booted.system.database.db;
const today = DateTime.now().setZone('Asia/Shanghai');
const period = `${today.year}-Q${today.quarter}`;
const todayIso = today.toISODate()!;

interface Sanction {
  id: number;
  unitCode: string;
  kind: string;
  kindLabel: string;
  reward: boolean;
  reason: string;
  attachment: { id: number; fileName: string } | null;
  ledgerItem: { id: number; number: string } | null;
}

async function as(username: string): Promise<ApiClient> {
  const c = new ApiClient(booted.url);
  const res = await c.login(username, demoPassword);
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return c;
}

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const praise = {
  period,
  unitCode: 'court',
  kind: 'commend',
  reason: '执行合同指标全市位次前移三位，企业满意度明显提升',
  basis: '《优化营商环境工作奖惩办法》第五条第一项',
  decidedBy: '区优化法治化营商环境工作专班',
  decidedOn: todayIso,
};
const rectify = {
  period,
  unitCode: 'police',
  kind: 'rectify',
  reason: '涉企警情回访连续两周未按期报送',
  basis: '《优化营商环境工作奖惩办法》第八条第二项',
  decidedBy: '区优化法治化营商环境工作专班',
  decidedOn: todayIso,
  rectifyBy: today.plus({ days: 20 }).toISODate(),
};

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  booted = await bootSystem();
}, 120_000);
afterAll(async () => {
  await booted?.stop();
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('refuses bad input and other roles with specific Chinese errors, recording nothing', async () => {
  const office = await as('coordinator');
  const before = await db().assessmentSanction.count();
  const bad = await office.send<{ errors: { field: string; message: string }[] }>(
    'POST',
    '/api/assessment/sanctions',
    { period, unitCode: 'court', kind: 'fine', reason: '短', basis: '', decidedOn: '2026-02-30' },
  );
  expect(bad.status).toBe(400);
  expect(Object.fromEntries(bad.body.errors.map((e) => [e.field, e.message]))).toMatchObject({
    kind: '请选择奖惩类别',
    reason: '请填写事由（至少 4 个字）',
    basis: '请填写依据（奖惩办法条款）（至少 2 个字）',
    decidedBy: '请填写决定机关',
    decidedOn: '不是有效的日期',
  });
  const cases: [Record<string, unknown>, string, string][] = [
    [{ ...praise, decidedOn: today.plus({ days: 1 }).toISODate() }, 'decidedOn', '决定日期不能晚于今天'],
    [{ ...praise, unitCode: 'law-society' }, 'unitCode', '该单位不参加考核'],
    [{ ...praise, rectifyBy: rectify.rectifyBy }, 'rectifyBy', '只有责令整改需要填写整改期限'],
    [{ ...praise, period: '2026-Q5' }, 'period', '考核期间应为年度（如 2026）或季度（如 2026-Q4）'],
  ];
  for (const [body, field, message] of cases) {
    const res = await office.send<{ errors: { field: string; message: string }[] }>(
      'POST',
      '/api/assessment/sanctions',
      body,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field, message }]);
  }
  // A file another unit uploaded cannot be the office's decision file.
  const courtFile = await upload(await as('court.user'), '/api/attachments', pdf, { name: '法院材料.pdf' });
  expect(courtFile.status).toBe(201);
  const foreign = await office.send<{ errors: unknown[] }>('POST', '/api/assessment/sanctions', {
    ...praise,
    attachmentId: courtFile.body.id,
  });
  expect(foreign.body.errors).toEqual([{ field: 'attachmentId', message: '附件不存在或不是本单位上传的' }]);
  for (const user of ['court.lead', 'leader'])
    expect((await (await as(user)).send('POST', '/api/assessment/sanctions', praise)).status).toBe(403);
  expect(await db().assessmentSanction.count()).toBe(before);
});

it('records a reward with its file and a 责令整改 whose ledger item starts its rectification process', async () => {
  const office = await as('coordinator');
  const file = await upload(office, '/api/attachments', pdf, { name: '表扬通报.pdf' });
  expect(file.status).toBe(201);
  const rewarded = await office.send<Sanction>('POST', '/api/assessment/sanctions', {
    ...praise,
    attachmentId: file.body.id,
  });
  expect(rewarded.status).toBe(201);
  expect(rewarded.body).toMatchObject({ kind: 'commend', ledgerItem: null, attachmentId: file.body.id });

  const ordered = await office.send<Sanction & { ledgerItem: { processInstanceKey: string | null } }>(
    'POST',
    '/api/assessment/sanctions',
    rectify,
  );
  expect(ordered.status).toBe(201);
  const item = await db().ledgerItem.findUniqueOrThrow({
    where: { id: ordered.body.ledgerItem!.id },
    include: { leadUnit: true },
  });
  expect(item).toMatchObject({ source: 'supervision', originKey: `sanction:${ordered.body.id}` });
  expect(item.leadUnit.code).toBe('police');
  expect(item.problem).toContain('涉企警情回访连续两周未按期报送');
  expect(DateTime.fromJSDate(item.dueAt).setZone('Asia/Shanghai').toISODate()).toBe(rectify.rectifyBy);
  expect(ordered.body.ledgerItem!.processInstanceKey).toMatch(/^\d+$/);
  expect(item.processInstanceKey).toBe(ordered.body.ledgerItem!.processInstanceKey);

  // The process runs: the police unit gets the 督办通知书 to acknowledge, for this item.
  const police = await as('police.user');
  const until = Date.now() + 20_000;
  let found = false;
  while (!found && Date.now() < until) {
    const inbox = await police.send<{ items: { elementId: string; processInstanceKey: string }[] }>(
      'GET',
      '/api/tasks?pageSize=100',
    );
    found = inbox.body.items.some(
      (t) => t.elementId === 'Task_Acknowledge' && t.processInstanceKey === item.processInstanceKey,
    );
    if (!found) await new Promise((r) => setTimeout(r, 250));
  }
  expect(found).toBe(true);

  const audit = await db().auditLog.findMany({
    where: { entity: 'assessmentSanction' },
    orderBy: { id: 'asc' },
  });
  expect(audit.map((a) => [a.action, a.entityId])).toEqual([
    ['assessmentSanction.create', String(rewarded.body.id)],
    ['assessmentSanction.create', String(ordered.body.id)],
    ['assessmentSanction.rectify', String(ordered.body.id)],
  ]);
});

it('lists each unit its own; the office and leaders all; the unit may open its own decision file', async () => {
  const list = async (user: string) =>
    (await (await as(user)).send<{ items: Sanction[] }>('GET', `/api/assessment/sanctions?period=${period}`))
      .body.items;
  const all = await list('coordinator');
  expect(all.map((s) => [s.unitCode, s.kindLabel, s.reward])).toEqual([
    ['court', '通报表扬', true],
    ['police', '责令整改', false],
  ]);
  expect(await list('leader')).toEqual(all);
  expect((await list('court.user')).map((s) => s.unitCode)).toEqual(['court']);
  const policeOwn = await list('police.lead');
  expect(policeOwn.map((s) => s.unitCode)).toEqual(['police']);
  expect(policeOwn[0].ledgerItem?.number).toMatch(/^ZG-\d{4}-\d{3}$/);
  expect(await list('justice.user')).toEqual([]);

  const fileId = all[0].attachment!.id;
  expect((await download(await as('court.user'), `/api/attachments/${fileId}/content`)).status).toBe(200);
  expect((await download(await as('justice.user'), `/api/attachments/${fileId}/content`)).status).toBe(404);
});

it('exports the period’s 奖惩 on their own sheet of the assessment workbook', async () => {
  const file = await download(await as('leader'), `/api/assessment/export?period=${period}`);
  expect(file.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.body as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('奖惩')!;
  const rows = sheet.getSheetValues().slice(2) as unknown[][];
  const number = (
    await db().ledgerItem.findFirstOrThrow({ where: { originKey: { startsWith: 'sanction:' } } })
  ).number;
  expect(rows.map((r) => r.slice(1, 9))).toEqual([
    ['区法院', '通报表扬', praise.reason, praise.basis, praise.decidedBy, todayIso, '', '表扬通报.pdf'],
    ['公安分局', '责令整改', rectify.reason, rectify.basis, rectify.decidedBy, todayIso, number, ''],
  ]);
});
