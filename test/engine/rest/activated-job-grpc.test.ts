// Conformance: the gRPC ActivatedJob carries Zeebe 8.8's fields 15-17 — `userTask` (a task listener's task,
// from its reserved headers), `kind` and `listenerEventType` — over ActivateJobs and StreamActivatedJobs,
// and they agree with REST activation's `kind`, `listenerEventType` and `userTask` (checked by the typed 8.8
// client's strict schema). The SDK's proto lacks the fields, so the jobs are read by a raw @grpc/grpc-js
// client loading 8.8's messages (fixtures/zeebe-8.8-activated-job.proto) from the engine's real gRPC port;
// the SDK's own client still activates the same jobs.
import { join } from 'node:path';
import { chain, serviceTask, userTask } from '../support/bpmn';
import { listeners as executionListeners } from '../support/listeners';
import { RecordStream } from '../support/records';
import { rawGateway, type RawGateway } from '../support/raw-grpc';
import { startRestEngine, type RestTestEngine } from './support/rest-harness';
import { activateListenerJob, listeners } from './support/task-listeners';

jest.setTimeout(60_000);

const PROTO_8_8 = join(__dirname, '../fixtures/zeebe-8.8-activated-job.proto');

type Job = Record<string, unknown> & { key: string; userTask?: Record<string, unknown> };

let t: RestTestEngine;
let records: RecordStream;
let grpc88: RawGateway;

beforeEach(async () => {
  t = await startRestEngine();
  records = new RecordStream(t.server.engine);
  grpc88 = rawGateway(t.server.grpcAddress, PROTO_8_8);
});

afterEach(async () => {
  grpc88.close();
  await t.close();
});

/** `audit` (start execution listener) → `work` (service task) → `review` (user task, creating listener). */
const MODEL = chain(
  'p',
  serviceTask('work', 'work', executionListeners(['start', 'audit'])),
  userTask(
    'review',
    '<zeebe:assignmentDefinition assignee="王科长" candidateGroups="督查组,法制组" />' +
      // with seconds, which Zeebe's ZonedDateTime.toString() keeps: the typed client's strict check refuses `09:00Z`
      '<zeebe:taskSchedule dueDate="2026-12-31T09:00:30Z" />' +
      '<zeebe:priorityDefinition priority="70" />' +
      listeners(['creating', 'creator']),
  ),
);

async function activate(type: string): Promise<Job> {
  const [response] = await grpc88.stream<{ jobs: Job[] }>('ActivateJobs', {
    type,
    worker: 'raw-8.8',
    timeout: 60_000,
    maxJobsToActivate: 1,
    requestTimeout: 3_000,
  });
  if (response?.jobs.length !== 1) throw new Error(`expected one job of type '${type}'`);
  return response.jobs[0];
}

const complete = (job: Job) => t.zeebe.completeJob({ jobKey: job.key, variables: {} });

describe('8.8’s ActivatedJob fields over gRPC', () => {
  it('ActivateJobs: an execution listener, an ordinary job (UNSPECIFIED, not enum 0) and a task listener with its task', async () => {
    await t.deploy({ name: 'p.bpmn', content: MODEL });
    await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: {} });

    const audit = await activate('audit');
    expect(audit).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'START' });
    expect(audit.userTask).toBeUndefined();
    await complete(audit);

    const work = await activate('work');
    expect(work).toMatchObject({ kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED' });
    expect(work.userTask).toBeUndefined();
    await complete(work);

    const creator = await activate('creator');
    const task = await records.waitForEvent('USER_TASK', 'CREATING');
    expect(creator).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'CREATING' });
    // (the `_name` keys are grpc-js's oneof markers of the optional fields that were sent)
    const sent = Object.fromEntries(Object.entries(creator.userTask!).filter(([k]) => !k.startsWith('_')));
    expect(sent).toEqual({
      assignee: '王科长',
      candidateGroups: ['督查组', '法制组'],
      candidateUsers: [],
      changedAttributes: [],
      dueDate: '2026-12-31T09:00:30Z',
      priority: 70,
      userTaskKey: String(task.key),
    });
  });

  it('StreamActivatedJobs pushes the same fields; REST activation of the same kinds of job agrees', async () => {
    await t.deploy({ name: 'p.bpmn', content: MODEL });
    const streamed = grpc88.first<Job>('StreamActivatedJobs', {
      type: 'audit',
      worker: 'raw-8.8',
      timeout: 60_000,
    });
    await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: {} });
    const audit = await streamed;
    expect(audit).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'START' });
    await complete(audit);
    await complete(await activate('work'));
    const creator = await activate('creator');

    // the same jobs of a second instance, through REST
    await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: {} });
    const restAudit = await activateListenerJob(t, 'audit');
    expect([restAudit.kind, restAudit.listenerEventType]).toEqual([audit.kind, audit.listenerEventType]);
    await t.api.completeJob({ jobKey: restAudit.jobKey });
    const restWork = await activateListenerJob(t, 'work');
    expect([restWork.kind, restWork.listenerEventType]).toEqual(['BPMN_ELEMENT', 'UNSPECIFIED']);
    await t.api.completeJob({ jobKey: restWork.jobKey });
    const restCreator = await activateListenerJob(t, 'creator');
    expect([restCreator.kind, restCreator.listenerEventType]).toEqual([
      creator.kind,
      creator.listenerEventType,
    ]);
    expect(restCreator.userTask).toMatchObject({
      assignee: creator.userTask!.assignee,
      candidateGroups: creator.userTask!.candidateGroups,
      dueDate: creator.userTask!.dueDate,
      priority: creator.userTask!.priority,
    });
  });

  it('dates with an offset stay as modelled (Zeebe keeps them), over gRPC and REST alike', async () => {
    const model = chain(
      'p',
      userTask(
        'review',
        '<zeebe:taskSchedule dueDate="2026-12-31T17:30:15+08:00" followUpDate="2026-12-20T09:15:30+08:00" />' +
          listeners(['creating', 'creator']),
      ),
    );
    await t.deploy({ name: 'p.bpmn', content: model });
    await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: {} });
    await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: {} });
    const dates = { dueDate: '2026-12-31T17:30:15+08:00', followUpDate: '2026-12-20T09:15:30+08:00' };
    expect((await activate('creator')).userTask).toMatchObject(dates);
    const rest = await t.http('POST', '/v2/jobs/activation', {
      type: 'creator',
      timeout: 60_000,
      maxJobsToActivate: 1,
    });
    const [job] = rest.json.jobs as { userTask: unknown; customHeaders: Record<string, string> }[];
    expect(job.userTask).toMatchObject(dates);
    expect(job.customHeaders).toMatchObject({
      'io.camunda.zeebe:dueDate': dates.dueDate,
      'io.camunda.zeebe:followUpDate': dates.followUpDate,
    });
  });

  it('the SDK’s own client (its proto ends at field 14) still reads the jobs', async () => {
    await t.deploy({ name: 'p.bpmn', content: MODEL });
    await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: {} });
    const jobs = await t.zeebe.activateJobs({
      type: 'audit',
      worker: 'sdk',
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 3_000,
    });
    expect(jobs.map((j) => [j.type, j.elementId])).toEqual([['audit', 'work']]);
    await t.zeebe.completeJob({ jobKey: jobs[0].key, variables: {} });
    await records.waitForEvent('JOB', 'CREATED', (v) => v.type === 'work');
  });
});
