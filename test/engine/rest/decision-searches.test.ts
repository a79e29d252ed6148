// REST API v2 read side of DMN, through the real HTTP port with the typed Orchestration Cluster
// client: decision definitions and requirements (search, get, the DMN XML), decision instances
// (one per decision evaluated, required ones included, with inputs and matched rules; a failed one
// with its failure; those of business-rule tasks linked to their process instance), and
// DeleteResource of a decision requirements graph — its decisions gone for evaluation and search,
// their instances kept, its version numbers never reused, also after a restart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chain, element } from '../support/bpmn';
import { dmn, table } from '../support/dmn';
import { startRestEngine, type RestTestEngine } from './support/rest-harness';

jest.setTimeout(30_000);

const priorityDmn = readFileSync(join(__dirname, '..', 'fixtures', 'rectification-priority.dmn'), 'utf8');
const now = { consistency: { waitUpToMs: 0 } };

interface DecisionInstance {
  decisionEvaluationInstanceKey: string;
  decisionDefinitionId: string;
  state: string;
  result: string;
  evaluationFailure?: string;
  processInstanceKey?: string;
  processDefinitionKey?: string;
  elementInstanceKey?: string;
  evaluatedInputs?: { inputName: string; inputValue: string }[];
  matchedRules?: { evaluatedOutputs: { outputName: string; outputValue: string }[] }[];
}

// Decision instances are read raw: Camunda keys them '<evaluation key>-<n>' (the 8.8 server maps
// decisionInstanceId to decisionEvaluationInstanceKey), which the typed client's response schema,
// declaring a plain numeric key, refuses — as it would refuse a real cluster's answer.
async function searchInstances(r: RestTestEngine, body: Record<string, unknown>) {
  const res = await r.http('POST', '/v2/decision-instances/search', body);
  expect(res.status).toBe(200);
  return res.json as unknown as { items: DecisionInstance[]; page: { totalItems: number } };
}
async function getInstance(r: RestTestEngine, key: string) {
  const res = await r.http('GET', `/v2/decision-instances/${key}`);
  expect(res.status).toBe(200);
  return res.json as unknown as DecisionInstance;
}
const levelDmn = dmn(
  'grading',
  table({
    id: 'level',
    inputs: ['score'],
    outputs: [{ name: 'level' }],
    rules: [
      ['< 60', '"不合格"'],
      ['[60..90)', '"合格"'],
      ['[85..100]', '"优秀"'],
    ],
  }),
);

let t: RestTestEngine | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function start(dataDir?: string) {
  t = await startRestEngine(dataDir ? { dataDir } : {});
  return t;
}

const evaluate = (r: RestTestEngine, decisionDefinitionId: string, variables: Record<string, unknown>) =>
  r.http('POST', '/v2/decision-definitions/evaluation', { decisionDefinitionId, variables });

