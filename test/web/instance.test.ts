// The instance page over the API on the whole system: a case's instance by engine key and by business key,
// with the taken path, execution counts, history, record and variables; unit scoping (another unit gets 404);
// and an incident — made by failing a job of a throw-away process — retried by the office after setting a
// variable, refused to a leader, audited, and refused again once resolved.
import { bootSystem, type BootedSystem } from '../browser/support/system';
import { caseInOpinionRound, clientsFor, until } from './monitor-support';

let booted: BootedSystem;
const as = clientsFor(() => booted);
let theCase: { number: string; processInstanceKey: string };

interface Page {
  processInstanceKey: string;
  processName: string;
  state: string;
  takenFlows: string[];
  counts: { elementId: string; active: number; completed: number; incidents: number }[];
  timeline: { kind: string; what: string; who: string | null }[];
  record: { number: string; page: string | null; rows: [string, string][] } | null;
  variables: { name: string; value: unknown; scope: string }[];
  incidents: { incidentKey: string; errorMessage: string; state: string; retryable: boolean }[];
  children: unknown[];
  parent: unknown;
}

beforeAll(async () => {
  booted = await bootSystem();
  theCase = await caseInOpinionRound(as, '实例页测试有限公司');
}, 120_000);
afterAll(async () => {
  await booted?.stop();
});

it('shows a case instance with its path, counts, history, record and variables — by key or business key', async () => {
  const c = await as('coordinator');
  const page = await until('the opinion round on the instance page', async () => {
    const res = await c.send<Page>('GET', `/api/instances/${theCase.processInstanceKey}`);
    expect(res.status).toBe(200);
    // The searches behind the page are eventually consistent (as Camunda's): wait until every part shows it.
    const opinionRound = res.body.counts.some((x) => x.elementId === 'Task_SubmitOpinion' && x.active === 2);
    const unitScopes = res.body.variables.filter((v) => v.name === 'unitCode').length === 2;
    return opinionRound && unitScopes ? res.body : undefined;
  });
  expect(page.processName).toBe('涉企案件协调会');
  expect(page.state).toBe('ACTIVE');
  expect(page.takenFlows).toEqual(
    expect.arrayContaining(['Flow_CaseRegistered_RegisterCase', 'Flow_RegisterCase_Screening']),
  );
  expect(page.counts.find((x) => x.elementId === 'Task_Screening')).toMatchObject({
    completed: 1,
    active: 0,
  });
  expect(page.record?.number).toBe(theCase.number);
  // The subtitle leads to the case's own page.
  expect(page.record?.page).toBe(
    `/cases/${(await booted.system.database.db.enterpriseCase.findUniqueOrThrow({ where: { number: theCase.number } })).id}`,
  );
  expect(page.record?.rows).toEqual(expect.arrayContaining([['企业', '实例页测试有限公司']]));
  expect(page.variables.find((v) => v.name === 'caseNumber')).toMatchObject({
    value: theCase.number,
    scope: '流程',
  });
  expect(page.variables.filter((v) => v.name === 'unitCode').map((v) => v.scope)).toEqual([
    '相关单位提交书面意见',
    '相关单位提交书面意见',
  ]);
  const whats = page.timeline.map((t) => t.what);
  expect(whats).toEqual(expect.arrayContaining(['受理审查', '提交书面意见']));
  expect(page.timeline.some((t) => t.kind === 'audit')).toBe(true);
  expect(page.children).toEqual([]);
  expect(page.parent).toBeNull();
  const byNumber = await c.send<Page>('GET', `/api/instances/${theCase.number}`);
  expect(byNumber.status).toBe(200);
  expect(byNumber.body.processInstanceKey).toBe(theCase.processInstanceKey);
}, 30_000);

