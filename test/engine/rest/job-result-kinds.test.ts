// Conformance: a job result whose type does not fit the job's kind, as Zeebe 8.8's JobCompleteProcessor takes
// it — the job's kind decides what the result means, the result's type is never compared with it (its checks
// are the task listener's and the ad-hoc subprocess job's, each reading only its own fields): an ad-hoc result on a
// task listener's job is an approval without corrections, a user task result on an ad-hoc subprocess job
// activates nothing, and a result on a plain job is kept in JOB COMPLETED and the element completes. Over the
// real REST port (the typed 8.8 client) and the real gRPC port (a raw client on 8.8's CompleteJobRequest).
import { join } from 'node:path';
import { chain, serviceTask, userTask } from '../support/bpmn';
import { rawGateway, type RawGateway } from '../support/raw-grpc';
import { boot, closeAfterEach, records, startReview, t } from './support/listener-engine';
import { activateListenerJob, listeners } from './support/task-listeners';
import { agentJob, completeTask, id, lifecycle, startAdHoc } from './support/ad-hoc';
import type { EngineRecord } from '../../../engine/protocol/record';

jest.setTimeout(60_000);

const PROTO_8_8 = join(__dirname, '../fixtures/zeebe-8.8-complete-job.proto');

let grpc88: RawGateway;

beforeEach(async () => {
  await boot();
  grpc88 = rawGateway(t.server.grpcAddress, PROTO_8_8);
});
afterEach(() => grpc88.close());
closeAfterEach();

/** `VALUE_TYPE RECORD_TYPE INTENT` of every record after the job's COMPLETE command, up to `n` of them. */
function after(jobKey: string, n: number): string[] {
  const all = records.all;
  const start = all.findIndex(
    (r) =>
      r.valueType === 'JOB' &&
      r.recordType === 'COMMAND' &&
      r.intent === 'COMPLETE' &&
      String(r.key) === jobKey,
  );
  return all.slice(start, start + n).map((r) => `${r.valueType} ${r.recordType} ${r.intent}`);
}

function completed(jobKey: string): EngineRecord<'JOB'> {
  return records.events('JOB', 'COMPLETED').find((r) => String(r.key) === jobKey)!;
}

describe('an ad-hoc subprocess result on a task listener’s job', () => {
  it('over REST approves the held completion, correcting nothing', async () => {
    const { pi, task } = await startReview(
      '<zeebe:assignmentDefinition assignee="wang" />' + listeners(['completing', 'gate']),
    );
    const completion = t.http('POST', `/v2/user-tasks/${task.key}/completion`, {});
    const job = await activateListenerJob(t, 'gate');
    await t.api.completeJob({
      jobKey: job.jobKey,
      result: { type: 'adHocSubProcess', activateElements: [{ elementId: id('nowhere') }] },
    });
    expect((await completion).status).toBe(204);
    await records.waitForInstanceEnd(pi);
    expect(after(String(job.jobKey), 3)).toEqual([
      'JOB COMMAND COMPLETE',
      'JOB EVENT COMPLETED',
      'USER_TASK COMMAND COMPLETE_TASK_LISTENER',
    ]);
    expect(completed(String(job.jobKey)).value.result).toMatchObject({
      type: 'AD_HOC_SUB_PROCESS',
      denied: false,
      correctedAttributes: [],
    });
    expect(records.events('USER_TASK').map((r) => r.intent)).toEqual([
      'CREATING',
      'CREATED',
      'ASSIGNING',
      'ASSIGNED',
      'COMPLETING',
      'COMPLETED',
    ]);
    expect(records.events('USER_TASK', 'COMPLETED')[0].value.assignee).toBe('wang');
  });

  it('over gRPC (type adHocSubProcess) approves the held assignment as it was asked', async () => {
    const { task } = await startReview(listeners(['assigning', 'route']));
    const assignment = t.http('POST', `/v2/user-tasks/${task.key}/assignment`, { assignee: 'zhang' });
    const job = await activateListenerJob(t, 'route');
    await grpc88.unary('CompleteJob', {
      jobKey: job.jobKey,
      variables: '{}',
      result: { type: 'adHocSubProcess', isCompletionConditionFulfilled: true },
    });
    expect((await assignment).status).toBe(204);
    const assigned = await records.waitForEvent('USER_TASK', 'ASSIGNED');
    expect(assigned.value).toMatchObject({ assignee: 'zhang' });
    expect(records.events('USER_TASK', 'CORRECTED')).toHaveLength(0);
    expect(completed(String(job.jobKey)).value.result).toMatchObject({
      type: 'AD_HOC_SUB_PROCESS',
      denied: false,
      isCompletionConditionFulfilled: true,
    });
  });
});