it('searches and reads decision definitions and their requirements graph, with the DMN XML', async () => {
  const r = await start();
  await r.deploy({ name: 'rectification-priority.dmn', content: priorityDmn });
  await r.deploy({ name: 'grading.dmn', content: levelDmn });
  await r.caughtUp();

  const all = await r.api.searchDecisionDefinitions(
    { sort: [{ field: 'decisionDefinitionId', order: 'ASC' }] },
    now,
  );
  expect(
    all.items!.map((d) => [d.decisionDefinitionId, d.name, d.version, d.decisionRequirementsId]),
  ).toEqual([
    ['level', 'level', 1, 'grading'],
    ['overdue', '是否逾期', 1, 'rectification-priority'],
    ['priority', '整改优先级', 1, 'rectification-priority'],
  ]);
  const priority = all.items![2];
  const byGraph = await r.api.searchDecisionDefinitions(
    { filter: { decisionRequirementsKey: priority.decisionRequirementsKey as never } },
    now,
  );
  expect(byGraph.page.totalItems).toBe(2);
  expect(
    await r.api.getDecisionDefinition(
      { decisionDefinitionKey: priority.decisionDefinitionKey! as never },
      now,
    ),
  ).toEqual(priority);
  expect(
    await r.api.getDecisionDefinitionXml(
      { decisionDefinitionKey: priority.decisionDefinitionKey! as never },
      now,
    ),
  ).toBe(priorityDmn);

  const graphs = await r.api.searchDecisionRequirements(
    { filter: { decisionRequirementsId: 'rectification-priority' } },
    now,
  );
  expect(graphs.items).toEqual([
    {
      decisionRequirementsName: '整改优先级',
      version: 1,
      decisionRequirementsId: 'rectification-priority',
      resourceName: 'rectification-priority.dmn',
      tenantId: '<default>',
      decisionRequirementsKey: priority.decisionRequirementsKey,
    },
  ]);
  const drgKey = priority.decisionRequirementsKey!;
  expect(
    (await r.api.getDecisionRequirements({ decisionRequirementsKey: drgKey as never }, now))
      .decisionRequirementsId,
  ).toBe('rectification-priority');
  expect(await r.api.getDecisionRequirementsXml({ decisionRequirementsKey: drgKey as never }, now)).toBe(
    priorityDmn,
  );

  const missing = await r.http('GET', '/v2/decision-definitions/42');
  expect(missing.status).toBe(404);
  expect(missing.json.detail).toBe("Decision definition with key '42' not found");
  expect((await r.http('GET', '/v2/decision-requirements/42/xml')).status).toBe(404);
  const bad = await r.http('POST', '/v2/decision-definitions/search', { filter: { decisionId: 'x' } });
  expect(bad.status).toBe(400);
  expect(bad.json.detail).toMatch(/decisionId/);
});

it('records one decision instance per decision evaluated, with inputs, matched rules and failures', async () => {
  const r = await start();
  await r.deploy({ name: 'rectification-priority.dmn', content: priorityDmn });
  await r.deploy({ name: 'grading.dmn', content: levelDmn });
  const ok = await evaluate(r, 'priority', { category: '环境卫生', daysOpen: 40 });
  expect(ok.status).toBe(200);
  const failed = await evaluate(r, 'level', { score: 88 });
  expect(failed.json.failedDecisionDefinitionId).toBe('level');
  await r.caughtUp();

  const evaluation = String(ok.json.decisionEvaluationKey);
  const instances = await searchInstances(r, {
    filter: { decisionEvaluationKey: evaluation },
    sort: [{ field: 'decisionEvaluationInstanceKey' }],
  });
  expect(
    instances.items!.map((i) => [i.decisionEvaluationInstanceKey, i.decisionDefinitionId, i.state, i.result]),
  ).toEqual([
    [`${evaluation}-1`, 'overdue', 'EVALUATED', 'true'],
    [`${evaluation}-2`, 'priority', 'EVALUATED', '"中"'],
  ]);
  expect(instances.items![1]).toMatchObject({
    decisionDefinitionName: '整改优先级',
    decisionDefinitionVersion: 1,
    decisionDefinitionType: 'DECISION_TABLE',
    tenantId: '<default>',
    decisionEvaluationKey: evaluation,
  });
  expect(instances.items![1].processInstanceKey).toBeUndefined();
  const one = await getInstance(r, `${evaluation}-2`);
  expect(one.evaluatedInputs!.map((i) => [i.inputName, i.inputValue])).toEqual([
    ['问题类别', '"环境卫生"'],
    ['是否逾期', 'true'],
  ]);
  expect(one.matchedRules!.map((m) => m.evaluatedOutputs!.map((o) => [o.outputName, o.outputValue]))).toEqual(
    [[['priority', '"中"']]],
  );

  const failures = await searchInstances(r, { filter: { state: 'FAILED' } });
  expect(failures.items).toHaveLength(1);
  expect(failures.items![0]).toMatchObject({ decisionDefinitionId: 'level', state: 'FAILED' });
  expect(failures.items![0].evaluationFailure).toMatch(/hit policy UNIQUE expects at most one matching rule/);

  expect((await r.http('GET', '/v2/decision-instances/1-9')).status).toBe(404);
  const badKey = await r.http('GET', '/v2/decision-instances/abc');
  expect(badKey.status).toBe(400);
  expect(badKey.json.detail).toMatch(/decisionEvaluationInstanceKey/);
});

