// Conformance: migrating an instance whose tokens wait at a joining parallel or inclusive gateway, as Zeebe 8.8
// does — the gateway mapped, each waiting token's flow SEQUENCE_FLOW_DELETED in the source and SEQUENCE_FLOW_TAKEN
// on its target flow; the join then fires in the target when the other path arrives. The journal alone replays
// to the live state. Every plan that breaks a join rule is refused and writes nothing.
import { definitions, element, flow, process, serviceTask, subProcess } from './support/bpmn';
import {
  deployed,
  journaledEngineForEachTest,
  migrate,
  recordsFromMigrate,
  refused,
} from './support/migration';
import { completeNext, elementKey, Status, waitForElement } from './support/work';

jest.setTimeout(30_000);

const { t, expectReplayEqualsLive } = journaledEngineForEachTest('migrate-joins');

type Gateway = 'parallelGateway' | 'inclusiveGateway';

/**
 * start → fork → A, B (and C when given) → joinId (flows from A and B named by `flows`) → after (when given) →
 * end. An inclusive fork takes every path (conditions true).
 */
function forkJoin(opts: {
  kind: Gateway;
  joinId: string;
  flows: [string, string];
  joinKind?: Gateway;
  withC?: boolean;
  after?: string;
}): string {
  const cond = opts.kind === 'inclusiveGateway' ? '=true' : undefined;
  const tasks = opts.withC ? ['A', 'B', 'C'] : ['A', 'B'];
  const next = opts.after ?? 'end';
  return definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        element(opts.kind, 'fork'),
        ...tasks.map((id) => serviceTask(id, id.toLowerCase())),
        element(opts.joinKind ?? opts.kind, opts.joinId),
        opts.after ? serviceTask(opts.after, 'after') : '',
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'fork'),
        ...tasks.map((id) => flow(`to${id}`, 'fork', id, cond)),
        flow(opts.flows[0], 'A', opts.joinId),
        flow(opts.flows[1], 'B', opts.joinId),
        opts.withC ? flow('fc', 'C', opts.joinId) : '',
        flow('f9', opts.joinId, next),
        opts.after ? flow('f10', opts.after, 'end') : '',
      ].join('\n'),
    ),
  );
}

/** v1 started, A completed: one token waits at the join on `fa` while B is active. */
async function waitingAtJoin(kind: Gateway, withC = false): Promise<string> {
  await deployed(t, 'p.bpmn', forkJoin({ kind, joinId: 'join', flows: ['fa', 'fb'], withC }));
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: {},
  });
  await waitForElement(t, 'B', 'ELEMENT_ACTIVATED', pi);
  await completeNext(t, 'a');
  await t.records.waitForEvent('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', (v) => v.elementId === 'fa');
  return pi;
}

