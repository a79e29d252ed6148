// Conformance: MigrateProcessInstance over gRPC with @camunda8/sdk, as Zeebe 8.8 processes it — the records in
// Zeebe's order (ELEMENT_MIGRATED per element instance with its job, incidents, user task, local variables and
// subscriptions, MIGRATED last), the instance going on in the target definition, catch events migrated, closed or
// opened, and every rejection with Zeebe's text leaving the instance unchanged.
import {
  chain,
  definitions,
  element,
  flow,
  multiInstance,
  process,
  serviceTask,
  subProcess,
  userTask,
} from './support/bpmn';
import { boundary, event, message, messageDef, signal, signalDef, timerDef } from './support/events';
import { engineForEachTest } from './support/harness';
import { deployed, migrate, recordsFromMigrate as recordsOf, refused } from './support/migration';
import { completeNext, elementKey, elementKeys, nextJob, Status, waitForElement } from './support/work';
import type { UserTaskValue } from '../../engine/protocol/values';

const t = engineForEachTest();

/** The records from the MIGRATE command on, variables included. */
const recordsFromMigrate = () => recordsOf(t, { variables: true });

async function start(bpmnProcessId: string, variables: Record<string, unknown> = {}) {
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId,
    variables: variables as never,
  });
  return processInstanceKey;
}

describe('migrating a waiting instance to a new version', () => {
  it('moves the process and the task to v2 (job key kept, new element id) and goes on through the new step', async () => {
    const v1 = chain('p', serviceTask('A', 'a'));
    const v2 = chain('p', serviceTask('A2', 'a'), serviceTask('B', 'b'));
    await deployed(t, 'p.bpmn', v1);
    const pi = await start('p', { x: 1 });
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
    const a = elementKey(t, 'A', pi);
    const target = await deployed(t, 'p.bpmn', v2);

    await migrate(t, pi, target, [['A', 'A2']]);

    expect(recordsFromMigrate()).toEqual([
      'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED p',
      'EVENT VARIABLE MIGRATED',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED A2',
      'EVENT JOB MIGRATED A2',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    ]);
    const migrated = t.records.events('PROCESS_INSTANCE', 'ELEMENT_MIGRATED');
    expect(migrated.map((r) => [r.key, r.value.processDefinitionKey, r.value.version])).toEqual([
      [Number(pi), Number(target), 2],
      [a, Number(target), 2],
    ]);
    const [job] = t.records.events('JOB', 'MIGRATED');
    expect(job.key).toBe(t.records.events('JOB', 'CREATED')[0].key);
    expect(job.value).toMatchObject({
      processDefinitionKey: Number(target),
      processDefinitionVersion: 2,
      type: 'a',
    });
    expect(t.records.events('VARIABLE', 'MIGRATED')[0].value).toMatchObject({
      name: 'x',
      scopeKey: Number(pi),
      processDefinitionKey: Number(target),
    });
    const done = t.records.events('PROCESS_INSTANCE_MIGRATION', 'MIGRATED')[0];
    expect(done.key).toBe(Number(pi));
    expect(done.value).toMatchObject({
      targetProcessDefinitionKey: Number(target),
      mappingInstructions: [{ sourceElementId: 'A', targetElementId: 'A2' }],
    });

    const activated = await completeNext(t, 'a');
    expect(activated.elementId).toBe('A2');
    expect(activated.processDefinitionVersion).toBe(2);
    await completeNext(t, 'b');
    const completed = await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
    expect(completed.value.processDefinitionKey).toBe(Number(target));
    expect(t.records.events('PROCESS_INSTANCE', 'ELEMENT_COMPLETED').map((r) => r.value.elementId)).toEqual([
      'start',
      'A2',
      'B',
      'end',
      'p',
    ]);
  });

  it('migrates a Camunda user task with its key, local variables and assignment; it completes in v2', async () => {
    const task = userTask('T', '<zeebe:assignmentDefinition candidateGroups="police" />');
    await deployed(t, 'p.bpmn', chain('p', task));
    const pi = await start('p');
    await t.records.waitForEvent('USER_TASK', 'CREATED');
    const key = elementKey(t, 'T', pi);
    await t.zeebe.setVariables({
      elementInstanceKey: String(key),
      variables: { note: '已签收' },
      local: true,
    });
    const target = await deployed(t, 'p.bpmn', chain('p', task, serviceTask('after', 'after')));

    await migrate(t, pi, target, [['T', 'T']]);

    expect(recordsFromMigrate()).toEqual([
      'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED p',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED T',
      'EVENT USER_TASK MIGRATED T',
      'EVENT VARIABLE MIGRATED',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    ]);
    const created = t.records.events('USER_TASK', 'CREATED')[0];
    const moved = t.records.events('USER_TASK', 'MIGRATED')[0];
    expect(moved.key).toBe(created.key);
    expect(moved.value).toMatchObject({
      processDefinitionKey: Number(target),
      processDefinitionVersion: 2,
      candidateGroupsList: ['police'],
      elementInstanceKey: key,
    });

    const value = { ...moved.value, variables: { done: true }, action: '' } as UserTaskValue;
    const r = await t.server.engine.execute('USER_TASK', 'COMPLETE', value, created.key);
    expect(r.ok).toBe(true);
    await completeNext(t, 'after');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });

  it('migrates a job incident; resolving it in v2 lets the job run again', async () => {
    await deployed(t, 'p.bpmn', chain('p', serviceTask('A', 'a')));
    const pi = await start('p');
    const job = await nextJob(t, 'a');
    await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: '网络中断', retryBackOff: 0 });
    await t.records.waitForEvent('INCIDENT', 'CREATED');
    const target = await deployed(t, 'p.bpmn', chain('p', serviceTask('A', 'a'), serviceTask('B', 'b')));

    await migrate(t, pi, target, [['A', 'A']]);

    expect(recordsFromMigrate().slice(2, 5)).toEqual([
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED A',
      'EVENT JOB MIGRATED A',
      'EVENT INCIDENT MIGRATED A',
    ]);
    const incident = t.records.events('INCIDENT', 'MIGRATED')[0];
    expect(incident.value).toMatchObject({ processDefinitionKey: Number(target), jobKey: Number(job.key) });
    await t.zeebe.updateJobRetries({ jobKey: job.key, retries: 1 });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await completeNext(t, 'a');
    await completeNext(t, 'b');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });
});

