// Conformance: an ad-hoc subprocess implemented by a job worker, as Zeebe 8.8 runs it (engine/README.md). On
// activation a job of the subprocess's type (kind AD_HOC_SUB_PROCESS) is created, carrying
// `adHocSubProcessElements`; the worker's job result activates inner elements (AD_HOC_SUB_PROCESS_INSTRUCTION
// ACTIVATE, each in an inner instance holding the given variables) or fulfils the completion condition (COMPLETE);
// each completed inner instance cancels the open job and creates a new one. Jobs are activated through the real
// gRPC port (the SDK's ActivateJobs) and completed through the real REST port (the typed 8.8 client's completeJob
// with `result`; the SDK's gRPC proto cannot carry one) or a raw gRPC client on 8.8's CompleteJobRequest.
import { join } from 'node:path';
import { rawGateway, statusName } from '../support/raw-grpc';
import { boot, closeAfterEach, records, t } from './support/listener-engine';
import {
  activate,
  adHocJobIntents,
  agentJob,
  completeTask,
  id,
  lifecycle,
  nthEvent,
  sequenceFrom,
  startAdHoc,
} from './support/ad-hoc';

jest.setTimeout(60_000);

closeAfterEach();

const PROTO_8_8 = join(__dirname, '../fixtures/zeebe-8.8-complete-job.proto');
const ACTIVATED_8_8 = join(__dirname, '../fixtures/zeebe-8.8-activated-job.proto');

