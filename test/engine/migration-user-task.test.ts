// Conformance: a job-worker user task migrated to a Camunda user task, as Zeebe 8.8.20 does it — the new task
// (USER_TASK CREATING, CREATED, then the target's assignee ASSIGNING/ASSIGNED) keeps the job's candidate groups,
// due date, form and custom headers and takes the target's priority, the job is CANCELED; the journal alone
// replays to the live state. Refused, writing nothing: a job with an incident, a target whose priority cannot be
// evaluated.
import { chain, userTask } from './support/bpmn';
import {
  deployed,
  jobWorkerTask,
  journaledEngineForEachTest,
  migrate,
  recordsFromMigrate,
  refused,
} from './support/migration';
import { nextJob, Status, waitForElement } from './support/work';
import type { UserTaskValue } from '../../engine/protocol/values';

jest.setTimeout(30_000);

const { t, expectReplayEqualsLive } = journaledEngineForEachTest('migrate-ut');

async function waitingAtJobWorkerTask(): Promise<string> {
  await deployed(t, 'p.bpmn', chain('p', jobWorkerTask('J')));
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: { groups: ['police', 'market'], reviewer: 'inspector' },
  });
  await waitForElement(t, 'J', 'ELEMENT_ACTIVATED', pi);
  return pi;
}

describe('a job-worker user task migrated to a Camunda user task', () => {
  it('creates the Camunda user task from the job, assigns the target assignee, cancels the job; replay equals live', async () => {
    const pi = await waitingAtJobWorkerTask();
    const [job] = t.records.events('JOB', 'CREATED');
    const target = await deployed(
      t,
      'p.bpmn',
      chain(
        'p',
        userTask(
          'J2',
          '<zeebe:assignmentDefinition assignee="=reviewer" candidateGroups="other" /><zeebe:priorityDefinition priority="80" />',
        ),
      ),
    );

    await migrate(t, pi, target, [['J', 'J2']]);

    expect(recordsFromMigrate(t)).toEqual([
      'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED p',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED J2',
      'EVENT USER_TASK CREATING J2',
      'EVENT USER_TASK CREATED J2',
      'EVENT USER_TASK ASSIGNING J2',
      'EVENT USER_TASK ASSIGNED J2',
      'EVENT JOB CANCELED J',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    ]);
    const canceled = t.records.events('JOB', 'CANCELED')[0];
    expect(canceled.key).toBe(job.key);
    const [assigned] = t.records.events('USER_TASK', 'ASSIGNED');
    expect(assigned.value as UserTaskValue).toMatchObject({
      assignee: 'inspector',
      candidateGroupsList: ['police', 'market'],
      candidateUsersList: [],
      dueDate: '2026-12-31T10:00Z',
      externalFormReference: 'https://forms.example/review',
      customHeaders: { kind: 'review' },
      priority: 80,
      elementId: 'J2',
      processDefinitionKey: Number(target),
      processDefinitionVersion: 2,
      processInstanceKey: Number(pi),
    });

    const live = t.server.engine.stateJson();
    const state = JSON.parse(live) as {
      elements: { key: number; value: { elementId: string }; jobKey: number; userTaskKey: number }[];
      jobs: { jobs: unknown[] };
    };
    const task = state.elements.find((e) => e.value.elementId === 'J2')!;
    expect([task.jobKey, task.userTaskKey]).toEqual([-1, assigned.key]);
    expect(state.jobs.jobs).toEqual([]);
    await expectReplayEqualsLive();
    // the canceled job is gone for workers
    const jobs = await t.zeebe.activateJobs({
      type: 'io.camunda.zeebe:userTask',
      worker: 'tasklist',
      maxJobsToActivate: 1,
      timeout: 10_000,
      requestTimeout: 500,
    });
    expect(jobs).toEqual([]);
  });

  it('refuses a job with an incident and a target priority that cannot be evaluated, changing nothing', async () => {
    const pi = await waitingAtJobWorkerTask();
    const badPriority = await deployed(
      t,
      'p.bpmn',
      chain('p', userTask('J2', '<zeebe:priorityDefinition priority="=missing.level" />')),
    );
    await refused(
      t,
      migrate(t, pi, badPriority, [['J', 'J2']]),
      Status.FAILED_PRECONDITION,
      `Expected to migrate process instance '${pi}' but the job worker user task with id 'J' cannot become the Camunda user task with id 'J2': `,
    );

    const job = await nextJob(t, 'io.camunda.zeebe:userTask');
    await t.zeebe.failJob({ jobKey: job.key, retries: 0, retryBackOff: 0, errorMessage: 'Tasklist 不可用' });
    await t.records.waitForEvent('INCIDENT', 'CREATED');
    const good = await deployed(t, 'p.bpmn', chain('p', userTask('J3')));
    await refused(
      t,
      migrate(t, pi, good, [['J', 'J3']]),
      Status.FAILED_PRECONDITION,
      `Expected to migrate process instance '${pi}' but the job of the job worker user task with id 'J' has an incident. Resolve the incident before migrating the task to a Camunda user task.`,
    );
    expect(t.records.events('USER_TASK')).toEqual([]);
    expect(t.records.events('JOB', 'CANCELED')).toEqual([]);
  });
});