describe('catch events', () => {
  const roots = [message('m', 'remind', '=id'), signal('s', 'stop')].join('\n');
  const withEvents = (events: string[]) =>
    definitions(
      process(
        'p',
        [
          '<bpmn:startEvent id="start" />',
          serviceTask('A', 'a'),
          ...events,
          '<bpmn:endEvent id="end" />',
          '<bpmn:endEvent id="endByEvent" />',
          flow('f0', 'start', 'A'),
          flow('f1', 'A', 'end'),
          ...events.map((e, i) => flow(`fe${i}`, /id="([^"]+)"/.exec(e)![1], 'endByEvent')),
        ].join('\n'),
      ),
      roots,
    );

  it('moves a mapped boundary timer, closes an unmapped message boundary and opens a new signal boundary', async () => {
    await deployed(
      t,
      'p.bpmn',
      withEvents([
        boundary('timer', 'A', timerDef('timeDuration', 'PT1H'), false),
        boundary('msg', 'A', messageDef('m'), false),
      ]),
    );
    const pi = await start('p', { id: 'k-1' });
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
    const timerCreated = t.records.events('TIMER', 'CREATED')[0];
    const target = await deployed(
      t,
      'p.bpmn',
      withEvents([
        boundary('timer2', 'A', timerDef('timeDuration', 'PT2H'), false),
        boundary('stop', 'A', signalDef('s')),
      ]),
    );

    await migrate(t, pi, target, [
      ['A', 'A'],
      ['timer', 'timer2'],
    ]);

    expect(recordsFromMigrate()).toEqual([
      'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED p',
      'EVENT VARIABLE MIGRATED',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED A',
      'EVENT JOB MIGRATED A',
      // as Zeebe: the unmapped closed, the new opened, then the mapped moved
      'EVENT MESSAGE_SUBSCRIPTION DELETED msg',
      'EVENT SIGNAL_SUBSCRIPTION CREATED stop',
      'EVENT TIMER MIGRATED timer2',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    ]);
    const timer = t.records.events('TIMER', 'MIGRATED')[0];
    // the timer keeps its key and due date (v2's PT2H is not evaluated again)
    expect([timer.key, timer.value.dueDate]).toEqual([timerCreated.key, timerCreated.value.dueDate]);

    await t.zeebe.broadcastSignal({ signalName: 'stop' });
    await waitForElement(t, 'endByEvent', 'ELEMENT_COMPLETED', pi);
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
    expect(elementKeys(t, 'stop', pi)).toHaveLength(1);
  });

  it('moves the message subscription of a waiting catch event; the message then completes it in v2', async () => {
    const waiting = (id: string) =>
      definitions(
        process(
          'p',
          [
            '<bpmn:startEvent id="start" />',
            event('intermediateCatchEvent', id, messageDef('m')),
            serviceTask('B', 'b'),
            '<bpmn:endEvent id="end" />',
            flow('f0', 'start', id),
            flow('f1', id, id === 'wait' ? 'end' : 'B'),
            id === 'wait' ? '' : flow('f2', 'B', 'end'),
          ].join('\n'),
        ),
        roots,
      );
    await deployed(t, 'p.bpmn', waiting('wait'));
    const pi = await start('p', { id: 'k-2' });
    await waitForElement(t, 'wait', 'ELEMENT_ACTIVATED', pi);
    const target = await deployed(t, 'p.bpmn', waiting('wait2'));

    await migrate(t, pi, target, [['wait', 'wait2']]);

    await t.records.waitForEvent('MESSAGE_SUBSCRIPTION', 'MIGRATED');
    // as Zeebe 8.8: the process side of the subscription right after the catch event's ELEMENT_MIGRATED, the
    // message side's MIGRATE command with it, and that command's MIGRATED after the migration's own records
    expect(recordsFromMigrate().slice(3)).toEqual([
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED wait2',
      'EVENT PROCESS_MESSAGE_SUBSCRIPTION MIGRATED wait2',
      'COMMAND MESSAGE_SUBSCRIPTION MIGRATE wait2',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
      'EVENT MESSAGE_SUBSCRIPTION MIGRATED wait2',
    ]);
    await t.zeebe.publishMessage({ name: 'remind', correlationKey: 'k-2', variables: {} });
    await completeNext(t, 'b');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });
});

