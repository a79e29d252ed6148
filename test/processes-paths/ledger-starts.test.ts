// Every ledger item runs its process, however it was opened, with the real engine, workers and database: one
// opened over the web API (with the web server on the same engine) reaches the unit's supervision notice and is
// closed through the process, and a repeat of the request makes nothing twice; a spreadsheet import of N open
// rows starts N instances; a problem a case review found starts its process; an engine that fails the start
// leaves the item pending and the reconciler starts it exactly once; a start whose answer was lost (instance made,
// item not linked) is adopted, not doubled; two starters racing for one item leave one instance.
import ExcelJS from 'exceljs';
import { hashPassword } from '../../domain/auth/password';
import { raiseReviewProblem, recordReviewBatch } from '../../domain/case-reviews/reviews';
import { openLedgerItem } from '../../domain/ledger/ledger-items';
import {
  ensureLedgerProcess,
  startPendingLedgerProcesses,
  type ProcessStarter,
} from '../../domain/ledger/ledger-process';
import { createEngineApi, type EngineApi } from '../../web/server/engine/client';
import { startServer, type RunningServer } from '../../web/server/server';
import { engineStarter } from '../../web/server/start/engine-starter';
import { ApiClient } from '../support/api-client';
import { upload } from '../web/ledger-support';
import { acknowledgement, leadSigned, passed, progress, submit } from './support/answers';
import { DAY, dateOf, startBench, type Bench } from './support/bench';

jest.setTimeout(90_000);

const password = 'ledger-starts-password-1';
const office = { userId: null, label: 'coordinator' };
let b: Bench;
let engine: EngineApi;
let starter: ProcessStarter;

async function boot(options: { workers?: boolean } = {}) {
  b = await startBench('sqlite', undefined, options);
  engine = createEngineApi({ restAddress: b.server.restAddress!, env: {} })!;
  starter = engineStarter(engine);
}
afterEach(async () => {
  await b?.close();
});

/** Active rectification instances carrying the ledger number. */
async function instancesOf(number: string): Promise<string[]> {
  const vars = (await engine.searchVariables(
    {
      filter: { name: 'ledgerNumber', value: JSON.stringify(number) },
      page: { limit: 100 },
    } as never,
    { consistency: { waitUpToMs: 0 } } as never,
  )) as unknown as { items: { processInstanceKey: string }[] };
  const keys = [...new Set(vars.items.map((v) => String(v.processInstanceKey)))];
  if (!keys.length) return [];
  const found = (await engine.searchProcessInstances(
    {
      filter: { processInstanceKey: { $in: keys }, state: 'ACTIVE' },
      page: { limit: 100 },
    } as never,
    { consistency: { waitUpToMs: 0 } } as never,
  )) as unknown as { items: { processInstanceKey: string }[] };
  return found.items.map((i) => String(i.processInstanceKey));
}

const opening = (over: Record<string, unknown> = {}) => ({
  source: 'supervision' as const,
  problem: '南麓文旅发展有限公司反映项目审批材料多次退回，督促限期整改',
  leadUnitCode: 'police',
  dueAt: new Date(b.now() + 30 * DAY).toISOString(),
  ...over,
});

describe('over the web', () => {
  let web: RunningServer;
  const as = async (username: string) => {
    const c = new ApiClient(web.url);
    const res = await c.login(username, password);
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    return c;
  };
  beforeEach(async () => {
    await boot();
    const hash = await hashPassword(password);
    await b.db.user.updateMany({ data: { passwordHash: hash, mustChangePassword: false } });
    web = await startServer({
      database: b.database,
      engine,
      port: 0,
      host: '127.0.0.1',
      log: () => undefined,
      pendingStartIntervalMs: 0,
    });
  });
  afterEach(async () => {
    await web?.stop();
  });

  it('an item opened by API reaches the unit’s notice, closes through the process, and a repeat makes nothing twice', async () => {
    const coordinator = await as('coordinator');
    const body = opening({ assistingUnitCodes: ['justice'] });
    const res = await coordinator.send<{ id: number; number: string; processInstanceKey: string }>(
      'POST',
      '/api/ledger-items',
      body,
      { headers: { 'Idempotency-Key': 'open-ledger-0001' } },
    );
    expect(res.status).toBe(201);
    const { number, processInstanceKey: pi } = res.body;
    expect(pi).toMatch(/^\d+$/);
    const again = await coordinator.send<{ id: number; processInstanceKey: string }>(
      'POST',
      '/api/ledger-items',
      body,
      { headers: { 'Idempotency-Key': 'open-ledger-0001' } },
    );
    expect(again.body).toMatchObject({ id: res.body.id, processInstanceKey: pi });
    expect(await b.db.ledgerItem.count({ where: { problem: body.problem } })).toBe(1);

    const ack = await b.task('police', 'Task_Acknowledge', pi);
    expect(ack.candidateGroups).toEqual(['police']);
    const noticed = await b.db.ledgerItem.findUniqueOrThrow({ where: { number } });
    expect(noticed).toMatchObject({ status: 'notified', processInstanceKey: pi });
    expect(noticed.noticeIssuedAt).not.toBeNull();
    expect(await instancesOf(number)).toEqual([pi]);
    await b.complete('police', 'Task_Acknowledge', pi, acknowledgement);
    await b.complete('police', 'Task_Rectify', pi, progress());
    await b.complete('police', 'Task_Rectify', pi, submit);
    await b.complete('police', 'Task_LeadReview', pi, leadSigned, 'police.lead');
    await b.complete('coordinators', 'Task_Verify', pi, passed);
    await b.ended(pi);
    expect(await b.db.ledgerItem.findUniqueOrThrow({ where: { number } })).toMatchObject({
      status: 'closed',
    });
    const subjects = (await b.mails()).map((m) => m.mail.subject);
    expect(subjects.filter((s) => s?.startsWith(`【督办通知书】${number}`))).toHaveLength(1);
  });

  it('an import of N open rows starts N instances (a closed row starts none)', async () => {
    const before = await b.db.ledgerItem.count();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['问题来源', '问题描述', '责任单位', '完成时限', '状态', '销号日期']);
    const due = dateOf(b.now() + 40 * DAY);
    ws.addRow(['周例会', '导入事项一：企业反映执行款发放慢', '区法院', due, '', '']);
    ws.addRow(['周例会', '导入事项二：涉企警情回访不及时', '公安分局', due, '', '']);
    ws.addRow(['周例会', '导入事项三：法律援助受理告知不全', '区司法局', due, '', '']);
    ws.addRow(['周例会', '导入事项四：已办结的旧事项', '区法院', due, '已销号', dateOf(b.now())]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(await as('coordinator'), '/api/ledger/import', file);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 4, started: 3, pending: 0 });
    const rows = await b.db.ledgerItem.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(4);
    const open = rows.filter((r) => r.status !== 'closed');
    expect(open).toHaveLength(3);
    for (const r of open) {
      const unit = await b.db.unit.findUniqueOrThrow({ where: { id: r.leadUnitId } });
      await b.task(unit.code, 'Task_Acknowledge', r.processInstanceKey!);
      expect(await instancesOf(r.number)).toEqual([r.processInstanceKey]);
    }
    expect(rows.find((r) => r.status === 'closed')?.processInstanceKey).toBeNull();
  });
});

