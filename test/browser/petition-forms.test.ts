// The petition's forms in the real browser on the whole system (engine, workers, web, database). A difficult
// enterprise petition is registered and classified by the court through the API; in the browser the court's
// unit user then records the public-reply consent of two parties in the form's repeating list — the petitioner
// consents in writing, the opposing party refuses in writing — each with its own signed scan, and the fields a
// party's answers call for appear in that party's row only. What is recorded is read back: one row per party
// with its own scan and reason, the scans filed under the petition, the petition answered the ordinary way and
// the process at the reply draft, as the model's 有一方不同意 branch says. While the reply is drafted, the court's
// user asks for an extension from the instance page's 可办理事项 (a date beyond the 30-day limit is refused in the
// dialog first); the lead's approval task follows; the office and another unit are offered nothing. Later the
// same action is offered on the reply task's page and opened by keyboard, and what the user had typed into the
// reply stays. After the
// reply is signed and delivered, the return visit (回访) records a partial resolution and a 基本满意 rating: the
// satisfaction counts in 满意率 beside 解决率, never as a resolution.
import type { Browser, Page } from 'playwright-core';
import { dashboard } from '../../web/server/dashboard/dashboard';
import { clientsFor, taskOf, until } from '../web/monitor-support';
import { launchBrowser, openAs } from './support/browser';
import { eventually } from './support/eventually';
import { classifiedPetition } from './support/petition';
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
  petition = await classifiedPetition(as, '浏览器信访科技有限公司', 'complex');
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

const shanghaiDate = (ms: number) => new Date(ms).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const plusDays = (date: string, n: number) =>
  shanghaiDate(Date.parse(`${date}T12:00:00+08:00`) + n * 86_400_000);

interface InstanceBody {
  state: string;
  variables: { name: string; value: unknown }[];
}
const instance = async (username: string) =>
  (await as(username)).send<InstanceBody>('GET', `/api/instances/${petition.processInstanceKey}`);

async function complete(username: string, elementId: string, variables: Record<string, unknown>) {
  const c = await as(username);
  const task = await taskOf(c, elementId, petition.number);
  const done = await c.send('POST', `/api/tasks/${task.userTaskKey}/complete`, { variables });
  if (done.status !== 200) throw new Error(`${elementId}: ${done.status} ${JSON.stringify(done.body)}`);
}

/** The court's lead (负责人) opens that task of the petition from 我的待办, as a lead does. */
async function leadOpens(name: string): Promise<Page> {
  const page = await pageOf('court.lead');
  await openTask(page, petition.number, name);
  return page;
}

