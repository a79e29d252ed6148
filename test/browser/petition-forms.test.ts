// The petition's forms in the real browser on the whole system (engine, workers, web, database). A difficult
// enterprise petition is registered and classified by the court through the API; in the browser the court's
// unit user then records the public-reply consent of two parties in the form's repeating list — the petitioner
// consents in writing, the opposing party refuses in writing — each with its own signed scan, and the fields a
// party's answers call for appear in that party's row only. What is recorded is read back: one row per party
// with its own scan and reason, the scans filed under the petition, the petition answered the ordinary way and
// the process at the reply draft, as the model's 有一方不同意 branch says.
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { clientsFor, taskOf, until } from '../web/monitor-support';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';
import { choose, field, fill, fillDate, openTask, pdf, submitTask } from './support/task-form';

let booted: BootedSystem;
let browser: Browser;
let petition: { number: string; processInstanceKey: string };
const as = clientsFor(() => booted);
const db = () => booted.system.database.db;
const pages = new Map<string, Page>();

async function pageOf(username: string): Promise<Page> {
  let page = pages.get(username);
  if (!page) {
    page = (await openAs(browser, booted.url, { username, password: demoPassword })).page;
    pages.set(username, page);
  }
  return page;
}

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
  const court = await as('court.user');
  const started = await court.send<{ processInstanceKey: string; record: { number: string } }>(
    'POST',
    '/api/start-forms/petition-reply',
    {
      idempotencyKey: randomBytes(8).toString('hex'),
      variables: {
        channel: 'court_report_phone',
        petitionerKind: 'enterprise',
        petitionerName: '联系人甲',
        enterpriseName: '浏览器信访科技有限公司',
        subject: '买卖合同纠纷执行不到位',
        contact: '010-00000011',
        content: '生效判决确定的货款至今未执行到位，请求依法处理。',
        receivingUnitCode: 'court',
      },
    },
  );
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  petition = { number: started.body.record.number, processInstanceKey: started.body.processInstanceKey };
  const classify = await taskOf(court, 'Task_Classify', petition.number);
  const done = await court.send('POST', `/api/tasks/${classify.userTaskKey}/complete`, {
    variables: {
      classification: 'accept',
      classificationReason: '属于本院执行工作职责范围',
      complexity: 'complex',
    },
  });
  if (done.status !== 200) throw new Error(`classify: ${done.status} ${JSON.stringify(done.body)}`);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

const parties = [
  {
    name: '浏览器信访科技有限公司',
    role: '信访人',
    consent: '同意',
    file: '信访人签字意见书.pdf',
  },
  {
    name: '某建设工程集团有限公司',
    role: '对方当事人',
    consent: '不同意',
    file: '对方当事人签字意见书.pdf',
    reason: '涉及商业秘密，不愿公开',
  },
];

it('records every party’s consent with its own scan, and the refusal sends the petition the ordinary way', async () => {
  const page = await pageOf('court.user');
  await openTask(page, petition.number, '征询公开答复意见');
  await page.getByText(`征询公开答复意见：${petition.number}`).waitFor();
  await page.getByRole('button', { name: '添加一项' }).click();
  const rows = page.locator('.fjs-repeat-row-container');
  await expect(rows.count()).resolves.toBe(2);

  for (const [i, p] of parties.entries()) {
    const row = rows.nth(i);
    await fill(row, '当事人姓名（名称）', p.name);
    await choose(row, '身份', p.role);
    await choose(row, '是否同意公开答复', p.consent);
    await fillDate(row, '征询日期', today());
    // The scan is asked for only once the answer was given in writing, and only in this party's row.
    expect(await field(row, '该当事人签字的意见书（扫描件）').count()).toBe(0);
    await choose(row, '记录方式', '书面签字');
    const scan = field(row, '该当事人签字的意见书（扫描件）');
    await scan.locator('input[type=file]').setInputFiles({
      name: p.file,
      mimeType: 'application/pdf',
      buffer: pdf(p.file),
    });
    await scan.getByRole('link', { name: p.file }).waitFor();
    const reason = field(row, '不同意的理由');
    if (p.reason) await fill(row, '不同意的理由', p.reason);
    else expect(await reason.count()).toBe(0);
  }
  // Each row holds its own scan, not the other's.
  for (const [i, p] of parties.entries()) {
    const links = field(rows.nth(i), '该当事人签字的意见书（扫描件）').getByRole('link');
    await expect(links.allTextContents()).resolves.toEqual([p.file]);
  }
  await fill(page, '备注', '双方意见均已书面签字确认');
  await submitTask(page);

  const recorded = await until('the parties recorded', async () => {
    const rows = await db().petitionParty.findMany({
      where: { petition: { number: petition.number } },
      orderBy: { sequence: 'asc' },
    });
    return rows.length === 2 ? rows : undefined;
  });
  const scans = await db().attachment.findMany({ where: { petition: { number: petition.number } } });
  const fileOf = (ids: unknown) =>
    (ids as number[]).map((id) => scans.find((s) => s.id === id)?.fileName ?? `未归档附件 ${id}`);
  expect(
    recorded.map((r) => ({
      name: r.name,
      role: r.role,
      consent: r.consent,
      method: r.method,
      refusalReason: r.refusalReason,
      files: fileOf(r.documentIds),
      day: r.consentedOn.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }),
    })),
  ).toEqual([
    {
      name: parties[0].name,
      role: 'petitioner',
      consent: true,
      method: 'written',
      refusalReason: null,
      files: [parties[0].file],
      day: today(),
    },
    {
      name: parties[1].name,
      role: 'opposing_party',
      consent: false,
      method: 'written',
      refusalReason: parties[1].reason,
      files: [parties[1].file],
      day: today(),
    },
  ]);
  expect(scans.map((s) => s.fileName).sort()).toEqual([parties[1].file, parties[0].file].sort());

  const row = await db().petition.findUniqueOrThrow({ where: { number: petition.number } });
  expect(row).toMatchObject({ consentGiven: false, status: 'handling' });
  const draft = await taskOf(await as('court.user'), 'Task_DraftReply', petition.number);
  expect(draft.processInstanceKey).toBe(petition.processInstanceKey);
  const declined = await (
    await as('court.user')
  ).send<{ variables: { name: string; value: unknown }[] }>(
    'GET',
    `/api/instances/${petition.processInstanceKey}`,
  );
  expect(declined.body.variables.find((v) => v.name === 'publicReplyDeclinedReason')?.value).toBe(
    `对方当事人“${parties[1].name}”不同意公开答复：${parties[1].reason}`,
  );
  const [audit] = await db().auditLog.findMany({
    where: { action: 'petition.consent', entityId: String(row.id) },
  });
  expect(audit.after).toMatchObject({ consentNote: '双方意见均已书面签字确认' });
}, 120_000);
