// Conformance: the job of an ad-hoc subprocess run by a job worker is a job like any other, as in Zeebe 8.8
// (engine/README.md): no retries left is an AD_HOC_SUB_PROCESS_NO_RETRIES incident, time-outs and BPMN errors work,
// the job goes first when the subprocess is terminated; an event subprocess inside counts as a completed path; a
// fulfilled condition survives a journal-only replay; and the SDK's own polling workers can drive the loop (the
// decision through REST, since the SDK's gRPC proto has no job result). Real gRPC and REST ports.
import { boundaryEvent, errorDefinition, flow } from '../support/bpmn';
import { listeners } from '../support/listeners';
import { journalOnlyState } from '../support/replay';
import { boot, closeAfterEach, dataFolder, records, t } from './support/listener-engine';
import {
  activate,
  adHocJobIntents,
  agentJob,
  completeTask,
  grpcJob,
  id,
  lifecycle,
  nthEvent,
  sequenceFrom,
  startAdHoc,
} from './support/ad-hoc';

jest.setTimeout(60_000);

closeAfterEach();

describe('the subprocess’s job is a job like any other', () => {
  beforeEach(() => boot());

  it('without retries raises AD_HOC_SUB_PROCESS_NO_RETRIES on the subprocess, resolved by new retries', async () => {
    const { agent } = await startAdHoc({ jobType: 'agent' });
    const job = await agentJob(1);
    await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: '模型服务不可用', retryBackOff: 0 });
    const incident = await nthEvent('INCIDENT', 'CREATED', 1);
    expect(incident.value).toMatchObject({
      errorType: 'AD_HOC_SUB_PROCESS_NO_RETRIES',
      errorMessage: '模型服务不可用',
      elementId: 'agent',
      elementInstanceKey: agent,
      jobKey: Number(job.key),
    });
    await t.api.updateJob({ jobKey: job.key, changeset: { retries: 1 } });
    await t.api.resolveIncident({ incidentKey: String(incident.key) } as never);
    const again = await grpcJob('agent');
    expect(again.key).toBe(job.key);
    await t.api.completeJob({ jobKey: again.key, result: activate('C') });
    await nthEvent('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', 1, (v) => v.elementId === 'C');
  });

  it('times out and is activated again; a BPMN error is caught on the subprocess', async () => {
    const t0 = Date.parse('2026-12-07T09:00:00+08:00');
    await t.http('PUT', '/v2/clock', { timestamp: t0 });
    const { pi } = await startAdHoc({
      jobType: 'agent',
      around: [
        boundaryEvent('failed', 'agent', errorDefinition()),
        '<bpmn:endEvent id="given-up" />',
        flow('f2', 'failed', 'given-up'),
      ],
    });
    const slow = await agentJob(1, 1_000);
    await t.http('PUT', '/v2/clock', { timestamp: t0 + 1_000 });
    await nthEvent('JOB', 'TIMED_OUT', 1);
    const again = await grpcJob('agent');
    expect(again.key).toBe(slow.key);
    await t.zeebe.throwError({ jobKey: again.key, errorCode: 'NO_ANSWER', errorMessage: '无法继续' });
    await records.waitForInstanceEnd(pi);
    expect(lifecycle(pi)).toEqual(
      expect.arrayContaining([
        'agent:ELEMENT_TERMINATED',
        'failed:ELEMENT_COMPLETED',
        'given-up:ELEMENT_COMPLETED',
      ]),
    );
  });

  it('is canceled with the subprocess, before its inner instances are terminated', async () => {
    const { pi } = await startAdHoc({ jobType: 'agent' });
    await t.api.completeJob({ jobKey: (await agentJob(1)).key, result: activate('B', 'C') });
    await completeTask('B');
    await nthEvent('JOB', 'CREATED', 2, (v) => v.jobKind === 'AD_HOC_SUB_PROCESS');
    await t.rest.cancelProcessInstance({ processInstanceKey: pi });
    await records.waitForInstanceEnd(pi);
    const terminating = (r: { intent: string; value: unknown }) =>
      r.intent === 'ELEMENT_TERMINATING' && (r.value as { elementId: string }).elementId === 'agent';
    expect(sequenceFrom(terminating).slice(0, 6)).toEqual([
      'PROCESS_INSTANCE:EVENT:ELEMENT_TERMINATING:agent',
      'JOB:EVENT:CANCELED:agent',
      'PROCESS_INSTANCE:COMMAND:TERMINATE_ELEMENT:agent#innerInstance',
      'PROCESS_INSTANCE:EVENT:ELEMENT_TERMINATING:agent#innerInstance',
      'PROCESS_INSTANCE:COMMAND:TERMINATE_ELEMENT:C',
      'PROCESS_INSTANCE:EVENT:ELEMENT_TERMINATING:C',
    ]);
    expect(adHocJobIntents()).toEqual(['CREATED', 'COMPLETED', 'CREATED', 'CANCELED']);
  });
});

