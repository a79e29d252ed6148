// Conformance: compensation subscriptions of completed activities in a migration, as Zeebe 8.8 treats them — a
// mapped compensation boundary event moves the subscription (COMPENSATION_SUBSCRIPTION MIGRATED to the target's
// activity and handler, and compensation then runs the target's handler), an unmapped one deletes it, a completed
// subprocess's subscription follows its children; the journal alone replays to the live state. A boundary mapped
// to another event type, or to an activity in another scope, is refused and nothing changes.
import { definitions, flow, multiInstance, process, serviceTask, subProcess } from './support/bpmn';
import { compensable, compensationThrow, subscriptionLog } from './support/compensation';
import { boundary, timerDef } from './support/events';
import {
  deployed,
  journaledEngineForEachTest,
  migrate,
  recordsFromMigrate,
  refused,
} from './support/migration';
import { completeNext, Status, waitForElement } from './support/work';

jest.setTimeout(30_000);

const { t, expectReplayEqualsLive } = journaledEngineForEachTest('migrate-comp');

/** start → `first` → `next` (job type b) → a compensation throw (for `ref` when given) → end. */
function model(first: string, firstId: string, next: string, ref?: string, extra = ''): string {
  return definitions(
    process(
      'c',
      [
        '<bpmn:startEvent id="start" />',
        first,
        serviceTask(next, 'b'),
        compensationThrow('undo', ref),
        '<bpmn:endEvent id="end" />',
        extra,
        flow('f0', 'start', firstId),
        flow('f1', firstId, next),
        flow('f2', next, 'undo'),
        flow('f3', 'undo', 'end'),
      ].join('\n'),
    ),
  );
}

/** A subprocess `id` holding the compensable task `task`. */
const inSub = (id: string, task: string) =>
  subProcess(
    id,
    ['<bpmn:startEvent id="' + id + '-s" />', compensable(task), '<bpmn:endEvent id="' + id + '-e" />'].join(
      '\n',
    ) +
      flow(`${id}-1`, `${id}-s`, task) +
      flow(`${id}-2`, task, `${id}-e`),
  );

/** v1 started and A completed: the instance waits at B holding A's subscription. */
async function afterA(first: string, firstId: string, ref?: string): Promise<string> {
  await deployed(t, 'c.bpmn', model(first, firstId, 'B', ref));
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'c',
    variables: {},
  });
  await completeNext(t, 'A');
  await waitForElement(t, 'B', 'ELEMENT_ACTIVATED', pi);
  return pi;
}