it('lets the handling unit ask for an extension from the instance page; the office and other units are offered nothing', async () => {
  const variables = (await instance('court.user')).body.variables;
  const due = shanghaiDate(Date.parse(String(variables.find((v) => v.name === 'handlingDueAt')!.value)));
  const page = await pageOf('court.user');
  await page.goto(`/instances/${petition.processInstanceKey}`);
  const actions = page.getByRole('region', { name: '可办理事项' });
  await actions.getByRole('button', { name: '申请延期' }).click();
  const dialog = page.getByRole('dialog', { name: '申请延期' });
  await dialog.getByText(`申请延期：${petition.number}`).waitFor();
  await fill(dialog, '延期理由', '需调取外地执行材料');

  await fillDate(dialog, '申请延长至', plusDays(due, 40));
  await dialog.getByRole('button', { name: '提交申请延期' }).click();
  await dialog
    .getByText(/延长期限最长不超过30日/)
    .first()
    .waitFor();
  expect(
    await db().auditLog.count({
      where: { action: 'processInstance.requestExtension', entityId: petition.processInstanceKey },
    }),
  ).toBe(0);

  await fillDate(dialog, '申请延长至', plusDays(due, 20));
  await dialog.getByRole('button', { name: '提交申请延期' }).click();
  await page.getByText(`已提交延期申请（申请延长至 ${plusDays(due, 20)}），待本单位负责人审批`).waitFor();
  await dialog.waitFor({ state: 'hidden' });

  const approval = await taskOf(await as('court.lead'), 'Task_ApproveExtension', petition.number);
  expect(approval.processInstanceKey).toBe(petition.processInstanceKey);
  const [sent, ...more] = await db().auditLog.findMany({
    where: { action: 'processInstance.requestExtension', entityId: petition.processInstanceKey },
  });
  expect(more).toHaveLength(0);
  expect(sent).toMatchObject({ actorLabel: 'court.user' });
  expect(sent.after).toMatchObject({
    extensionReason: '需调取外地执行材料',
    requestedDueDate: plusDays(due, 20),
  });
  // While the lead decides, the page offers no second request.
  await page.reload();
  await page.getByRole('heading', { name: '办理经过' }).waitFor();
  expect(await actions.count()).toBe(0);

  const office = await pageOf('coordinator');
  await office.goto(`/instances/${petition.processInstanceKey}`);
  await office.getByRole('heading', { name: '办理经过' }).waitFor();
  expect(await office.getByRole('region', { name: '可办理事项' }).count()).toBe(0);
  const police = await pageOf('police.user');
  await police.goto(`/instances/${petition.processInstanceKey}`);
  await police.locator('.notice-error').waitFor();
  expect(await police.getByRole('button', { name: '申请延期' }).count()).toBe(0);

  // The court's lead decides on the task page, reading what was asked in the form.
  const lead = await leadOpens('负责人审批延期');
  await lead.getByText('需调取外地执行材料').waitFor();
  await lead.getByText(`申请延长至：${plusDays(due, 20)}`).waitFor();
  expect(await lead.getByLabel('批准延长至').count()).toBe(0);
  await choose(lead, '审批意见', '批准延期');
  // The date asked for stands in the field: the lead approves it as asked without typing it again.
  // The field's date picker writes the value a moment after the field appears: read it until it is there.
  const [y, m, d] = plusDays(due, 20).split('-').map(Number);
  const approved = lead.getByLabel('批准延长至').first();
  await eventually(() => approved.inputValue(), `${y}/${m}/${d}`);
  await fill(lead, '审批说明', '同意延期');
  await submitTask(lead);
}, 120_000);

it('offers 申请延期 on the reply task itself, by keyboard, and keeps the draft typed so far', async () => {
  const page = await pageOf('court.user');
  await openTask(page, petition.number, '调查核实并拟写答复意见');
  const actions = page.getByRole('region', { name: '可办理事项' });
  // The approved extension resumes the period's watch a moment after the lead's decision.
  for (let i = 0; i < 30 && !(await actions.count()); i++) {
    await page.waitForTimeout(500);
    await page.reload();
    await page.locator('.fjs-form').waitFor();
  }
  // Read once the watch runs again: the lead's decision set the period in force.
  const variables = (await instance('court.user')).body.variables;
  const due = shanghaiDate(Date.parse(String(variables.find((v) => v.name === 'handlingDueAt')!.value)));
  await fill(page, '答复内容', '经核查，执行部门已发放部分款项。');

  await actions.getByRole('button', { name: '申请延期' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '申请延期' });
  await dialog.getByText(`申请延期：${petition.number}`).waitFor();
  await fill(dialog, '延期理由', '外地执行材料尚未寄回');
  await fillDate(dialog, '申请延长至', plusDays(due, 5));
  await dialog.getByRole('button', { name: '提交申请延期' }).click();
  await page.getByText(`已提交延期申请（申请延长至 ${plusDays(due, 5)}），待本单位负责人审批`).waitFor();
  await dialog.waitFor({ state: 'hidden' });
  expect(await actions.count()).toBe(0);
  await expect(field(page, '答复内容').locator('textarea').inputValue()).resolves.toBe(
    '经核查，执行部门已发放部分款项。',
  );
  const sent = await db().auditLog.findMany({
    where: { action: 'processInstance.requestExtension', entityId: petition.processInstanceKey },
    orderBy: { id: 'asc' },
  });
  expect(sent.map((r) => (r.after as { requestedDueDate: string }).requestedDueDate)).toEqual([
    due, // the first request, approved as asked
    plusDays(due, 5),
  ]);
  const lead = await leadOpens('负责人审批延期');
  await lead.getByText('外地执行材料尚未寄回').waitFor();
  await choose(lead, '审批意见', '不批准');
  expect(await lead.getByLabel('批准延长至').count()).toBe(0);
  await fill(lead, '审批说明', '应在现期限内办结');
  await submitTask(lead);
  const watched = await until('the period watched again', async () => {
    const v = (await instance('court.user')).body.variables;
    return v.some((x) => x.name === 'extensionDecision' && x.value === 'reject') ? v : undefined;
  });
  // Refused: the period stays where the first approval put it.
  expect(shanghaiDate(Date.parse(String(watched.find((v) => v.name === 'handlingDueAt')!.value)))).toBe(due);
}, 120_000);