describe('execution listeners on the subprocess', () => {
  beforeEach(() => boot());

  it('run before its first job and after its completion, each a job of its own kind', async () => {
    const { pi, agent } = await startAdHoc({
      jobType: 'agent',
      ext: listeners(['start', 'opened'], ['end', 'closed']),
    });
    await completeTask('opened');
    const job = await agentJob(1);
    await t.api.completeJob({
      jobKey: job.key,
      result: { type: 'adHocSubProcess', isCompletionConditionFulfilled: true },
    });
    await completeTask('closed');
    await records.waitForInstanceEnd(pi);
    const ofAgent = records.all
      .filter((r) => r.recordType === 'EVENT')
      .filter(
        (r) =>
          (r.valueType === 'PROCESS_INSTANCE' && r.key === agent) ||
          (r.valueType === 'JOB' && (r.value as { elementInstanceKey: number }).elementInstanceKey === agent),
      )
      .map((r) => {
        const v = r.value as { type?: string; jobKind?: string };
        return r.valueType === 'JOB' ? `JOB:${r.intent}:${v.type}:${v.jobKind}` : r.intent;
      });
    expect(ofAgent).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB:CREATED:opened:EXECUTION_LISTENER',
      'JOB:COMPLETED:opened:EXECUTION_LISTENER',
      'JOB:CREATED:agent:AD_HOC_SUB_PROCESS',
      'ELEMENT_ACTIVATED',
      'JOB:COMPLETED:agent:AD_HOC_SUB_PROCESS',
      'ELEMENT_COMPLETING',
      'JOB:CREATED:closed:EXECUTION_LISTENER',
      'JOB:COMPLETED:closed:EXECUTION_LISTENER',
      'ELEMENT_COMPLETED',
    ]);
  });
});

describe('replay', () => {
  it('rebuilds the state of a subprocess whose condition a worker fulfilled from the journal alone', async () => {
    const dir = dataFolder('zhuanban-adhoc-');
    await boot(dir);
    const { pi } = await startAdHoc({ jobType: 'agent', cancelRemaining: false });
    await t.api.completeJob({
      jobKey: (await agentJob(1)).key,
      result: {
        type: 'adHocSubProcess',
        activateElements: [{ elementId: id('A'), variables: { 线索: 1 } }, { elementId: id('B') }],
      },
    });
    await completeTask('A');
    await completeTask('A2');
    await t.api.completeJob({
      jobKey: (await agentJob(2)).key,
      result: { type: 'adHocSubProcess', isCompletionConditionFulfilled: true },
    });
    await nthEvent('AD_HOC_SUB_PROCESS_INSTRUCTION', 'COMPLETED', 1);
    const live = t.server.engine.stateJson();
    expect(JSON.parse(live).elements).toContainEqual(
      expect.objectContaining({ completionConditionFulfilled: true }),
    );
    expect(await journalOnlyState(dir, 'journal-only')).toBe(live);
    await t.close();

    await boot(dir);
    expect(t.server.engine.stateJson()).toBe(live);
    await completeTask('B');
    await records.waitForInstanceEnd(pi);
    expect(lifecycle(pi)).toContain('agent:ELEMENT_COMPLETED');
    expect(adHocJobIntents()).toEqual([]); // this engine's stream starts after the restart: no job was created again
  });
});

