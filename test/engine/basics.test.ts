// Conformance: deploy, create, a service task completed by streaming and polling workers, with
// the record sequence Zeebe writes, through the real gRPC gateway and @camunda8/sdk.
import { chain, serviceTask } from './support/bpmn';
import { engineForEachTest } from './support/harness';

const t = engineForEachTest();

const simple = chain('simple', serviceTask('task', 'work'));

describe('a process with one service task', () => {
  it('runs start → task → end with Zeebe’s lifecycle records when a streaming worker completes the job', async () => {
    await t.deploy({ name: 'simple.bpmn', content: simple });
    t.zeebe.streamJobs({
      type: 'work',
      worker: 'streamer',
      timeout: 30_000,
      tenantIds: [],
      taskHandler: (job) => job.complete({ doubled: (job.variables as { a: number }).a * 2 }),
    });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'simple',
      variables: { a: 21 },
    });
    await t.records.waitForInstanceEnd(processInstanceKey);

    expect(t.records.lifecycle(processInstanceKey)).toEqual([
      'simple:ELEMENT_ACTIVATING',
      'simple:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'f0:SEQUENCE_FLOW_TAKEN',
      'task:ELEMENT_ACTIVATING',
      'task:ELEMENT_ACTIVATED',
      'task:ELEMENT_COMPLETING',
      'task:ELEMENT_COMPLETED',
      'f1:SEQUENCE_FLOW_TAKEN',
      'end:ELEMENT_ACTIVATING',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETING',
      'end:ELEMENT_COMPLETED',
      'simple:ELEMENT_COMPLETING',
      'simple:ELEMENT_COMPLETED',
    ]);
    expect(t.records.variables(processInstanceKey)).toEqual({ a: 21, doubled: 42 });
    const job = t.records.events('JOB', 'COMPLETED')[0];
    expect(job.value.worker).toBe('streamer');
  });

  it('answers CreateProcessInstanceWithResult with the final variables when a polling worker completes the job', async () => {
    await t.deploy({ name: 'simple.bpmn', content: simple });
    const worker = t.zeebe.createWorker({
      taskType: 'work',
      pollInterval: 100,
      taskHandler: (job) => job.complete({ seen: job.elementId }),
    });
    try {
      const result = await t.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'simple',
        variables: { a: 1 },
      });
      expect(result.variables).toEqual({ a: 1, seen: 'task' });
      expect(result.bpmnProcessId).toBe('simple');
      expect(BigInt(result.processInstanceKey) > 2n ** 51n).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('delivers the job with its type, headers, keys, retries and a deadline', async () => {
    const xml = chain(
      'headers',
      serviceTask(
        'task',
        'work',
        '<zeebe:taskHeaders><zeebe:header key="lang" value="zh-CN" /></zeebe:taskHeaders>',
      ),
    );
    await t.deploy({ name: 'headers.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'headers',
      variables: { x: 'y' },
    });
    const jobs = await t.zeebe.activateJobs({
      type: 'work',
      worker: 'poller',
      maxJobsToActivate: 5,
      timeout: 60_000,
      requestTimeout: 2_000,
    });
    expect(jobs).toHaveLength(1);
    const job = jobs[0];
    expect(job).toMatchObject({
      type: 'work',
      bpmnProcessId: 'headers',
      elementId: 'task',
      retries: 3,
      worker: 'poller',
      processInstanceKey,
      customHeaders: { lang: 'zh-CN' },
      variables: { x: 'y' },
    });
    expect(Number(job.deadline)).toBeGreaterThan(Date.now());
  });
});

describe('deployment versioning', () => {
  it('keeps key and version for unchanged content and gives the next version to changed content', async () => {
    const first = await t.zeebe.deployResource({ process: Buffer.from(simple), name: 'simple.bpmn' });
    const again = await t.zeebe.deployResource({ process: Buffer.from(simple), name: 'simple.bpmn' });
    const changed = await t.zeebe.deployResource({
      process: Buffer.from(simple.replace('type="work"', 'type="work2"')),
      name: 'simple.bpmn',
    });
    const p = (d: typeof first) =>
      (d.deployments[0] as { process: { version: number; processDefinitionKey: string } }).process;
    expect(p(again)).toMatchObject({ version: 1, processDefinitionKey: p(first).processDefinitionKey });
    expect(p(changed).version).toBe(2);
    expect(p(changed).processDefinitionKey).not.toBe(p(first).processDefinitionKey);
  });
});

describe('bad requests', () => {
  it('answers NOT_FOUND for an unknown process id and keeps serving', async () => {
    await expect(t.zeebe.createProcessInstance({ bpmnProcessId: 'nope', variables: {} })).rejects.toThrow(
      /NOT_FOUND.*Expected to find process definition with process ID 'nope', but none found/,
    );
    await t.deploy({ name: 'simple.bpmn', content: simple });
    await expect(
      t.zeebe.createProcessInstance({ bpmnProcessId: 'simple', variables: {} }),
    ).resolves.toHaveProperty('processInstanceKey');
  });

  it('answers NOT_FOUND for an unknown job key', async () => {
    await expect(t.zeebe.completeJob({ jobKey: '2251799813999999', variables: {} })).rejects.toThrow(
      /NOT_FOUND.*no such job was found/,
    );
  });
});
