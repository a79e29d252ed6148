// REST API v2: POST /v2/process-instances/{key}/migration through the typed Orchestration Cluster client turns a
// job-worker user task into a Camunda user task (Zeebe 8.8.20): the user task search shows the new task in v2 with
// the job's candidate groups and due date and the target's assignee and priority; it completes through
// /v2/user-tasks/{key}/completion and the instance ends in v2. A Camunda user task mapped back to a job-worker one
// is refused with 409 and changes nothing.
import { chain, userTask } from '../support/bpmn';
import { jobWorkerTask } from '../support/migration';
import { elementInstances, migrate, processInstance, refused, userTasks } from './support/migration';
import { eventually, startRestEngine, type RestTestEngine } from './support/rest-harness';

jest.setTimeout(60_000);

let t: RestTestEngine;
beforeEach(async () => {
  t = await startRestEngine();
});
afterEach(async () => {
  await t.close();
});

const tasks = (processInstanceKey: string) => userTasks(t, processInstanceKey);

it('migrates a job-worker user task to a Camunda user task that completes in v2; the way back is refused', async () => {
  await t.deploy({ name: 'p.bpmn', content: chain('p', jobWorkerTask('J')) });
  const { processInstanceKey } = await t.rest.createProcessInstance({
    processDefinitionId: 'p',
    variables: { groups: ['police'], reviewer: 'inspector' },
  });
  await eventually(
    () => elementInstances(t, processInstanceKey),
    (items) => items.some((e) => e.elementId === 'J' && e.state === 'ACTIVE'),
  );
  expect(await tasks(processInstanceKey)).toEqual([]);
  const target = (
    await t.deploy({
      name: 'p.bpmn',
      content: chain(
        'p',
        userTask(
          'J2',
          '<zeebe:assignmentDefinition assignee="=reviewer" /><zeebe:priorityDefinition priority="70" />',
        ),
      ),
    })
  ).processes[0];

  await migrate(t, processInstanceKey, target.processDefinitionKey, [['J', 'J2']]);

  const [task] = await eventually(
    () => tasks(processInstanceKey),
    (list) => list.length === 1 && list[0].assignee === 'inspector',
  );
  expect(task).toMatchObject({
    elementId: 'J2',
    state: 'CREATED',
    assignee: 'inspector',
    candidateGroups: ['police'],
    priority: 70,
    processDefinitionVersion: 2,
    externalFormReference: 'https://forms.example/review',
  });
  expect(String(task.processDefinitionKey)).toBe(target.processDefinitionKey);

  // a Camunda user task cannot go back to a job worker (409), and nothing changes
  const back = (await t.deploy({ name: 'p.bpmn', content: chain('p', jobWorkerTask('J')) })).processes[0];
  await refused(
    t,
    processInstanceKey,
    back.processDefinitionKey,
    [['J2', 'J']],
    `Expected to migrate process instance '${processInstanceKey}' but active user task with id 'J2' and implementation 'zeebe user task' is mapped to an user task with id 'J' and different implementation 'job worker'. Elements must be mapped to elements of the same implementation.`,
  );

  await t.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true } });
  const instance = await eventually(
    () => processInstance(t, processInstanceKey),
    (pi) => pi.state === 'COMPLETED',
  );
  expect(instance.processDefinitionVersion).toBe(2);
});