it('lets the involved units see the instance and answers 404 to others, as for a key that does not exist', async () => {
  expect(
    (await (await as('court.user')).send('GET', `/api/instances/${theCase.processInstanceKey}`)).status,
  ).toBe(200);
  expect((await (await as('police.lead')).send('GET', `/api/instances/${theCase.number}`)).status).toBe(200);
  const other = await (
    await as('justice.user')
  ).send<{ detail: string }>('GET', `/api/instances/${theCase.processInstanceKey}`);
  const missing = await (
    await as('justice.user')
  ).send<{ detail: string }>('GET', '/api/instances/2251799999999999');
  expect(other.status).toBe(404);
  expect(missing.status).toBe(404);
  expect(other.body.detail).toBe(missing.body.detail);
  const nonsense = await (
    await as('coordinator')
  ).send<{ detail: string }>('GET', '/api/instances/XT-2099-999');
  expect(nonsense.status).toBe(404);
  expect(nonsense.body.detail).toBe('没有编号为 XT-2099-999 的流程实例');
});

const failing = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="monitor-retry-test" name="重试测试" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
    <bpmn:serviceTask id="Work" name="会失败的任务">
      <bpmn:extensionElements><zeebe:taskDefinition type="monitor.test.fails" retries="1" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

it('retries an incident after setting a variable (office and admin only), audited, and only once', async () => {
  const rest = booted.system.engine!.restAddress!;
  const authorization = booted.system.engineAuthorization!;
  const form = new FormData();
  form.append('resources', new Blob([failing], { type: 'text/xml' }), 'monitor-retry-test.bpmn');
  expect(
    (await fetch(`${rest}/v2/deployments`, { method: 'POST', body: form, headers: { authorization } }))
      .status,
  ).toBe(200);
  const created = await fetch(`${rest}/v2/process-instances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ processDefinitionId: 'monitor-retry-test', variables: { amount: 1 } }),
  });
  const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };
  const activate = async () =>
    (
      (await (
        await fetch(`${rest}/v2/jobs/activation`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ type: 'monitor.test.fails', timeout: 60_000, maxJobsToActivate: 1 }),
        })
      ).json()) as { jobs: { jobKey: string; variables: Record<string, unknown> }[] }
    ).jobs[0];
  const job = await until('the job', activate);
  expect(job.variables.amount).toBe(1);
  const failed = await fetch(`${rest}/v2/jobs/${job.jobKey}/failure`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ retries: 0, errorMessage: '金额不能为 1' }),
  });
  expect(failed.status).toBe(204);
  const c = await as('coordinator');
  const page = await until('the incident', async () => {
    const res = await c.send<Page>('GET', `/api/instances/${processInstanceKey}`);
    return res.body.incidents?.length ? res.body : undefined;
  });
  const [incident] = page.incidents;
  expect(incident).toMatchObject({ errorMessage: '金额不能为 1', state: 'ACTIVE', retryable: true });
  const path = `/api/instances/${processInstanceKey}/incidents/${incident!.incidentKey}/retry`;
  expect((await (await as('leader')).send('POST', path, {})).status).toBe(403);
  const bad = await c.send<{ errors: { field: string }[] }>('POST', path, { variables: { '1x': 2 } });
  expect(bad.status).toBe(400);
  const ok = await c.send('POST', path, { variables: { amount: 2 } });
  expect(ok.status).toBe(200);
  const again = await until('the job back with the new amount', activate);
  expect(again.variables.amount).toBe(2);
  const after = await c.send<Page>('GET', `/api/instances/${processInstanceKey}`);
  expect(after.body.incidents[0]).toMatchObject({ state: 'RESOLVED', retryable: false });
  const twice = await c.send<{ title: string }>('POST', path, {});
  expect(twice.status).toBe(409);
  const audit = await booted.system.database.db.auditLog.findMany({
    where: { action: 'processInstance.retryIncident' },
  });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actorLabel: 'coordinator', entityId: processInstanceKey });
  // No unit variable: a unit user does not see this instance.
  expect((await (await as('court.user')).send('GET', `/api/instances/${processInstanceKey}`)).status).toBe(
    404,
  );
}, 60_000);