describe('a user task result on an ad-hoc subprocess job', () => {
  it('over REST and gRPC completes the job and activates nothing; the subprocess stays active', async () => {
    const { pi, agent } = await startAdHoc({ jobType: 'agent' });
    const first = await agentJob(1);
    await t.api.completeJob({
      jobKey: first.key,
      variables: { 意见: '先核查' },
      result: { type: 'userTask', denied: true, corrections: { assignee: 'li', priority: 80 } },
    });
    await records.waitFor(() => records.events('JOB', 'COMPLETED').length === 1);
    expect(after(String(first.key), 3)).toEqual([
      'JOB COMMAND COMPLETE',
      'JOB EVENT COMPLETED',
      'VARIABLE EVENT CREATED',
    ]);
    expect(completed(String(first.key)).value.result).toMatchObject({
      denied: true,
      correctedAttributes: ['assignee', 'priority'],
    });
    expect(records.all.filter((r) => r.valueType === 'AD_HOC_SUB_PROCESS_INSTRUCTION')).toHaveLength(0);

    // the subprocess is still there to be driven: REST activation opens an inner element, whose completion
    // gives the worker a new job
    await t.http('POST', `/v2/element-instances/ad-hoc-activities/${agent}/activation`, {
      elements: [{ elementId: 'C' }],
    });
    await completeTask('C');
    const second = await agentJob(2);
    await grpc88.unary('CompleteJob', {
      jobKey: second.key,
      variables: '{}',
      result: { type: 'userTask', corrections: { assignee: 'li' } },
    });
    await records.waitFor(() => completed(String(second.key)) !== undefined);
    expect(
      records.all.filter((r) => r.valueType === 'AD_HOC_SUB_PROCESS_INSTRUCTION').map((r) => r.intent),
    ).toEqual(['ACTIVATE', 'ACTIVATED']);
    expect(lifecycle(pi).filter((e) => e.startsWith('agent:'))).toEqual([
      'agent:ELEMENT_ACTIVATING',
      'agent:ELEMENT_ACTIVATED',
    ]);
  });
});

describe('a job result on a plain job', () => {
  const model = chain('p', serviceTask('check', 'check'), userTask('after', ''));

  it('over REST is kept in JOB COMPLETED and the element completes', async () => {
    await t.deploy({ name: 'p.bpmn', content: model });
    await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: {} });
    const [job] = (await t.api.activateJobs({ type: 'check', timeout: 60_000, maxJobsToActivate: 1 })).jobs;
    await t.api.completeJob({
      jobKey: job.jobKey,
      variables: { 结论: '通过' },
      result: { type: 'userTask', corrections: { assignee: 'li' } },
    });
    await records.waitForEvent('USER_TASK', 'CREATED');
    expect(after(String(job.jobKey), 3)).toEqual([
      'JOB COMMAND COMPLETE',
      'JOB EVENT COMPLETED',
      'PROCESS_INSTANCE COMMAND COMPLETE_ELEMENT',
    ]);
    expect(completed(String(job.jobKey)).value).toMatchObject({
      variables: { 结论: '通过' },
      result: { correctedAttributes: ['assignee'], corrections: { assignee: 'li' } },
    });
    expect(records.events('USER_TASK', 'CREATED')[0].value.assignee).toBe('');
  });

  it('over gRPC (an ad-hoc result) is kept and the element completes, activating nothing', async () => {
    await t.deploy({ name: 'p.bpmn', content: model });
    await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: {} });
    const [job] = (await t.api.activateJobs({ type: 'check', timeout: 60_000, maxJobsToActivate: 1 })).jobs;
    await grpc88.unary('CompleteJob', {
      jobKey: job.jobKey,
      variables: '{}',
      result: { type: 'adHocSubProcess', activateElements: [{ elementId: 'after', variables: '{}' }] },
    });
    await records.waitForEvent('USER_TASK', 'CREATED');
    expect(completed(String(job.jobKey)).value.result).toMatchObject({
      type: 'AD_HOC_SUB_PROCESS',
      activateElements: [{ elementId: 'after', variables: {} }],
    });
    expect(records.all.filter((r) => r.valueType === 'AD_HOC_SUB_PROCESS_INSTRUCTION')).toHaveLength(0);
  });
});