describe('an event subprocess inside', () => {
  beforeEach(() => boot());

  it('counts as a completed path: the output collection grows and a new job is created', async () => {
    const { pi, agent } = await startAdHoc({
      jobType: 'agent',
      output: ['results', '=result'],
      roots: '<bpmn:signal id="sig" name="补充材料" />',
      inside: [
        '<bpmn:subProcess id="esp" triggeredByEvent="true">' +
          '<bpmn:startEvent id="esp-start" isInterrupting="false"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>' +
          '<bpmn:endEvent id="esp-end" /><bpmn:sequenceFlow id="e1" sourceRef="esp-start" targetRef="esp-end" />' +
          '</bpmn:subProcess>',
      ],
    });
    await t.api.completeJob({ jobKey: (await agentJob(1)).key, result: activate('C') });
    await nthEvent('JOB', 'CREATED', 1, (v) => v.elementId === 'C');
    await t.zeebe.broadcastSignal({ signalName: '补充材料', variables: { result: '材料' } });
    const second = await agentJob(2);
    expect(adHocJobIntents()).toEqual(['CREATED', 'COMPLETED', 'CREATED']);
    expect(second.variables.results).toEqual(['材料']);
    const esp = records
      .events('PROCESS_INSTANCE', 'ELEMENT_COMPLETED')
      .find((r) => r.value.elementId === 'esp')!;
    expect(esp.value.flowScopeKey).toBe(agent);
    expect(lifecycle(pi)).not.toContain('C:ELEMENT_TERMINATING');
  });
});

describe('an agent loop with the SDK’s job workers', () => {
  beforeEach(() => boot());

  it('a polling worker decides step by step from adHocSubProcessElements and the results, then ends it', async () => {
    const decisions: string[][] = [];
    // Short long polls: one still open when the workers close keeps the SDK's own timer (and Jest's worker) alive.
    const agentWorker = t.zeebe.createWorker({
      taskType: 'agent',
      pollInterval: 100,
      longPoll: 200,
      taskHandler: async (job) => {
        const offered = (job.variables.adHocSubProcessElements as { elementId: string }[]).map(
          (e) => e.elementId,
        );
        const done = (job.variables.results as string[]) ?? [];
        const next = offered.filter((e) => e !== 'A' && !done.includes(e)).slice(0, 1);
        decisions.push(next);
        // The SDK's gRPC proto has no job result: the decision goes through REST, the worker only acknowledges.
        await t.api.completeJob({
          jobKey: job.key,
          result:
            next.length > 0
              ? activate(...next)
              : { type: 'adHocSubProcess', isCompletionConditionFulfilled: true },
        });
        return job.forward();
      },
    });
    const taskWorkers = ['B', 'C'].map((type) =>
      t.zeebe.createWorker({
        taskType: type,
        pollInterval: 100,
        longPoll: 200,
        taskHandler: (job) => job.complete({ result: job.elementId }),
      }),
    );
    try {
      const { pi } = await startAdHoc({ jobType: 'agent', output: ['results', '=result'] });
      await records.waitForInstanceEnd(pi, 15_000);
      expect(decisions).toEqual([['B'], ['C'], []]);
      expect(adHocJobIntents()).toEqual([
        'CREATED',
        'COMPLETED',
        'CREATED',
        'COMPLETED',
        'CREATED',
        'COMPLETED',
      ]);
      const results = records.events('VARIABLE').filter((v) => v.value.name === 'results');
      expect(results.at(-1)!.value).toMatchObject({ scopeKey: Number(pi), value: '["B","C"]' });
    } finally {
      await Promise.all([agentWorker, ...taskWorkers].map((w) => w.close()));
    }
  });
});
