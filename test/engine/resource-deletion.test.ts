// Conformance: DeleteResource as in Zeebe 8.8, over gRPC with @camunda8/sdk and over REST
// (POST /v2/resources/{key}/deletion) — the records written, a definition with running instances
// refused unchanged, the previous version taking over (creation by id, start events), version
// numbers never reused, forms, and unknown keys.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chain, definitions, element, process, serviceTask, flow } from './support/bpmn';
import { dmn, literal } from './support/dmn';
import { startTestEngine, type TestEngine } from './support/harness';
import { grpcError, Status } from './support/work';
import { startRestEngine } from './rest/support/rest-harness';
import { rawGateway } from './support/raw-grpc';

/** CreateProcessInstance by definition key (the SDK's gRPC client sends only the id). */
async function createByKey(processDefinitionKey: string) {
  const raw = rawGateway(t.server.grpcAddress);
  try {
    return await raw.unary<{ processInstanceKey: string }>('CreateProcessInstance', {
      processDefinitionKey,
      variables: '{}',
    });
  } finally {
    raw.close();
  }
}

let t: TestEngine;
afterEach(async () => {
  await t?.close();
});

type Deployed = { deployments: { process?: { processDefinitionKey: string; version: number } }[] };

async function deployVersion(step: string): Promise<{ key: string; version: number }> {
  const d = (await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask(step, step)) })) as Deployed;
  const p = d.deployments[0].process!;
  return { key: p.processDefinitionKey, version: p.version };
}

/** A process started by message 'go' whose first task has the given type. */
function messageStarted(step: string): string {
  return definitions(
    process(
      'm',
      [
        '<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="go" /></bpmn:startEvent>',
        serviceTask(step, step),
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', step),
        flow('f1', step, 'end'),
      ].join('\n'),
    ),
    '<bpmn:message id="go" name="go" />',
  );
}

describe('over gRPC', () => {
  beforeEach(async () => {
    t = await startTestEngine();
  });

  it('deletes the latest version: the records, creation by id takes the previous one, by key NOT_FOUND, the number stays taken', async () => {
    const v1 = await deployVersion('one');
    const v2 = await deployVersion('two');
    expect(v2.version).toBe(2);
    await t.zeebe.deleteResource({ resourceKey: v2.key });

    const kinds = t.records.all
      .filter(
        (r) => r.valueType === 'RESOURCE_DELETION' || (r.valueType === 'PROCESS' && r.intent !== 'CREATED'),
      )
      .map((r) => `${r.recordType} ${r.valueType} ${r.intent} ${r.key}`);
    const deletionKey = t.records.events('RESOURCE_DELETION', 'DELETING')[0].key;
    expect(kinds).toEqual([
      `COMMAND RESOURCE_DELETION DELETE ${v2.key}`,
      `EVENT RESOURCE_DELETION DELETING ${deletionKey}`,
      `EVENT PROCESS DELETING ${v2.key}`,
      `EVENT PROCESS DELETED ${v2.key}`,
      `EVENT RESOURCE_DELETION DELETED ${deletionKey}`,
    ]);

    const byId = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    expect(byId).toMatchObject({ processDefinitionKey: v1.key, version: 1 });
    const byKey = await grpcError(createByKey(v2.key));
    expect(byKey.code).toBe(Status.NOT_FOUND);

    const again = await deployVersion('two');
    expect(again.version).toBe(3);
    expect(again.key).not.toBe(v2.key);
  });

  it('refuses a definition with a running instance and changes nothing; after the instance ends it deletes', async () => {
    const v1 = await deployVersion('one');
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const refused = await grpcError(t.zeebe.deleteResource({ resourceKey: v1.key }));
    expect(refused).toEqual({
      code: Status.FAILED_PRECONDITION,
      message: expect.stringContaining(
        `Command 'DELETE' rejected with code 'INVALID_STATE': Expected to delete resource with key \`${v1.key}\` but there are still running instances`,
      ),
    });
    expect(t.records.events('PROCESS', 'DELETING')).toEqual([]);
    // still there: it takes new instances by key
    const second = await createByKey(v1.key);

    await t.zeebe.cancelProcessInstance(processInstanceKey);
    expect((await grpcError(t.zeebe.deleteResource({ resourceKey: v1.key }))).code).toBe(
      Status.FAILED_PRECONDITION,
    );
    await t.zeebe.cancelProcessInstance(second.processInstanceKey);
    await t.zeebe.deleteResource({ resourceKey: v1.key });
    const none = await grpcError(t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} }));
    expect(none.code).toBe(Status.NOT_FOUND);
  });

  it("an unknown key is NOT_FOUND with Zeebe's message", async () => {
    const e = await grpcError(t.zeebe.deleteResource({ resourceKey: '2251799813685999' }));
    expect(e.code).toBe(Status.NOT_FOUND);
    expect(e.message).toContain(
      'Expected to delete resource but no resource found with key `2251799813685999`',
    );
  });

  it('deleting the latest version moves the message start event back to the previous version', async () => {
    await t.deploy({ name: 'm.bpmn', content: messageStarted('first') });
    const d2 = (await t.deploy({ name: 'm.bpmn', content: messageStarted('second') })) as Deployed;
    await t.zeebe.deleteResource({ resourceKey: d2.deployments[0].process!.processDefinitionKey });
    expect(t.records.events('MESSAGE_START_EVENT_SUBSCRIPTION', 'DELETED')).toHaveLength(2);
    await t.zeebe.publishMessage({ name: 'go', correlationKey: '', variables: {} });
    const job = await t.records.waitForEvent('JOB', 'CREATED');
    expect((job.value as { type: string }).type).toBe('first');
  });
});

