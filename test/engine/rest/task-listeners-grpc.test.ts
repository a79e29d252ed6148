// Conformance: a task listener's job completed over gRPC with Zeebe 8.8's CompleteJobRequest.result
// (denial, deniedReason, corrections) behaves as the REST completion does. The proto @camunda8/sdk ships
// has no `result` field, so the SDK cannot send one: the requests go through a raw @grpc/grpc-js client
// loading 8.8's message shape (fixtures/zeebe-8.8-complete-job.proto) to the engine's real gRPC port; the
// SDK's own CompleteJob (no result) still approves. Listener jobs are activated through REST.
import { join } from 'node:path';
import { rawGateway, statusName, type RawGateway } from '../support/raw-grpc';
import { boot, closeAfterEach, records, startReview as start, t } from './support/listener-engine';
import { activateListenerJob, listeners } from './support/task-listeners';

jest.setTimeout(60_000);

const PROTO_8_8 = join(__dirname, '../fixtures/zeebe-8.8-complete-job.proto');

let grpc88: RawGateway;

beforeEach(async () => {
  await boot();
  grpc88 = rawGateway(t.server.grpcAddress, PROTO_8_8);
});

afterEach(() => grpc88.close());
closeAfterEach();

/** The gRPC status and message a CompleteJob request is refused with. */
async function refusal(request: Record<string, unknown>): Promise<[string, string]> {
  try {
    await grpc88.unary('CompleteJob', request);
  } catch (e) {
    return [statusName(e), (e as { details: string }).details];
  }
  throw new Error('expected CompleteJob to be refused');
}

describe('CompleteJob with 8.8’s job result over gRPC', () => {
  it('a denial refuses the held REST completion with Zeebe’s text; the task can be completed later', async () => {
    const { pi, task } = await start(listeners(['completing', 'gate']));
    const completion = t.http('POST', `/v2/user-tasks/${task.key}/completion`, {
      variables: { 结论: '通过' },
    });
    const job = await activateListenerJob(t, 'gate');
    await grpc88.unary('CompleteJob', {
      jobKey: job.jobKey,
      variables: '{}',
      result: { denied: true, deniedReason: '材料不全' },
    });
    const answer = await completion;
    expect(answer.status).toBe(409);
    expect(answer.json.detail).toContain(
      `Completion of the User Task with key '${task.key}' was denied by Task Listener. Reason to deny: '材料不全'`,
    );
    expect(records.events('JOB', 'COMPLETED')[0].value.result).toMatchObject({
      denied: true,
      deniedReason: '材料不全',
      correctedAttributes: [],
    });
    expect(records.events('USER_TASK', 'COMPLETION_DENIED')[0].value.deniedReason).toBe('材料不全');

    // the SDK's CompleteJob, which cannot carry a result, approves
    const again = t.http('POST', `/v2/user-tasks/${task.key}/completion`, {});
    await t.zeebe.completeJob({ jobKey: (await activateListenerJob(t, 'gate')).jobKey, variables: {} });
    expect((await again).status).toBe(204);
    await records.waitForInstanceEnd(pi);
  });

  it('corrections: set, cleared ("" and an empty list) and kept (absent) as over REST', async () => {
    const { task } = await start(
      '<zeebe:assignmentDefinition candidateGroups="court,procuratorate" candidateUsers="wang" />' +
        // seconds kept by Zeebe's ZonedDateTime.toString(), so the typed client's strict check accepts the activation
        '<zeebe:taskSchedule followUpDate="2026-03-01T01:00:30Z" />' +
        listeners(['assigning', 'route']),
    );
    const assignment = t.http('POST', `/v2/user-tasks/${task.key}/assignment`, { assignee: 'zhang' });
    const job = await activateListenerJob(t, 'route');
    await grpc88.unary('CompleteJob', {
      jobKey: job.jobKey,
      variables: '',
      result: {
        type: 'userTask',
        corrections: {
          assignee: 'li',
          dueDate: '2026-03-05T17:00:00+08:00',
          followUpDate: '',
          candidateGroups: { values: [] },
          priority: 80,
        },
      },
    });
    expect((await assignment).status).toBe(204);
    const corrected = records.events('USER_TASK', 'CORRECTED')[0].value;
    expect(corrected.changedAttributes.sort()).toEqual([
      'assignee',
      'candidateGroupsList',
      'dueDate',
      'followUpDate',
      'priority',
    ]);
    expect(records.events('USER_TASK', 'ASSIGNED')[0].value).toMatchObject({
      assignee: 'li',
      dueDate: '2026-03-05T17:00:00+08:00',
      followUpDate: '',
      candidateGroupsList: [],
      candidateUsersList: ['wang'],
      priority: 80,
    });
  });

  it('refuses what Zeebe refuses, with its texts, and changes nothing', async () => {
    const { pi } = await start(listeners(['canceling', 'archive'], ['completing', 'gate']));
    await t.rest.cancelProcessInstance({ processInstanceKey: pi });
    const job = await activateListenerJob(t, 'archive');
    const jobKey = job.jobKey;
    expect(await refusal({ jobKey, variables: '{}', result: { denied: true } })).toEqual([
      'INVALID_ARGUMENT',
      `Command 'COMPLETE' rejected with code 'INVALID_ARGUMENT': Denying result is not supported for 'CANCELING' task listener jobs (job key '${jobKey}', type 'archive', processInstanceKey '${pi}'). Only the following listener event types support denying: [ASSIGNING, COMPLETING, UPDATING].`,
    ]);
    const [status, detail] = await refusal({
      jobKey,
      variables: '{}',
      result: { corrections: { priority: 101 } },
    });
    expect(status).toBe('INVALID_ARGUMENT');
    expect(detail).toContain("Expected a valid job result, but 'result.corrections.priority' is invalid");
    expect(await refusal({ jobKey, variables: '{}', result: { type: 'approval' } })).toEqual([
      'INVALID_ARGUMENT',
      "Expected the job result's type to be 'userTask' or 'adHocSubprocess', but found 'approval'",
    ]);
    const [dateStatus, dateDetail] = await refusal({
      jobKey,
      variables: '{}',
      result: { corrections: { dueDate: '明天' } },
    });
    expect(dateStatus).toBe('INVALID_ARGUMENT');
    expect(dateDetail).toContain("'result.corrections.dueDate' is invalid");
    expect(records.events('JOB', 'COMPLETED')).toHaveLength(0);
    await grpc88.unary('CompleteJob', { jobKey, variables: '{}', result: { corrections: { priority: 10 } } });
    await records.waitForInstanceEnd(pi);
    expect(records.events('USER_TASK', 'CANCELED')[0].value.priority).toBe(10);
  });
});