it('records the return visit: the resolution counts in 解决率, the satisfaction beside it', async () => {
  await complete('court.user', 'Task_DraftReply', {
    stance: 'explain',
    replyContent: '已督促执行部门加快执行进度，部分款项已发放。',
    legalBasis: '《中华人民共和国民事诉讼法》',
    reviewRoute: '如不服，可自收到本答复之日起30日内请求复查。',
    publishReply: false,
  });
  const lead = await leadOpens('负责人签发答复意见');
  await lead.getByText(`签发答复意见书：${petition.number}`).waitFor();
  await lead.getByText('已督促执行部门加快执行进度，部分款项已发放。').waitFor();
  await choose(lead, '签发意见', '签发');
  expect(await field(lead, '退回理由').count()).toBe(0);
  await submitTask(lead);
  await taskOf(await as('court.user'), 'Task_FollowUp', petition.number);
  const rate = async (code: string) => (await dashboard(db())).rates.find((r) => r.code === code)!;
  const before = {
    resolution: await rate('complaint-resolution-rate'),
    satisfaction: await rate('complaint-satisfaction-rate'),
  };

  const page = await pageOf('court.user');
  await openTask(page, petition.number, '回访及满意度评价');
  await fillDate(page, '回访日期', today());
  await choose(page, '回访方式', '电话回访');
  expect(await field(page, '未完全解决的原因及后续安排').count()).toBe(0);
  await choose(page, '解决情况（计入解决率）', '部分解决');
  await fill(page, '未完全解决的原因及后续安排', '剩余款项待被执行人财产变现后发放');
  await choose(page, '满意度', '基本满意');
  await fill(page, '信访人意见', '对答复基本认可，希望尽快发放余款');
  await submitTask(page);

  const closed = await until('the return visit recorded', async () => {
    const p = await db().petition.findUniqueOrThrow({
      where: { number: petition.number },
      include: { satisfaction: true },
    });
    return p.satisfaction ? p : undefined;
  });
  expect(closed).toMatchObject({
    status: 'closed',
    resolutionOutcome: 'partially_resolved',
    resolutionNote: '剩余款项待被执行人财产变现后发放',
    satisfaction: {
      rating: 'basically_satisfied',
      visitMethod: 'phone',
      comment: '对答复基本认可，希望尽快发放余款',
    },
  });
  const after = {
    resolution: await rate('complaint-resolution-rate'),
    satisfaction: await rate('complaint-satisfaction-rate'),
  };
  expect(after.resolution).toMatchObject({
    numerator: before.resolution.numerator,
    denominator: before.resolution.denominator,
  });
  expect(after.satisfaction).toMatchObject({
    numerator: before.satisfaction.numerator + 1,
    denominator: before.satisfaction.denominator + 1,
  });
  // 基本满意 takes the model's 满意 branch: no review-route notice, the petition's process ends.
  const ended = await until('the process ended', async () => {
    const res = await instance('court.user');
    return res.body.state === 'COMPLETED' ? res.body : undefined;
  });
  expect(ended.state).toBe('COMPLETED');
}, 120_000);
