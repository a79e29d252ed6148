// The screenshots of the petition's forms: the consent task filled for two parties (the petitioner consenting,
// the opposing party refusing, each with its signed scan), a reply task offering 申请延期 beside its form, and
// the court lead's approval of such a request.
import type { Page } from 'playwright-core';
import type { ApiClient } from '../../support/api-client';
import { clientsFor } from '../../web/monitor-support';
import { classifiedPetition } from './petition';
import type { Shot } from './shots';
import type { BootedSystem } from './system';
import { choose, fill, fillDate, openTask, pdf } from './task-form';

let as: ((username: string) => Promise<ApiClient>) | undefined;
const petitions = new Map<string, Promise<{ number: string; processInstanceKey: string }>>();
const approvalAsked = new Map<string, Promise<void>>();

/** One petition per shot, shared by its widths. */
function petitionFor(booted: BootedSystem, name: string, complexity: 'simple' | 'complex') {
  as ??= clientsFor(() => booted);
  let p = petitions.get(name);
  if (!p) petitions.set(name, (p = classifiedPetition(as, name, complexity)));
  return p;
}

/** The court asks, through the API, to extend the petition's period by ten days (once its watch runs). */
async function extensionAsked(p: { processInstanceKey: string }) {
  const court = await as!('court.user');
  const path = `/api/instances/${p.processInstanceKey}`;
  for (let i = 0; ; i++) {
    const { body } = await court.send<{ variables: { name: string; value: unknown }[] }>('GET', path);
    const due = Date.parse(String(body.variables.find((v) => v.name === 'handlingDueAt')?.value));
    const asked = new Date(due + 10 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const sent = await court.send('POST', `${path}/petition-extension-request`, {
      variables: { extensionReason: '需调取外地执行材料', requestedDueDate: asked },
    });
    if (sent.status === 200) return;
    if (i > 40) throw new Error(`extension: ${sent.status} ${JSON.stringify(sent.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function fillParty(page: Page, i: number, p: { name: string; role: string; consent: string }) {
  const row = page.locator('.fjs-repeat-row-container').nth(i);
  await fill(row, '当事人姓名（名称）', p.name);
  await choose(row, '身份', p.role);
  await choose(row, '是否同意公开答复', p.consent);
  await fillDate(row, '征询日期', today());
  await choose(row, '记录方式', '书面签字');
  const file = `${p.role}签字意见书.pdf`;
  await row
    .locator('.fjs-form-field-filepicker input[type=file]')
    .setInputFiles({ name: file, mimeType: 'application/pdf', buffer: pdf(file) });
  await row.getByRole('link', { name: file }).waitFor();
}

export const petitionShots: Shot[] = [
  {
    name: 'task-petition-consent',
    user: 'court.user',
    widths: [1280, 768],
    async prepare(page, booted) {
      const { number } = await petitionFor(booted, '东岸公开答复科技有限公司', 'complex');
      await openTask(page, number, '征询公开答复意见');
      await page.getByRole('button', { name: '添加一项' }).click();
      await fillParty(page, 0, { name: '东岸公开答复科技有限公司', role: '信访人', consent: '同意' });
      await fillParty(page, 1, { name: '某建设工程集团有限公司', role: '对方当事人', consent: '不同意' });
      const second = page.locator('.fjs-repeat-row-container').nth(1);
      await fill(second, '不同意的理由', '涉及商业秘密，不愿公开');
      await page.locator('.fjs-form-field-filepicker').first().scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'task-petition-reply',
    user: 'court.user',
    async prepare(page, booted) {
      const { number } = await petitionFor(booted, '西城延期测试有限公司', 'simple');
      await openTask(page, number, '调查核实并拟写答复意见');
      const actions = page.getByRole('region', { name: '可办理事项' });
      for (let i = 0; i < 20 && !(await actions.count()); i++) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      await actions.waitFor();
      await page.locator('.diagram .djs-container').waitFor();
    },
  },
  {
    name: 'task-petition-extension-approval',
    user: 'court.lead',
    widths: [1280, 768],
    async prepare(page, booted) {
      const p = await petitionFor(booted, '南岸延期审批有限公司', 'simple');
      if (!approvalAsked.has(p.number)) approvalAsked.set(p.number, extensionAsked(p));
      await approvalAsked.get(p.number);
      await openTask(page, p.number, '负责人审批延期');
      await choose(page, '审批意见', '批准延期');
    },
  },
];