describe('compensation subscriptions of completed activities', () => {
  it("moves a mapped boundary's subscription; compensation then runs the target's handler; replay equals live", async () => {
    const pi = await afterA(compensable('A'), 'A', 'A');
    const target = await deployed(t, 'c.bpmn', model(compensable('C'), 'C', 'D', 'C'));

    await migrate(t, pi, target, [
      ['B', 'D'],
      ['A-comp', 'C-comp'],
    ]);

    // as Zeebe's ProcessInstanceMigrationCatchEventBehaviour: with the process's own records, before its children
    expect(recordsFromMigrate(t)).toEqual([
      'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED c',
      'EVENT COMPENSATION_SUBSCRIPTION MIGRATED C',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED D',
      'EVENT JOB MIGRATED D',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    ]);
    const [moved] = t.records.events('COMPENSATION_SUBSCRIPTION', 'MIGRATED');
    expect(moved.value.processDefinitionKey).toBe(Number(target));
    await expectReplayEqualsLive();

    await completeNext(t, 'b'); // the job keeps its type
    await completeNext(t, 'undo-C');
    const ended = await waitForElement(t, 'c', 'ELEMENT_COMPLETED', pi);
    expect(ended.value.version).toBe(2);
    expect(subscriptionLog(t.records, pi)).toEqual([
      'CREATED A [undo-A]',
      'MIGRATED C [undo-C]',
      'TRIGGERED C [undo-C] by undo',
      'COMPLETED C [undo-C] by undo',
    ]);
  });

  it("deletes an unmapped boundary's subscription: nothing is compensated in v2", async () => {
    const pi = await afterA(compensable('A'), 'A', 'A');
    const target = await deployed(t, 'c.bpmn', model(serviceTask('C', 'C'), 'C', 'D'));

    await migrate(t, pi, target, [['B', 'D']]);

    expect(recordsFromMigrate(t)).toContain('EVENT COMPENSATION_SUBSCRIPTION DELETED A');
    expect(t.server.engine.stateJson()).toContain('"compensations":[]');
    await completeNext(t, 'b');
    await waitForElement(t, 'c', 'ELEMENT_COMPLETED', pi);
    expect(t.records.events('JOB', 'CREATED').map((r) => r.value.type)).toEqual(['A', 'b']);
  });

  it("moves a completed subprocess's subscription with its children's", async () => {
    const pi = await afterA(inSub('sub1', 'A'), 'sub1');
    const target = await deployed(t, 'c.bpmn', model(inSub('sub2', 'C'), 'sub2', 'D'));

    await migrate(t, pi, target, [
      ['B', 'D'],
      ['A-comp', 'C-comp'],
    ]);

    expect(subscriptionLog(t.records, pi)).toEqual([
      'CREATED A [undo-A]',
      'CREATED sub1',
      'MIGRATED C [undo-C]',
      'MIGRATED sub2',
    ]);
    await expectReplayEqualsLive();
    await completeNext(t, 'b');
    await completeNext(t, 'undo-C');
    await waitForElement(t, 'c', 'ELEMENT_COMPLETED', pi);
    expect(subscriptionLog(t.records, pi).slice(4).sort()).toEqual([
      'COMPLETED C [undo-C] by undo',
      'COMPLETED sub2 by undo',
      'TRIGGERED C [undo-C] by undo',
      'TRIGGERED sub2 by undo',
    ]);
  });

  it('refuses a boundary mapped to another event type or to an activity in another scope', async () => {
    const pi = await afterA(compensable('A'), 'A', 'A');
    const timer = await deployed(
      t,
      'c.bpmn',
      model(
        serviceTask('C', 'C'),
        'C',
        'D',
        undefined,
        boundary('C-timer', 'C', timerDef('timeDuration', 'PT1H')),
      ),
    );
    await refused(
      t,
      migrate(t, pi, timer, [
        ['B', 'D'],
        ['A-comp', 'C-timer'],
      ]),
      Status.INVALID_ARGUMENT,
      "Expected to migrate process instance with id 'c' but compensation boundary event 'A-comp' is mapped to a target boundary event 'C-timer' that has event type 'TIMER' different than compensation boundary event type.",
    );
    const nested = await deployed(t, 'c.bpmn', model(inSub('sub2', 'C'), 'sub2', 'D'));
    await refused(
      t,
      migrate(t, pi, nested, [
        ['B', 'D'],
        ['A-comp', 'C-comp'],
      ]),
      Status.FAILED_PRECONDITION,
      "Expected to migrate process instance with id 'c' but the flow scope of compensation boundary event is changed. Flow scope 'c' is not in the same level as 'sub2'. The flow scope of a compensation boundary event cannot be changed during migration yet.",
    );
    await completeNext(t, 'b');
    await completeNext(t, 'undo-A');
    await waitForElement(t, 'c', 'ELEMENT_COMPLETED', pi);
  });

  it("gives a multi-instance body its subscription once completed in the target; the body's subscription then moves", async () => {
    const loop = multiInstance('=[1, 2, 3]');
    await deployed(t, 'c.bpmn', model(compensable('A', loop), 'A', 'B', 'A'));
    const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'c',
      variables: {},
    });
    await completeNext(t, 'A');
    await completeNext(t, 'A');
    const v2 = await deployed(t, 'c.bpmn', model(compensable('C', loop), 'C', 'D', 'C'));

    // the body still runs: as in this engine's compensation, its inner instances hold no subscriptions
    await migrate(t, pi, v2, [
      ['A', 'C'],
      ['A-comp', 'C-comp'],
    ]);
    expect(recordsFromMigrate(t)).toEqual([
      'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED c',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED C',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED C',
      'EVENT JOB MIGRATED C',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    ]);
    await completeNext(t, 'A'); // the job keeps its type
    await waitForElement(t, 'D', 'ELEMENT_ACTIVATED', pi);
    // completed in v2, the body subscribes with the target's handler
    expect(subscriptionLog(t.records, pi)).toEqual(['CREATED C [undo-C]']);

    // waiting after the completed body, its subscription moves to a v3 body and handler
    const v3 = await deployed(t, 'c.bpmn', model(compensable('E', loop), 'E', 'F', 'E'));
    await migrate(t, pi, v3, [
      ['D', 'F'],
      ['C-comp', 'E-comp'],
    ]);
    expect(recordsFromMigrate(t)).toEqual([
      'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED c',
      'EVENT COMPENSATION_SUBSCRIPTION MIGRATED E',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED F',
      'EVENT JOB MIGRATED F',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    ]);
    await expectReplayEqualsLive();

    await completeNext(t, 'b');
    await completeNext(t, 'undo-E');
    const ended = await waitForElement(t, 'c', 'ELEMENT_COMPLETED', pi);
    expect(ended.value.version).toBe(3);
    expect(subscriptionLog(t.records, pi)).toEqual([
      'CREATED C [undo-C]',
      'MIGRATED E [undo-E]',
      'TRIGGERED E [undo-E] by undo',
      'COMPLETED E [undo-E] by undo',
    ]);
    expect(t.records.events('JOB', 'CREATED').map((r) => r.value.type)).toEqual([
      'A',
      'A',
      'A',
      'b',
      'undo-E',
    ]);
  });
});