describe('tokens waiting at a joining gateway', () => {
  it('moves the token of a parallel join to the mapped flow; the join fires in v2; the journal replays to the live state', async () => {
    const pi = await waitingAtJoin('parallelGateway');
    const b = elementKey(t, 'B', pi);
    const target = await deployed(
      t,
      'p.bpmn',
      forkJoin({ kind: 'parallelGateway', joinId: 'join2', flows: ['fa2', 'fb'], after: 'D' }),
    );

    await migrate(t, pi, target, [
      ['B', 'B'],
      ['join', 'join2'],
      ['fa', 'fa2'],
    ]);

    expect(recordsFromMigrate(t)).toEqual([
      'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED p',
      'EVENT PROCESS_INSTANCE SEQUENCE_FLOW_DELETED fa',
      'EVENT PROCESS_INSTANCE SEQUENCE_FLOW_TAKEN fa2',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED B',
      'EVENT JOB MIGRATED B',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    ]);
    const [deleted] = t.records.events('PROCESS_INSTANCE', 'SEQUENCE_FLOW_DELETED');
    const taken = t.records.events('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN').at(-1)!;
    expect(deleted.value).toMatchObject({ flowScopeKey: Number(pi), bpmnElementType: 'SEQUENCE_FLOW' });
    expect(deleted.value.processDefinitionKey).not.toBe(Number(target));
    expect(taken.value).toMatchObject({ processDefinitionKey: Number(target), flowScopeKey: Number(pi) });

    const live = t.server.engine.stateJson();
    const scope = (
      JSON.parse(live) as { elements: { key: number; joins: unknown; activeFlows: number }[] }
    ).elements.find((e) => e.key === Number(pi))!;
    expect(scope).toMatchObject({ joins: { join2: { fa2: 1 } }, activeFlows: 1 });
    await expectReplayEqualsLive();

    await completeNext(t, 'b');
    const joined = await waitForElement(t, 'join2', 'ELEMENT_COMPLETED', pi);
    expect(joined.value.processDefinitionKey).toBe(Number(target));
    expect(elementKey(t, 'B', pi)).toBe(b);
    await completeNext(t, 'after'); // the step v2 added after the join
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });

  it('moves the token of an inclusive join inside a subprocess, keeping an unmapped flow of the same id', async () => {
    const inSub = (joinId: string, after?: string) => {
      const inner = /<bpmn:process id="p" isExecutable="true">\n([\s\S]*)\n<\/bpmn:process>/.exec(
        forkJoin({ kind: 'inclusiveGateway', joinId, flows: ['fa', 'fb'], after }),
      )![1];
      return definitions(
        process(
          'p',
          [
            '<bpmn:startEvent id="s" />',
            subProcess('sub', inner),
            '<bpmn:endEvent id="e" />',
            flow('g0', 's', 'sub'),
            flow('g1', 'sub', 'e'),
          ].join('\n'),
        ),
      );
    };
    await deployed(t, 'p.bpmn', inSub('join'));
    const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: {},
    });
    await waitForElement(t, 'B', 'ELEMENT_ACTIVATED', pi);
    await completeNext(t, 'a');
    await t.records.waitForEvent('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', (v) => v.elementId === 'fa');
    const target = await deployed(t, 'p.bpmn', inSub('join2', 'D'));

    await migrate(t, pi, target, [
      ['sub', 'sub'],
      ['B', 'B'],
      ['join', 'join2'],
    ]);

    expect(recordsFromMigrate(t)).toEqual([
      'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED p',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED sub',
      'EVENT PROCESS_INSTANCE SEQUENCE_FLOW_DELETED fa',
      'EVENT PROCESS_INSTANCE SEQUENCE_FLOW_TAKEN fa',
      'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED B',
      'EVENT JOB MIGRATED B',
      'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    ]);
    await expectReplayEqualsLive();
    await completeNext(t, 'b');
    await waitForElement(t, 'join2', 'ELEMENT_COMPLETED', pi);
    await completeNext(t, 'after');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });

  it('refuses an unmapped join, another gateway type, fewer incoming flows, a flow not into the gateway and merged flows', async () => {
    const pi = await waitingAtJoin('parallelGateway', true);
    await completeNext(t, 'b');
    await t.records.waitForEvent('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', (v) => v.elementId === 'fb');
    const own = (rest: string) => `Expected to migrate process instance '${pi}' but ${rest}`;
    const v2 = (o: Partial<Parameters<typeof forkJoin>[0]>) =>
      deployed(
        t,
        'p.bpmn',
        forkJoin({ kind: 'parallelGateway', joinId: 'join', flows: ['fa', 'fb'], withC: true, ...o }),
      );

    const same = await v2({});
    await refused(
      t,
      migrate(t, pi, same, [['C', 'C']]),
      Status.FAILED_PRECONDITION,
      own(
        "the joining gateway with id 'join' has taken incoming sequence flows and no mapping instruction. A joining gateway with taken sequence flows must be mapped to a gateway in the target process definition.",
      ),
    );
    const inclusive = await v2({ joinKind: 'inclusiveGateway' });
    await refused(
      t,
      migrate(t, pi, inclusive, [
        ['C', 'C'],
        ['join', 'join'],
      ]),
      Status.FAILED_PRECONDITION,
      own(
        "the joining gateway with id 'join' and type 'PARALLEL_GATEWAY' is mapped to an element with id 'join' and different type 'INCLUSIVE_GATEWAY'. Joining gateways must be mapped to gateways of the same type.",
      ),
    );
    const twoIncoming = await v2({ withC: false });
    await refused(
      t,
      migrate(t, pi, twoIncoming, [
        ['C', 'B'],
        ['join', 'join'],
      ]),
      Status.FAILED_PRECONDITION,
      own(
        "the joining gateway with id 'join' has 3 incoming sequence flows and is mapped to the gateway with id 'join' that has 2. The target gateway must have at least as many incoming sequence flows as the source gateway.",
      ),
    );
    await refused(
      t,
      migrate(t, pi, same, [
        ['C', 'C'],
        ['join', 'join'],
        ['fa', 'toA'],
      ]),
      Status.FAILED_PRECONDITION,
      own(
        "the taken sequence flow with id 'fa' of the joining gateway with id 'join' is mapped to 'toA', which is not an incoming sequence flow of the target gateway with id 'join'. Please map the taken sequence flow to an incoming sequence flow of the target gateway.",
      ),
    );
    await refused(
      t,
      migrate(t, pi, same, [
        ['C', 'C'],
        ['join', 'join'],
        ['fb', 'fa'],
      ]),
      Status.FAILED_PRECONDITION,
      own(
        "the taken sequence flows with ids 'fa' and 'fb' of the joining gateway with id 'join' are mapped to the same sequence flow with id 'fa'. Taken sequence flows cannot be merged by migration.",
      ),
    );

    // nothing changed: the join still fires in v1 when C completes
    await completeNext(t, 'c');
    const joined = await waitForElement(t, 'join', 'ELEMENT_COMPLETED', pi);
    expect(joined.value.version).toBe(1);
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });
});