type DecisionDeployment = {
  deployments: {
    decision?: { decisionKey: string; decisionRequirementsKey: string };
    decisionRequirements?: { decisionRequirementsKey: string; version: number };
  }[];
};

describe('decision requirements over gRPC', () => {
  beforeEach(async () => {
    t = await startTestEngine();
  });

  it('deletes a graph with its decisions (DECISION DELETED each, then the graph); the previous version takes over, none left is an incident', async () => {
    const graph = (output: string) =>
      dmn('grading', literal('level', output), literal('bonus', `level + "!"`, ['level']));
    const deployGraph = async (output: string) => {
      const d = (await t.zeebe.deployResources([
        { decision: Buffer.from(graph(output)), name: 'grading.dmn' },
      ])) as DecisionDeployment;
      return d.deployments.find((x) => x.decisionRequirements)!.decisionRequirements!;
    };
    const v1 = await deployGraph('"一"');
    const v2 = await deployGraph('"二"');
    await t.deploy({
      name: 'p.bpmn',
      content: chain(
        'p',
        element('businessRuleTask', 'decide', {
          ext: '<zeebe:calledDecision decisionId="bonus" resultVariable="result" />',
        }),
      ),
    });

    await t.zeebe.deleteResource({ resourceKey: v2.decisionRequirementsKey });
    const sequence = t.records.all
      .filter(
        (r) =>
          r.recordType === 'EVENT' &&
          /RESOURCE_DELETION|^DECISION/.test(r.valueType) &&
          r.intent !== 'CREATED',
      )
      .map((r) => `${r.valueType} ${r.intent}`);
    expect(sequence).toEqual([
      'RESOURCE_DELETION DELETING',
      'DECISION DELETED',
      'DECISION DELETED',
      'DECISION_REQUIREMENTS DELETED',
      'RESOURCE_DELETION DELETED',
    ]);
    const deletedDecisions = t.records
      .events('DECISION', 'DELETED')
      .map((r) => r.value as { decisionId: string; version: number });
    expect(deletedDecisions.map((d) => `${d.decisionId}@${d.version}`).sort()).toEqual([
      'bonus@2',
      'level@2',
    ]);

    const previous = await t.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'p', variables: {} });
    expect(previous.variables).toMatchObject({ result: '一!' });
    expect((await t.zeebe.evaluateDecision({ decisionId: 'bonus', variables: {} })).decisionVersion).toBe(1);

    await t.zeebe.deleteResource({ resourceKey: v1.decisionRequirementsKey });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const incident = await t.records.waitFor(
      (r) =>
        r.valueType === 'INCIDENT' &&
        String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey,
    );
    expect(incident.value).toMatchObject({
      errorType: 'CALLED_DECISION_ERROR',
      errorMessage: "Expected to evaluate decision 'bonus', but no decision found for id 'bonus'",
    });
    const again = await deployGraph('"三"');
    expect(again.version).toBe(3);
  });

  it('refuses a decision key (only its graph is a resource) and an already deleted graph with NOT_FOUND', async () => {
    const d = (await t.zeebe.deployResources([
      { decision: Buffer.from(dmn('g', literal('x', '1'))), name: 'g.dmn' },
    ])) as DecisionDeployment;
    const decision = d.deployments.find((x) => x.decision)!.decision!;
    const byDecision = await grpcError(t.zeebe.deleteResource({ resourceKey: decision.decisionKey }));
    expect(byDecision.code).toBe(Status.NOT_FOUND);
    await t.zeebe.deleteResource({ resourceKey: decision.decisionRequirementsKey });
    const twice = await grpcError(t.zeebe.deleteResource({ resourceKey: decision.decisionRequirementsKey }));
    expect(twice.code).toBe(Status.NOT_FOUND);
    expect(twice.message).toMatch(/no resource found with key/);
  });
});

