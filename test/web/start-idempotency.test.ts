// Retry-safe starts across a web restart, on the whole system (engine, workers, web, SQLite): a case and a petition
// started through their start forms, the web server stopped and a new one started on the same database, the same
// submission retried → the same record and still one process instance. A crash after the engine answered but
// before the answer was stored is resumed from the instance; a crash before the engine answered is reported as
// unknown (409) rather than risking a second start; keys older than a day are purged.
import { startServer, type RunningServer } from '../../web/server/server';
import { purgeIdempotencyKeys } from '../../web/server/start/idempotency';
import { ApiClient } from '../support/api-client';
import { bootSystem, demoPassword, type BootedSystem } from '../browser/support/system';

let booted: BootedSystem;
let web: RunningServer | undefined;
const db = () => booted.system.database.db;

interface Started {
  processInstanceKey: string;
  record: { number: string } | null;
}

async function as(username: string): Promise<ApiClient> {
  const c = new ApiClient(web?.url ?? booted.url);
  const res = await c.login(username, demoPassword);
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return c;
}

/** The instances of a process the engine holds, asked over its own REST API. */
async function instancesOf(processDefinitionId: string): Promise<string[]> {
  const res = await fetch(`${booted.system.engine!.restAddress}/v2/process-instances/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: booted.system.engineAuthorization! },
    body: JSON.stringify({ filter: { processDefinitionId } }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items: { processInstanceKey: string }[] };
  return body.items.map((i) => String(i.processInstanceKey));
}

async function restartWeb() {
  await (web ?? booted.system.web).stop();
  web = await startServer({
    database: booted.system.database,
    engineRestAddress: booted.system.engine!.restAddress,
    engineCredentials: booted.system.engineCredentials,
    port: 0,
    pendingStartIntervalMs: 0,
    log: () => undefined,
  });
}

const caseForm = {
  enterpriseName: '重启测试机械有限公司',
  externalCaseNumber: '（2026）某0101民初901号',
  handlingUnitCode: 'court',
  disputePoint: '合同款项结算争议',
  meetingReason: 'inter_unit_dispute',
  reasonDetail: '法院与公安对案件性质认识不一致',
  involvedUnitCodes: ['court', 'police'],
  urgency: 'normal',
};
const petitionForm = {
  channel: 'line_12309',
  petitionerKind: 'enterprise',
  petitionerName: '来访人甲',
  enterpriseName: '重启测试科技有限公司',
  contact: '13800000000',
  subject: '执行款迟迟未到账',
  content: '企业反映执行案件执行款长期未到账，请求督促。',
  receivingUnitCode: 'court',
};

beforeAll(async () => {
  booted = await bootSystem();
}, 120_000);
afterAll(async () => {
  await web?.stop();
  await booted?.stop();
});

it('returns the first case and petition to a retry after the web server restarted, with one instance each', async () => {
  const caseBody = { idempotencyKey: 'restart-case-0001', variables: caseForm };
  const petitionBody = { idempotencyKey: 'restart-petition-0001', variables: petitionForm };
  const first = await (
    await as('coordinator')
  ).send<Started>('POST', '/api/start-forms/case-coordination', caseBody);
  expect(first.status).toBe(201);
  expect(first.body.record?.number).toMatch(/^XT-\d{4}-\d+$/);
  const firstPetition = await (
    await as('court.user')
  ).send<Started>('POST', '/api/start-forms/petition-reply', petitionBody);
  expect(firstPetition.status).toBe(201);
  expect(firstPetition.body.record?.number).toMatch(/^XF-\d{4}-\d+$/);

  await restartWeb();
  const again = await (
    await as('coordinator')
  ).send<Started>('POST', '/api/start-forms/case-coordination', caseBody);
  expect(again.status).toBe(201);
  expect(again.body).toEqual(first.body);
  const petitionAgain = await (
    await as('court.user')
  ).send<Started>('POST', '/api/start-forms/petition-reply', petitionBody);
  expect(petitionAgain.body).toEqual(firstPetition.body);

  expect(await instancesOf('case-coordination')).toEqual([first.body.processInstanceKey]);
  expect(await instancesOf('petition-reply')).toEqual([firstPetition.body.processInstanceKey]);
  expect(await db().enterpriseCase.count({ where: { enterprise: { name: caseForm.enterpriseName } } })).toBe(
    1,
  );
  expect(await db().petition.count({ where: { subject: petitionForm.subject } })).toBe(1);
  // The same key from another user is another request.
  const other = await (
    await as('court.lead')
  ).send<Started>('POST', '/api/start-forms/petition-reply', petitionBody);
  expect(other.status).toBe(201);
  expect(other.body.processInstanceKey).not.toBe(firstPetition.body.processInstanceKey);
});

it('resumes from the instance when the web died after the engine answered but before the answer was kept', async () => {
  const body = {
    idempotencyKey: 'restart-case-0002',
    variables: { ...caseForm, externalCaseNumber: '（2026）某0101民初902号' },
  };
  const first = await (
    await as('coordinator')
  ).send<Started>('POST', '/api/start-forms/case-coordination', body);
  expect(first.status).toBe(201);
  const kept = await db().idempotencyKey.findFirstOrThrow({ where: { key: body.idempotencyKey } });
  expect(kept).toMatchObject({ route: 'start:case-coordination', resultRef: first.body.processInstanceKey });
  // What a crash between the engine's answer and the stored answer leaves behind.
  await db().idempotencyKey.update({ where: { id: kept.id }, data: { result: null } });
  await restartWeb();
  const again = await (
    await as('coordinator')
  ).send<Started>('POST', '/api/start-forms/case-coordination', body);
  expect(again.body.processInstanceKey).toBe(first.body.processInstanceKey);
  expect(again.body.record).toEqual(first.body.record);
  expect(
    (await instancesOf('case-coordination')).filter((k) => k === first.body.processInstanceKey),
  ).toHaveLength(1);
  expect(await instancesOf('case-coordination')).toHaveLength(2);
});

it('answers 409 and starts nothing when a crash left it unknown whether the engine started anything', async () => {
  const coordinator = await db().user.findUniqueOrThrow({ where: { username: 'coordinator' } });
  await db().idempotencyKey.create({
    data: {
      userId: coordinator.id,
      route: 'start:case-coordination',
      key: 'restart-case-0003',
      createdAt: new Date(Date.now() - 60_000),
    },
  });
  const before = await instancesOf('case-coordination');
  const res = await (
    await as('coordinator')
  ).send<{ title: string; detail: string }>('POST', '/api/start-forms/case-coordination', {
    idempotencyKey: 'restart-case-0003',
    variables: { ...caseForm, externalCaseNumber: '（2026）某0101民初903号' },
  });
  expect(res.status).toBe(409);
  expect(res.body.title).toBe('提交结果不明');
  expect(res.body.detail).toContain('请先在“查找”中确认是否已登记');
  expect(await instancesOf('case-coordination')).toEqual(before);
});

it('forgets keys older than a day', async () => {
  const all = await db().idempotencyKey.count();
  expect(await purgeIdempotencyKeys(db(), new Date(Date.now() + 23 * 3600_000))).toBe(0);
  expect(await purgeIdempotencyKeys(db(), new Date(Date.now() + 25 * 3600_000))).toBe(all);
  expect(await db().idempotencyKey.count()).toBe(0);
});
