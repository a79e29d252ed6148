// Conformance: business-rule tasks with zeebe:calledDecision through the real gRPC port — the
// decision evaluated on activation with its result in resultVariable and a DECISION_EVALUATION
// record naming the instance; a failed evaluation as a DECISION_EVALUATION_ERROR incident that is
// resolved after the variables are fixed; a missing decision as CALLED_DECISION_ERROR; and
// business-rule tasks implemented by a job worker still creating jobs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chain, element } from './support/bpmn';
import { dmn, literal } from './support/dmn';
import { engineForEachTest } from './support/harness';
import type { EngineRecord } from '../../engine/protocol/record';

const t = engineForEachTest();
const priorityDmn = readFileSync(join(__dirname, 'fixtures', 'rectification-priority.dmn'), 'utf8');
const ruleTask = (decisionId: string, extra = '') =>
  element('businessRuleTask', 'decide', {
    ext: `<zeebe:calledDecision decisionId="${decisionId}" resultVariable="result"${extra} />`,
  });
const incidentOf = (key: string) =>
  t.records.waitFor(
    (r) =>
      r.valueType === 'INCIDENT' &&
      r.intent === 'CREATED' &&
      String((r as EngineRecord<'INCIDENT'>).value.processInstanceKey) === key,
  ) as Promise<EngineRecord<'INCIDENT'>>;

it('evaluates the decision on activation and puts its result in the result variable', async () => {
  await t.zeebe.deployResources([
    { decision: Buffer.from(priorityDmn), name: 'rectification-priority.dmn' },
    { process: Buffer.from(chain('rectify', ruleTask('priority'))), name: 'rectify.bpmn' },
  ]);
  const r = await t.zeebe.createProcessInstanceWithResult({
    bpmnProcessId: 'rectify',
    variables: { category: '环境卫生', daysOpen: 40 },
  });
  expect(r.variables).toMatchObject({ result: '中' });
  const [evaluation] = t.records.events('DECISION_EVALUATION', 'EVALUATED');
  expect(evaluation.value).toMatchObject({
    decisionId: 'priority',
    decisionOutput: '"中"',
    bpmnProcessId: 'rectify',
    processInstanceKey: Number(r.processInstanceKey),
    elementId: 'decide',
  });
  expect(t.records.events('JOB', 'CREATED')).toHaveLength(0);
});

it('raises DECISION_EVALUATION_ERROR for a failed evaluation; resolving after fixing the variables evaluates again', async () => {
  await t.zeebe.deployResources([
    {
      decision: Buffer.from(dmn('checks', literal('limit', 'assert(amount, amount != null) * 2'))),
      name: 'c.dmn',
    },
    { process: Buffer.from(chain('p', ruleTask('limit'))), name: 'p.bpmn' },
  ]);
  const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
  const incident = await incidentOf(processInstanceKey);
  expect(incident.value).toMatchObject({ errorType: 'DECISION_EVALUATION_ERROR', elementId: 'decide' });
  expect(incident.value.errorMessage).toMatch(/failed to evaluate decision 'limit'.*Assertion failure/s);
  expect(t.records.events('DECISION_EVALUATION', 'FAILED')).toHaveLength(1);

  await t.zeebe.setVariables({
    elementInstanceKey: processInstanceKey,
    variables: { amount: 21 },
    local: false,
  });
  await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
  await t.records.waitForInstanceEnd(processInstanceKey);
  expect(t.records.variables(processInstanceKey)).toEqual({ amount: 21, result: 42 });
});

it('raises CALLED_DECISION_ERROR when the decision is not deployed', async () => {
  await t.deploy({ name: 'p.bpmn', content: chain('p', ruleTask('nowhere')) });
  const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
  const incident = await incidentOf(processInstanceKey);
  expect(incident.value).toMatchObject({ errorType: 'CALLED_DECISION_ERROR', elementId: 'decide' });
  expect(incident.value.errorMessage).toMatch(/no decision found for id 'nowhere'/);
});

it('keeps business-rule tasks implemented by a job worker working', async () => {
  const task = element('businessRuleTask', 'decide', { ext: '<zeebe:taskDefinition type="rules" />' });
  await t.deploy({ name: 'p.bpmn', content: chain('p', task) });
  await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
  const job = await t.records.waitFor((r) => r.valueType === 'JOB' && r.intent === 'CREATED');
  expect((job as EngineRecord<'JOB'>).value).toMatchObject({ type: 'rules', elementId: 'decide' });
});