describe('multi-instance and subprocesses', () => {
  const mi = (sequential: boolean) =>
    chain(
      'p',
      serviceTask('A', 'a', '').replace(
        '</bpmn:serviceTask>',
        `${multiInstance('=[1,2]', { sequential })}</bpmn:serviceTask>`,
      ),
    );

  it('migrates the body and every inner instance; a changed loop kind is refused', async () => {
    await deployed(t, 'p.bpmn', mi(false));
    const pi = await start('p');
    await t.records.waitFor(() => elementKeys(t, 'A', pi).length === 3);
    const parallelAgain = await deployed(t, 'p-again.bpmn', mi(false));
    const sequential = await deployed(t, 'p.bpmn', mi(true));

    await refused(
      t,
      migrate(t, pi, sequential, [['A', 'A']]),
      Status.FAILED_PRECONDITION,
      `Expected to migrate process instance '${pi}' but active element with id 'A' has a different loop characteristics than the target element with id 'A'. Both elements must have either sequential or parallel loop characteristics.`,
    );
    await migrate(t, pi, parallelAgain, [['A', 'A']]);
    expect(recordsFromMigrate().filter((r) => r.includes('ELEMENT_MIGRATED'))).toEqual([
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED p',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED A',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED A',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED A',
    ]);
    await completeNext(t, 'a');
    await completeNext(t, 'a');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });

  it('migrates a subprocess with its inner task', async () => {
    const sub = (taskId: string) =>
      chain(
        'p',
        subProcess(
          'sub',
          [
            '<bpmn:startEvent id="s0" />',
            serviceTask(taskId, 'a'),
            '<bpmn:endEvent id="s9" />',
            flow('s1', 's0', taskId),
            flow('s2', taskId, 's9'),
          ].join('\n'),
        ),
      );
    await deployed(t, 'p.bpmn', sub('A'));
    const pi = await start('p');
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
    const target = await deployed(t, 'p.bpmn', sub('inner'));
    await migrate(t, pi, target, [
      ['sub', 'sub'],
      ['A', 'inner'],
    ]);
    expect(recordsFromMigrate().filter((r) => r.includes('MIGRATED'))).toEqual([
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED p',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED sub',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED inner',
      'EVENT JOB MIGRATED inner',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    ]);
    await completeNext(t, 'a');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });
});