describe('across a restart', () => {
  it('a deleted latest version stays deleted and its number taken after the engine restarts from its snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhuanban-deletion-'));
    try {
      t = await startTestEngine({ dataDir: dir });
      await deployVersion('one');
      const v2 = await deployVersion('two');
      await t.zeebe.deleteResource({ resourceKey: v2.key });
      await t.close(); // writes the snapshot
      t = await startTestEngine({ dataDir: dir });
      expect(t.server.engine.recovery).toBeDefined();
      const byKey = await grpcError(createByKey(v2.key));
      expect(byKey.code).toBe(Status.NOT_FOUND);
      expect((await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} })).version).toBe(1);
      expect((await deployVersion('three')).version).toBe(3);
    } finally {
      await t.close();
      t = undefined as unknown as TestEngine;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('over REST', () => {
  it('POST /v2/resources/{key}/deletion deletes a process definition and a form; again it is 404', async () => {
    const r = await startRestEngine();
    t = { close: () => r.close() } as TestEngine;
    const form = JSON.stringify({ id: 'reply', type: 'default', components: [] });
    const d = await r.deploy(
      { name: 'p.bpmn', content: chain('p', serviceTask('one', 'one')) },
      { name: 'reply.form', content: form },
    );
    const processKey = String(d.processes[0].processDefinitionKey);
    const formKey = String(d.forms[0].formKey);
    expect((await r.http('POST', `/v2/resources/${processKey}/deletion`, {})).status).toBe(200);
    expect((await r.http('POST', `/v2/resources/${formKey}/deletion`)).status).toBe(200);
    const gone = await r.http('POST', `/v2/resources/${processKey}/deletion`, {});
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({
      title: 'NOT_FOUND',
      detail: `Command 'DELETE' rejected with code 'NOT_FOUND': Expected to delete resource but no resource found with key \`${processKey}\``,
    });
    const bad = await r.http('POST', '/v2/resources/abc/deletion', {});
    expect(bad.status).toBe(400);
    const again = await r.deploy({ name: 'reply.form', content: form });
    expect(again.forms[0].version).toBe(2);
  });
});