describe('an ad-hoc subprocess run by a job worker', () => {
  beforeEach(() => boot());

  it('creates a job on activation that carries the elements, and activates what the result names', async () => {
    const { pi, agent } = await startAdHoc({ jobType: 'agent' });
    const job = await agentJob(1);
    expect(job.elementId).toBe('agent');
    expect(String(job.elementInstanceKey)).toBe(String(agent));
    expect(job.retries).toBe(3);
    expect(job.variables.adHocSubProcessElements).toEqual([
      { elementId: 'A', elementName: '', documentation: '', properties: {}, parameters: [] },
      {
        elementId: 'B',
        elementName: '核查材料',
        documentation: '核查企业提交的材料',
        properties: {},
        parameters: [],
      },
      { elementId: 'C', elementName: '', documentation: '', properties: {}, parameters: [] },
    ]);
    expect(sequenceFrom((r) => r.intent === 'ELEMENT_ACTIVATING' && r.key === agent).slice(0, 4)).toEqual([
      'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATING:agent',
      'VARIABLE:EVENT:CREATED',
      'JOB:EVENT:CREATED:agent',
      'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATED:agent',
    ]);
    expect(records.events('JOB', 'CREATED')[0].value).toMatchObject({
      type: 'agent',
      jobKind: 'AD_HOC_SUB_PROCESS',
      elementInstanceKey: agent,
    });

    await t.api.completeJob({
      jobKey: job.key,
      variables: { 对话: { 轮次: 1 } },
      result: {
        type: 'adHocSubProcess',
        activateElements: [
          { elementId: id('A'), variables: { toolCall: '查询案件' } },
          { elementId: id('B') },
        ],
      },
    });
    await nthEvent('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', 1, (v) => v.elementId === 'B');
    expect(sequenceFrom((r) => r.valueType === 'JOB' && r.intent === 'COMPLETE')).toEqual([
      'JOB:COMMAND:COMPLETE',
      'JOB:EVENT:COMPLETED:agent',
      'AD_HOC_SUB_PROCESS_INSTRUCTION:COMMAND:ACTIVATE',
      'VARIABLE:EVENT:CREATED',
      'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATING:agent#innerInstance',
      'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATED:agent#innerInstance',
      'VARIABLE:EVENT:CREATED',
      'PROCESS_INSTANCE:COMMAND:ACTIVATE_ELEMENT:A',
      'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATING:agent#innerInstance',
      'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATED:agent#innerInstance',
      'PROCESS_INSTANCE:COMMAND:ACTIVATE_ELEMENT:B',
      'AD_HOC_SUB_PROCESS_INSTRUCTION:EVENT:ACTIVATED',
      'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATING:A',
      'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATED:A',
      'JOB:EVENT:CREATED:A',
      'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATING:B',
      'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATED:B',
      'JOB:EVENT:CREATED:B',
    ]);
    const completed = records.events('JOB', 'COMPLETED')[0].value;
    expect(completed.result).toMatchObject({
      type: 'AD_HOC_SUB_PROCESS',
      activateElements: [
        { elementId: 'A', variables: { toolCall: '查询案件' } },
        { elementId: 'B', variables: {} },
      ],
      isCompletionConditionFulfilled: false,
      isCancelRemainingInstances: false,
    });
    const instruction = records.events('AD_HOC_SUB_PROCESS_INSTRUCTION', 'ACTIVATED')[0];
    expect(instruction.key).toBe(agent);
    expect(instruction.value.adHocSubProcessInstanceKey).toBe(String(agent));
    // The element's variables are locals of its inner instance; the job's variables merge from the subprocess out.
    const a = await nthEvent('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', 1, (v) => v.elementId === 'A');
    const variables = records.events('VARIABLE', 'CREATED');
    expect(variables.find((v) => v.value.name === 'toolCall')!.value).toMatchObject({
      scopeKey: a.value.flowScopeKey,
      value: '"查询案件"',
    });
    expect(variables.find((v) => v.value.name === '对话')!.value.scopeKey).toBe(Number(pi));
    expect(lifecycle(pi)).not.toContain('C:ELEMENT_ACTIVATING');
  });

  it('hands the job out as kind AD_HOC_SUB_PROCESS over REST and over 8.8’s gRPC ActivatedJob', async () => {
    await startAdHoc({ jobType: 'agent' });
    await nthEvent('JOB', 'CREATED', 1, (v) => v.jobKind === 'AD_HOC_SUB_PROCESS');
    const rest = await t.api.activateJobs({ type: 'agent', timeout: 60_000, maxJobsToActivate: 1 });
    expect(rest.jobs.map((j) => [j.kind, j.listenerEventType, j.elementId])).toEqual([
      ['AD_HOC_SUB_PROCESS', 'UNSPECIFIED', 'agent'],
    ]);
    await t.api.failJob({ jobKey: rest.jobs[0].jobKey, retries: 2, errorMessage: '稍后重试' });
    const grpc88 = rawGateway(t.server.grpcAddress, ACTIVATED_8_8);
    try {
      const [response] = await grpc88.stream<{ jobs: Record<string, unknown>[] }>('ActivateJobs', {
        type: 'agent',
        worker: 'raw-8.8',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 3_000,
      });
      expect(response.jobs.map((j) => [j.kind, j.elementId])).toEqual([['AD_HOC_SUB_PROCESS', 'agent']]);
      expect(JSON.parse(response.jobs[0].variables as string)).toHaveProperty('adHocSubProcessElements');
    } finally {
      grpc88.close();
    }
  });

  it('recreates the job as each inner instance completes, canceling the open one, and completes when told', async () => {
    const { pi } = await startAdHoc({ jobType: 'agent', output: ['results', '=result'] });
    await t.api.completeJob({ jobKey: (await agentJob(1)).key, result: activate('A', 'B') });
    await completeTask('B', { result: 'b' });
    await agentJob(2); // activated, never completed: canceled when the next inner instance completes
    await completeTask('A');
    await completeTask('A2', { result: 'a' });
    const third = await agentJob(3);
    expect(adHocJobIntents()).toEqual(['CREATED', 'COMPLETED', 'CREATED', 'CANCELED', 'CREATED']);
    expect(third.variables.results).toEqual(['b', 'a']);

    await t.api.completeJob({
      jobKey: third.key,
      result: { type: 'adHocSubProcess', isCompletionConditionFulfilled: true },
    });
    await records.waitForInstanceEnd(pi);
    const complete = (r: { valueType: string; intent: string }) =>
      r.valueType === 'AD_HOC_SUB_PROCESS_INSTRUCTION' && r.intent === 'COMPLETE';
    expect(sequenceFrom(complete).slice(0, 4)).toEqual([
      'AD_HOC_SUB_PROCESS_INSTRUCTION:COMMAND:COMPLETE',
      'PROCESS_INSTANCE:COMMAND:COMPLETE_ELEMENT:agent',
      'AD_HOC_SUB_PROCESS_INSTRUCTION:EVENT:COMPLETED',
      'PROCESS_INSTANCE:EVENT:ELEMENT_COMPLETING:agent',
    ]);
    expect(lifecycle(pi).slice(-9)).toEqual([
      'agent:ELEMENT_COMPLETING',
      'agent:ELEMENT_COMPLETED',
      'f1:SEQUENCE_FLOW_TAKEN',
      'end:ELEMENT_ACTIVATING',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETING',
      'end:ELEMENT_COMPLETED',
      'p:ELEMENT_COMPLETING',
      'p:ELEMENT_COMPLETED',
    ]);
    expect(adHocJobIntents()).toEqual([
      'CREATED',
      'COMPLETED',
      'CREATED',
      'CANCELED',
      'CREATED',
      'COMPLETED',
    ]);
    // The output collection leaves with the subprocess.
    const results = records.events('VARIABLE').filter((v) => v.value.name === 'results');
    expect(results.at(-1)!.value).toMatchObject({ scopeKey: Number(pi), value: '["b","a"]' });
  });

  it('with the condition fulfilled and isCancelRemainingInstances, terminates what runs and completes', async () => {
    const { pi } = await startAdHoc({ jobType: 'agent' });
    await t.api.completeJob({ jobKey: (await agentJob(1)).key, result: activate('A', 'B') });
    await completeTask('A');
    await completeTask('A2');
    await t.api.completeJob({
      jobKey: (await agentJob(2)).key,
      result: {
        type: 'adHocSubProcess',
        isCompletionConditionFulfilled: true,
        isCancelRemainingInstances: true,
      },
    });
    await records.waitForInstanceEnd(pi);
    const life = lifecycle(pi);
    expect(life.slice(life.lastIndexOf('agent#innerInstance:ELEMENT_TERMINATING'))).toEqual([
      'agent#innerInstance:ELEMENT_TERMINATING',
      'B:ELEMENT_TERMINATING',
      'B:ELEMENT_TERMINATED',
      'agent#innerInstance:ELEMENT_TERMINATED',
      'agent:ELEMENT_COMPLETING',
      'agent:ELEMENT_COMPLETED',
      'f1:SEQUENCE_FLOW_TAKEN',
      'end:ELEMENT_ACTIVATING',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETING',
      'end:ELEMENT_COMPLETED',
      'p:ELEMENT_COMPLETING',
      'p:ELEMENT_COMPLETED',
    ]);
    expect(records.events('JOB', 'CANCELED').map((r) => r.value.elementId)).toEqual(['B']);
  });

  it('with the condition fulfilled and the rest left to run, completes after the last inner instance, no new job', async () => {
    const { pi } = await startAdHoc({ jobType: 'agent', cancelRemaining: false });
    await t.api.completeJob({ jobKey: (await agentJob(1)).key, result: activate('A', 'B') });
    await completeTask('A');
    await completeTask('A2');
    await t.api.completeJob({
      jobKey: (await agentJob(2)).key,
      result: { type: 'adHocSubProcess', isCompletionConditionFulfilled: true },
    });
    await nthEvent('AD_HOC_SUB_PROCESS_INSTRUCTION', 'COMPLETED', 1);
    expect(lifecycle(pi)).not.toContain('agent:ELEMENT_COMPLETING');
    expect(JSON.parse(t.server.engine.stateJson()).elements).toContainEqual(
      expect.objectContaining({ state: 'ELEMENT_ACTIVATED', completionConditionFulfilled: true }),
    );
    await completeTask('B');
    await records.waitForInstanceEnd(pi);
    expect(lifecycle(pi)).toContain('agent:ELEMENT_COMPLETED');
    expect(lifecycle(pi)).not.toContain('B:ELEMENT_TERMINATED');
    expect(adHocJobIntents()).toEqual(['CREATED', 'COMPLETED', 'CREATED', 'COMPLETED']);
  });

  it('refuses results Zeebe refuses, with its texts, and changes nothing', async () => {
    const { agent } = await startAdHoc({ jobType: 'agent' });
    const job = await agentJob(1);
    const unknown = await t.http('POST', `/v2/jobs/${job.key}/completion`, activateBody('A', 'X', 'start'));
    expect(unknown.status).toBe(404);
    expect(unknown.json.detail).toBe(
      `Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to activate activities for ad-hoc sub-process with key '${agent}', but the given elements [X, start] do not exist.`,
    );
    const both = await t.http('POST', `/v2/jobs/${job.key}/completion`, {
      result: { ...activate('A'), isCompletionConditionFulfilled: true },
    });
    expect(both.status).toBe(400);
    expect(both.json.detail).toBe(
      `Command 'COMPLETE' rejected with code 'INVALID_ARGUMENT': No elements can be activated for ad-hoc sub-process with key '${agent}' because the completion condition is fulfilled.`,
    );
    const grpc88 = rawGateway(t.server.grpcAddress, PROTO_8_8);
    try {
      await grpc88.unary('CompleteJob', {
        jobKey: job.key,
        variables: '{}',
        result: { type: 'adHocSubProcess', activateElements: [{ elementId: 'Y', variables: '{}' }] },
      });
      throw new Error('expected the completion to be refused');
    } catch (e) {
      expect(statusName(e)).toBe('NOT_FOUND');
      expect((e as { details: string }).details).toContain('but the given elements [Y] do not exist.');
    } finally {
      grpc88.close();
    }
    expect(records.events('JOB', 'COMPLETED')).toEqual([]);
    expect(records.events('AD_HOC_SUB_PROCESS_INSTRUCTION')).toEqual([]);
    // The job is still the worker's to complete.
    await t.api.completeJob({ jobKey: job.key, result: activate('C') });
    await nthEvent('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', 1, (v) => v.elementId === 'C');
  });

  it('takes 8.8’s job result over gRPC: elements with JSON variables, then the fulfilled condition', async () => {
    const { pi } = await startAdHoc({ jobType: 'agent' });
    const grpc88 = rawGateway(t.server.grpcAddress, PROTO_8_8);
    try {
      await grpc88.unary('CompleteJob', {
        jobKey: (await agentJob(1)).key,
        variables: '{"步骤":1}',
        result: {
          type: 'adHocSubProcess',
          activateElements: [{ elementId: 'C', variables: '{"问题":"是否立案"}' }],
        },
      });
      await completeTask('C');
      await grpc88.unary('CompleteJob', {
        jobKey: (await agentJob(2)).key,
        variables: '{}',
        result: {
          type: 'adHocSubprocess',
          isCompletionConditionFulfilled: true,
          isCancelRemainingInstances: true,
        },
      });
    } finally {
      grpc88.close();
    }
    await records.waitForInstanceEnd(pi);
    expect(records.events('VARIABLE', 'CREATED').find((v) => v.value.name === '问题')!.value.value).toBe(
      '"是否立案"',
    );
    expect(records.events('AD_HOC_SUB_PROCESS_INSTRUCTION', 'COMPLETED')[0].value).toMatchObject({
      completionConditionFulfilled: true,
      cancelRemainingInstances: true,
    });
    expect(lifecycle(pi).at(-1)).toBe('p:ELEMENT_COMPLETED');
  });
});

/** A REST completion body activating the elements. */
function activateBody(...ids: string[]) {
  return { result: activate(...ids) };
}