describe('rejections (Zeebe 8.8 texts; nothing changes)', () => {
  const twoTasks = chain('p', serviceTask('A', 'a'), serviceTask('B', 'b'));
  let pi: string;
  let target: string;
  const own = (s: string) => `Expected to migrate process instance '${pi}' but ${s}`;

  beforeEach(async () => {
    await deployed(t, 'p.bpmn', twoTasks);
    pi = await start('p');
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
  });

  it('refuses an unknown instance, an unknown target, duplicates and unknown element ids', async () => {
    target = await deployed(t, 'p.bpmn', chain('p', serviceTask('A', 'a'), serviceTask('C', 'c')));
    await refused(
      t,
      migrate(t, '2251799813685999', target, []),
      Status.NOT_FOUND,
      "Expected to migrate process instance but no process instance found with key '2251799813685999'",
    );
    await refused(
      t,
      migrate(t, pi, '2251799813685999', []),
      Status.NOT_FOUND,
      "Expected to migrate process instance to process definition but no process definition found with key '2251799813685999'",
    );
    await refused(
      t,
      migrate(t, pi, target, [
        ['A', 'A'],
        ['A', 'C'],
      ]),
      Status.INVALID_ARGUMENT,
      own("the mapping instructions contain duplicate source element ids '[A]'."),
    );
    await refused(
      t,
      migrate(t, pi, target, [['nope', 'A']]),
      Status.INVALID_ARGUMENT,
      own(
        "mapping instructions contain a non-existing source element id 'nope'. Elements provided in mapping instructions must exist in the source process definition.",
      ),
    );
    await refused(
      t,
      migrate(t, pi, target, [['A', 'nope']]),
      Status.INVALID_ARGUMENT,
      own(
        "mapping instructions contain a non-existing target element id 'nope'. Elements provided in mapping instructions must exist in the target process definition.",
      ),
    );
    await refused(
      t,
      migrate(t, pi, target, [['B', 'C']]),
      Status.FAILED_PRECONDITION,
      own(
        "no mapping instruction defined for active element with id 'A'. Elements cannot be migrated without a mapping.",
      ),
    );
    // still waiting at A of v1, and it goes on there
    await completeNext(t, 'a');
    await completeNext(t, 'b');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });

  it('refuses a changed element type, user task implementation and flow scope', async () => {
    target = await deployed(
      t,
      'p.bpmn',
      definitions(
        process(
          'p',
          [
            '<bpmn:startEvent id="start" />',
            userTask('U'),
            '<bpmn:userTask id="J"><bpmn:extensionElements><zeebe:taskDefinition type="j" /></bpmn:extensionElements></bpmn:userTask>',
            subProcess(
              'sub',
              [serviceTask('inner', 'a'), '<bpmn:startEvent id="s0" />', flow('s1', 's0', 'inner')].join(''),
            ),
            '<bpmn:endEvent id="end" />',
            flow('f0', 'start', 'U'),
            flow('f1', 'U', 'J'),
            flow('f2', 'J', 'sub'),
            flow('f3', 'sub', 'end'),
          ].join('\n'),
        ),
      ),
    );
    await refused(
      t,
      migrate(t, pi, target, [['A', 'U']]),
      Status.FAILED_PRECONDITION,
      own(
        "active element with id 'A' and type 'SERVICE_TASK' is mapped to an element with id 'U' and different type 'USER_TASK'. Elements must be mapped to elements of the same type.",
      ),
    );
    await refused(
      t,
      migrate(t, pi, target, [['A', 'inner']]),
      Status.FAILED_PRECONDITION,
      own(
        "the flow scope of active element with id 'A' is changed. The flow scope of the active element is expected to be 'p' but was 'sub'. The flow scope of an element cannot be changed during migration yet.",
      ),
    );

    // a Camunda user task cannot become a job-worker user task
    await deployed(t, 'u.bpmn', chain('u', userTask('U')));
    const u = await start('u');
    await t.records.waitForEvent('USER_TASK', 'CREATED');
    const jobWorker = await deployed(
      t,
      'u.bpmn',
      chain(
        'u',
        '<bpmn:userTask id="U"><bpmn:extensionElements><zeebe:taskDefinition type="j" /></bpmn:extensionElements></bpmn:userTask>',
      ),
    );
    await refused(
      t,
      migrate(t, u, jobWorker, [['U', 'U']]),
      Status.FAILED_PRECONDITION,
      `Expected to migrate process instance '${u}' but active user task with id 'U' and implementation 'zeebe user task' is mapped to an user task with id 'U' and different implementation 'job worker'. Elements must be mapped to elements of the same implementation.`,
    );
  });

  it('refuses catch events detached, merged or of another type, a multi-instance change and a failing subscription', async () => {
    const roots = [message('m', 'remind', '=missing.key'), signal('s', 'stop')].join('\n');
    const v = (events: string[]) =>
      definitions(
        process(
          'p',
          [
            '<bpmn:startEvent id="start" />',
            serviceTask('A', 'a'),
            serviceTask('B', 'b'),
            ...events,
            '<bpmn:endEvent id="end" />',
            flow('f0', 'start', 'A'),
            flow('f1', 'A', 'B'),
            flow('f2', 'B', 'end'),
          ].join('\n'),
        ),
        roots,
      );
    await t.zeebe.cancelProcessInstance(pi);
    await deployed(
      t,
      'p.bpmn',
      v([
        boundary('t1', 'A', timerDef('timeDuration', 'PT1H'), false),
        boundary('t2', 'A', timerDef('timeDuration', 'PT2H'), false),
      ]),
    );
    pi = await start('p');
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
    target = await deployed(
      t,
      'p.bpmn',
      v([
        boundary('t1', 'A', timerDef('timeDuration', 'PT1H'), false),
        boundary('onB', 'B', timerDef('timeDuration', 'PT1H'), false),
        boundary('sig', 'A', signalDef('s'), false),
      ]),
    );
    await refused(
      t,
      migrate(t, pi, target, [
        ['A', 'A'],
        ['t1', 'onB'],
      ]),
      Status.FAILED_PRECONDITION,
      own(
        "active element with id 'A' is mapped to an element with id 'A' and has a catch event with id 't1' that is mapped to a catch event with id 'onB'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.",
      ),
    );
    await refused(
      t,
      migrate(t, pi, target, [
        ['A', 'A'],
        ['t1', 't1'],
        ['t2', 't1'],
      ]),
      Status.FAILED_PRECONDITION,
      own(
        "active element with id 'A' has a catch event attached that is mapped to a catch event with id 't1'. There are multiple mapping instructions that target this catch event: 't1', 't2'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once.",
      ),
    );
    await refused(
      t,
      migrate(t, pi, target, [
        ['A', 'A'],
        ['t1', 'sig'],
      ]),
      Status.FAILED_PRECONDITION,
      own(
        "active element with id 'A' has a catch event with id 't1' that is mapped to a catch event with id 'sig'. These catch events have different event types: 'TIMER' and 'SIGNAL'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events.",
      ),
    );
    const looped = await deployed(
      t,
      'p.bpmn',
      v([]).replace(
        'type="a" /></bpmn:extensionElements></bpmn:serviceTask>',
        `type="a" /></bpmn:extensionElements>${multiInstance('=[1]')}</bpmn:serviceTask>`,
      ),
    );
    await refused(
      t,
      migrate(t, pi, looped, [['A', 'A']]),
      Status.FAILED_PRECONDITION,
      own(
        "active element with id 'A' and type 'SERVICE_TASK' is mapped to an element with id 'A' and different type 'MULTI_INSTANCE_BODY'. Elements must be mapped to elements of the same type.",
      ),
    );
    const needsKey = await deployed(t, 'p.bpmn', v([boundary('msg', 'A', messageDef('m'), false)]));
    await refused(
      t,
      migrate(t, pi, needsKey, [['A', 'A']]),
      Status.FAILED_PRECONDITION,
      own(
        "active element with id 'A' is mapped to element with id 'A' that must be subscribed to a message catch event. ",
      ),
    );
    // the timers of v1 still run the instance
    expect(t.records.events('TIMER', 'CANCELED')).toEqual([]);
    await completeNext(t, 'a');
    await completeNext(t, 'b');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });

  it('refuses a new process id whose message start already runs an instance of the correlation key', async () => {
    const started = (id: string) =>
      definitions(
        process(
          id,
          [
            event('startEvent', 'start', messageDef(`${id}-m`)),
            serviceTask('A', 'a'),
            '<bpmn:endEvent id="end" />',
            flow('f0', 'start', 'A'),
            flow('f1', 'A', 'end'),
          ].join('\n'),
        ),
        message(`${id}-m`, `start-${id}`),
      );
    await deployed(t, 'x.bpmn', started('x'));
    const y = await deployed(t, 'y.bpmn', started('y'));
    const instanceOf = async (id: string) => {
      await t.zeebe.publishMessage({ name: `start-${id}`, correlationKey: 'case-7', variables: {} });
      const r = await t.records.waitFor(
        (rec) =>
          rec.valueType === 'PROCESS_INSTANCE' &&
          rec.intent === 'ELEMENT_ACTIVATED' &&
          (rec.value as { elementId: string }).elementId === 'A' &&
          (rec.value as { bpmnProcessId: string }).bpmnProcessId === id,
      );
      return String((r.value as { processInstanceKey: number }).processInstanceKey);
    };
    await instanceOf('y');
    const x = await instanceOf('x');
    await refused(
      t,
      migrate(t, x, y, [['A', 'A']]),
      Status.FAILED_PRECONDITION,
      `Expected to migrate process instance '${x}' but target process definition '${y}' has an active instance triggered by a message start event with correlation key 'case-7'. Only one instance per correlation key is allowed for message start events.`,
    );
  });

  it('refuses an active element of a type Zeebe does not migrate', async () => {
    await deployed(
      t,
      'm.bpmn',
      definitions(
        process(
          'm',
          [
            '<bpmn:startEvent id="start" />',
            event(
              'intermediateThrowEvent',
              'notify',
              messageDef('n'),
              '<zeebe:taskDefinition type="notify" />',
            ),
            '<bpmn:endEvent id="end" />',
            flow('f0', 'start', 'notify'),
            flow('f1', 'notify', 'end'),
          ].join('\n'),
        ),
        message('n', 'notice'),
      ),
    );
    const m = await start('m');
    await waitForElement(t, 'notify', 'ELEMENT_ACTIVATED', m);
    const again = await deployed(t, 'm2.bpmn', chain('m2', serviceTask('x', 'x')));
    await refused(
      t,
      migrate(t, m, again, [['notify', 'x']]),
      Status.FAILED_PRECONDITION,
      `Expected to migrate process instance '${m}' but active element with id 'notify' has an unsupported type. The migration of a INTERMEDIATE_THROW_EVENT is not supported.`,
    );
  });

  it('refuses an active ad-hoc subprocess, which 8.8 does not migrate (its supported types do not name it)', async () => {
    const adHoc = (id: string) =>
      chain(
        'h',
        element('adHocSubProcess', id, {
          ext: '<zeebe:adHoc activeElementsCollection="=[&quot;A&quot;]" />',
          body: serviceTask('A', 'a'),
        }),
      );
    await deployed(t, 'h.bpmn', adHoc('adhoc'));
    const h = await start('h');
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', h);
    const target = await deployed(t, 'h.bpmn', adHoc('adhoc2'));
    await refused(
      t,
      migrate(t, h, target, [
        ['adhoc', 'adhoc2'],
        ['A', 'A'],
      ]),
      Status.FAILED_PRECONDITION,
      `Expected to migrate process instance '${h}' but active element with id 'adhoc' has an unsupported type. The migration of a AD_HOC_SUB_PROCESS is not supported.`,
    );
  });
});