describe('in the domain', () => {
  it('a problem a case review found starts its process, once', async () => {
    await boot();
    const batch = await recordReviewBatch(b.db, office, {
      unitCode: 'procuratorate',
      title: '2026年涉企案件评查（一）',
      reviewedOn: dateOf(b.now()),
      samples: [{ caseNumber: '检民-2026-17', enterpriseRelated: true, problem: '超期未送达' }],
    });
    const sample = batch.samples[0];
    const raise = () =>
      raiseReviewProblem(b.db, office, sample.id, { leadUnitCode: 'court' }, new Date(b.now()), starter);
    const item = await raise();
    expect(item).toMatchObject({ source: 'case_review', processInstanceKey: expect.stringMatching(/^\d+$/) });
    await b.task('court', 'Task_Acknowledge', item.processInstanceKey!);
    expect(await raise()).toMatchObject({ id: item.id, processInstanceKey: item.processInstanceKey });
    expect(await instancesOf(item.number)).toEqual([item.processInstanceKey]);
  });

  it('an engine that fails the start leaves no orphan; the reconciler starts it exactly once', async () => {
    await boot();
    const item = await openLedgerItem(b.db, office, opening(), new Date(b.now()));
    const down: ProcessStarter = {
      ...starter,
      start: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8080')),
    };
    const failed = await ensureLedgerProcess(b.db, down, item.id);
    expect(failed).toMatchObject({ processInstanceKey: null, started: false, error: /ECONNREFUSED/ });
    expect(await instancesOf(item.number)).toEqual([]);
    expect(
      (await b.db.ledgerItem.findUniqueOrThrow({ where: { id: item.id } })).processInstanceKey,
    ).toBeNull();

    // Too young for the reconciler (its own request may still be starting it), then due.
    expect(await startPendingLedgerProcesses(b.db, starter, { now: new Date(), graceMs: 3_600_000 })).toEqual(
      [],
    );
    const pass = await startPendingLedgerProcesses(b.db, starter, { graceMs: 0 });
    expect(pass.filter((r) => r.number === item.number)).toMatchObject([{ started: true }]);
    const pi = pass.find((r) => r.number === item.number)!.processInstanceKey!;
    await b.task('police', 'Task_Acknowledge', pi);
    expect(await startPendingLedgerProcesses(b.db, starter, { graceMs: 0 })).toEqual([]);
    expect(await instancesOf(item.number)).toEqual([pi]);
  });

  it('a start whose answer was lost is adopted by the retry, not doubled', async () => {
    await boot({ workers: false });
    const item = await openLedgerItem(b.db, office, opening(), new Date(b.now()));
    let made = '';
    const lost: ProcessStarter = {
      ...starter,
      async start(id, vars) {
        made = await starter.start(id, vars);
        throw new Error('socket hang up');
      },
    };
    expect(await ensureLedgerProcess(b.db, lost, item.id)).toMatchObject({ error: 'socket hang up' });
    expect(made).toMatch(/^\d+$/);
    const retry = await ensureLedgerProcess(b.db, starter, item.id);
    expect(retry).toMatchObject({ processInstanceKey: made, started: false });
    await b.runWorkers();
    await b.task('police', 'Task_Acknowledge', made);
    expect(await instancesOf(item.number)).toEqual([made]);
  });

  it('two starters racing for one item leave one instance', async () => {
    await boot();
    const item = await openLedgerItem(b.db, office, opening(), new Date(b.now()));
    const [x, y] = await Promise.all([
      ensureLedgerProcess(b.db, starter, item.id),
      ensureLedgerProcess(b.db, starter, item.id),
    ]);
    expect(x.processInstanceKey).toBe(y.processInstanceKey);
    const pi = x.processInstanceKey!;
    await b.task('police', 'Task_Acknowledge', pi);
    await b.until('one instance', async () => (await instancesOf(item.number)).length === 1);
    expect(await instancesOf(item.number)).toEqual([pi]);
  });
});