it('links the decision instances of a business-rule task to its process instance and element', async () => {
  const r = await start();
  await r.deploy({ name: 'rectification-priority.dmn', content: priorityDmn });
  const task = element('businessRuleTask', 'decide', {
    ext: '<zeebe:calledDecision decisionId="priority" resultVariable="result" />',
  });
  await r.deploy({ name: 'rectify.bpmn', content: chain('rectify', task) });
  const { processInstanceKey } = await r.zeebe.createProcessInstance({
    bpmnProcessId: 'rectify',
    variables: { category: '环境卫生', daysOpen: 3 },
  });
  await r.caughtUp();
  const linked = await searchInstances(r, { filter: { processInstanceKey } });
  expect(linked.items!.map((i) => i.decisionDefinitionId).sort()).toEqual(['overdue', 'priority']);
  expect(linked.items![0].elementInstanceKey).toMatch(/^\d+$/);
  expect(linked.items![0].processDefinitionKey).toMatch(/^\d+$/);
});

it('deletes a decision requirements graph with its decisions; instances stay; versions are not reused, across a restart', async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-dmn-deletion-'));
  let r = await start(dir);
  await r.deploy({ name: 'rectification-priority.dmn', content: priorityDmn });
  const evaluated = await evaluate(r, 'priority', { category: '环境卫生', daysOpen: 3 });
  await r.caughtUp();
  const [priority] = (
    await r.api.searchDecisionDefinitions({ filter: { decisionDefinitionId: 'priority' as never } }, now)
  ).items!;

  // A decision's own key is not a resource: only its graph can be deleted.
  const byDecision = await r.http('POST', `/v2/resources/${priority.decisionDefinitionKey}/deletion`, {});
  expect(byDecision.status).toBe(404);
  const deleted = await r.http('POST', `/v2/resources/${priority.decisionRequirementsKey}/deletion`, {});
  expect(deleted.status).toBe(200);
  await r.caughtUp();
  expect((await r.api.searchDecisionDefinitions({}, now)).page.totalItems).toBe(0);
  expect((await r.api.searchDecisionRequirements({}, now)).page.totalItems).toBe(0);
  expect((await r.http('GET', `/v2/decision-definitions/${priority.decisionDefinitionKey}`)).status).toBe(
    404,
  );
  const history = await searchInstances(r, {
    filter: { decisionEvaluationKey: String(evaluated.json.decisionEvaluationKey) },
  });
  expect(history.page.totalItems).toBe(2);
  expect((await evaluate(r, 'priority', {})).status).toBe(404);
  expect(
    (await r.http('POST', `/v2/resources/${priority.decisionRequirementsKey}/deletion`, {})).status,
  ).toBe(404);

  await r.close();
  r = await start(dir);
  expect((await evaluate(r, 'priority', {})).status).toBe(404);
  await r.deploy({ name: 'rectification-priority.dmn', content: priorityDmn });
  await r.caughtUp();
  const again = await r.api.searchDecisionDefinitions({ sort: [{ field: 'decisionDefinitionId' }] }, now);
  expect(again.items!.map((d) => [d.decisionDefinitionId, d.version])).toEqual([
    ['overdue', 2],
    ['priority', 2],
  ]);
  expect((await r.api.searchDecisionRequirements({}, now)).items!.map((g) => g.version)).toEqual([2]);
  const fresh = await evaluate(r, 'priority', { category: '环境卫生', daysOpen: 3 });
  expect(fresh.json).toMatchObject({ decisionDefinitionVersion: 2, output: '"低"' });
});
