// Conformance: an instance waiting at an event-based gateway migrated as Zeebe 8.8 migrates it (the gateway is
// in 8.8's supported list): the events after it are its catch events — a mapped timer keeps its key and due date,
// a mapped message subscription moves to the target event, an unmapped one is closed and an event new in the
// target is subscribed to — in Zeebe's order: after the gateway's ELEMENT_MIGRATED the unmapped subscriptions are
// closed, the target's new ones opened, then the mapped ones moved, each step messages, timers, signals; the
// journal alone replays to the live state and the instance goes on in the target.
// Refused with Zeebe's texts, writing nothing: a catch event mapped away from the gateway, two merged into one, a
// changed event type, and an event after the gateway that is itself active (held here by a start listener).
import { definitions, flow, process, serviceTask } from './support/bpmn';
import { event, message, messageDef, signal, signalDef, timerDef } from './support/events';
import { listeners } from './support/listeners';
import {
  deployed,
  journaledEngineForEachTest,
  migrate,
  recordsFromMigrate,
  refused,
} from './support/migration';
import { nextJob, Status, waitForElement } from './support/work';

jest.setTimeout(30_000);

const { t, expectReplayEqualsLive } = journaledEngineForEachTest('migrate-gateway');

const roots = [
  message('m', 'remind', '=id'),
  message('n', 'other', '=id'),
  message('x', 'extra', '=id'),
  signal('s', 'stop'),
  signal('h', 'halt'),
].join('\n');

/** start → gateway → each catch event → its own end; `after` puts a service task behind the first event. */
function gatewayModel(gateway: string, events: string[], after?: string): string {
  const ids = events.map((e) => /id="([^"]+)"/.exec(e)![1]);
  const first = after ? serviceTask(after, after) : '';
  return definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        `<bpmn:eventBasedGateway id="${gateway}" />`,
        ...events,
        first,
        ...ids.map((id) => `<bpmn:endEvent id="end_${id}" />`),
        flow('f0', 'start', gateway),
        ...ids.map((id) => flow(`in_${id}`, gateway, id)),
        ...ids.map((id, i) =>
          i === 0 && after
            ? `${flow(`out_${id}`, id, after)}${flow('f_after', after, `end_${id}`)}`
            : flow(`out_${id}`, id, `end_${id}`),
        ),
      ].join('\n'),
    ),
    roots,
  );
}

const catchEvent = (id: string, definition: string) => event('intermediateCatchEvent', id, definition);

async function waitingAtGateway(
  events = [catchEvent('msg', messageDef('m')), catchEvent('timer', timerDef('timeDuration', 'PT1H'))],
) {
  await deployed(t, 'p.bpmn', gatewayModel('gw', events));
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: { id: 'case-1' },
  });
  await waitForElement(t, 'gw', 'ELEMENT_ACTIVATED', processInstanceKey);
  return processInstanceKey;
}

it('moves the gateway with its timer and message subscription, closes the unmapped one and opens a new one', async () => {
  const pi = await waitingAtGateway([
    catchEvent('msg', messageDef('m')),
    catchEvent('timer', timerDef('timeDuration', 'PT1H')),
    catchEvent('other', messageDef('n')),
  ]);
  const timer = t.records.events('TIMER', 'CREATED')[0];
  const subscription = t.records
    .events('MESSAGE_SUBSCRIPTION', 'CREATED')
    .find((r) => r.value.elementId === 'msg')!;
  const target = await deployed(
    t,
    'p.bpmn',
    gatewayModel(
      'gw2',
      [
        catchEvent('msg2', messageDef('m')),
        catchEvent('timer2', timerDef('timeDuration', 'PT2H')),
        catchEvent('stop', signalDef('s')),
      ],
      'A2',
    ),
  );

  await migrate(t, pi, target, [
    ['gw', 'gw2'],
    ['msg', 'msg2'],
    ['timer', 'timer2'],
  ]);

  await t.records.waitForEvent('MESSAGE_SUBSCRIPTION', 'MIGRATED');
  expect(recordsFromMigrate(t)).toEqual([
    'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
    'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED p',
    'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED gw2',
    // as Zeebe 8.8 (ProcessInstanceMigrationCatchEventBehaviour.handleCatchEvents), after the gateway's
    // ELEMENT_MIGRATED: the unmapped closed, the target's new events opened, then the mapped moved — each step
    // messages, timers, signals; a message subscription moves in two halves, the process side's MIGRATED and the
    // message side's MIGRATE command, processed after the migration (MessageSubscriptionMigrateProcessor)
    'EVENT MESSAGE_SUBSCRIPTION DELETED other',
    'EVENT SIGNAL_SUBSCRIPTION CREATED stop',
    'EVENT PROCESS_MESSAGE_SUBSCRIPTION MIGRATED msg2',
    'COMMAND MESSAGE_SUBSCRIPTION MIGRATE msg2',
    'EVENT TIMER MIGRATED timer2',
    'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    'EVENT MESSAGE_SUBSCRIPTION MIGRATED msg2',
  ]);
  const moved = t.records.events('TIMER', 'MIGRATED')[0];
  // the timer keeps its key and due date: v2's PT2H is not evaluated again
  expect([moved.key, moved.value.dueDate, moved.value.processDefinitionKey]).toEqual([
    timer.key,
    timer.value.dueDate,
    Number(target),
  ]);
  // both halves keep the subscription's key, name and correlation key and name the target
  const processSide = t.records.events('PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED')[0];
  const command = t.records.all.find(
    (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.recordType === 'COMMAND' && r.intent === 'MIGRATE',
  )!;
  const message = t.records.events('MESSAGE_SUBSCRIPTION', 'MIGRATED')[0];
  expect([processSide.key, command.key, message.key]).toEqual([
    subscription.key,
    subscription.key,
    subscription.key,
  ]);
  const movedTo = {
    messageName: 'remind',
    correlationKey: 'case-1',
    bpmnProcessId: 'p',
    elementId: 'msg2',
    elementInstanceKey: subscription.value.elementInstanceKey,
    interrupting: true,
  };
  // the process side is the stored value with the target's process id and element: its definition key stays the
  // source's, as Zeebe writes it; the message side (this engine's value carries the key) names the target's
  expect(processSide.value).toMatchObject({
    ...movedTo,
    processDefinitionKey: subscription.value.processDefinitionKey,
    subscriptionPartitionId: 1,
  });
  expect(message.value).toEqual(command.value);
  expect(message.value).toMatchObject({
    ...movedTo,
    processDefinitionKey: Number(target),
    messageKey: -1,
    variables: {},
  });
  const state = JSON.parse(t.server.engine.stateJson()) as {
    subscriptions: { messages: [number, { elementId: string; processDefinitionKey: number }][] };
  };
  expect(state.subscriptions.messages).toEqual([
    [subscription.key, expect.objectContaining({ elementId: 'msg2', processDefinitionKey: Number(target) })],
  ]);
  expect(message.sourceRecordPosition).toBe(command.position);
  await expectReplayEqualsLive();

  // the message now triggers the target's event, and the instance runs on in v2 (A2 exists only there)
  await t.zeebe.publishMessage({ name: 'remind', correlationKey: 'case-1', variables: {} });
  const job = await nextJob(t, 'A2');
  expect(job.processDefinitionVersion).toBe(2);
  await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  // the other subscriptions were closed when the gateway completed
  const closed = t.records.all.filter(
    (r) => r.recordType === 'EVENT' && ['TIMER', 'SIGNAL_SUBSCRIPTION'].includes(r.valueType),
  );
  expect(closed.slice(-2).map((r) => `${r.valueType} ${r.intent}`)).toEqual([
    'TIMER CANCELED',
    'SIGNAL_SUBSCRIPTION DELETED',
  ]);
});

it('closes, opens and moves by kind — messages, timers, signals — whatever the order of the events in the model', async () => {
  // each kind in the model before the one Zeebe writes first
  const pi = await waitingAtGateway([
    catchEvent('sig', signalDef('s')),
    catchEvent('timer', timerDef('timeDuration', 'PT1H')),
    catchEvent('msg', messageDef('m')),
    catchEvent('keepSig', signalDef('h')),
    catchEvent('keepTimer', timerDef('timeDuration', 'PT3H')),
    catchEvent('keepMsg', messageDef('n')),
  ]);
  const target = await deployed(
    t,
    'p.bpmn',
    gatewayModel('gw2', [
      catchEvent('newSig', signalDef('s')),
      catchEvent('newTimer', timerDef('timeDuration', 'PT2H')),
      catchEvent('newMsg', messageDef('x')),
      catchEvent('sig2', signalDef('h')),
      catchEvent('timer2', timerDef('timeDuration', 'PT3H')),
      catchEvent('msg2', messageDef('n')),
    ]),
  );

  await migrate(t, pi, target, [
    ['gw', 'gw2'],
    ['keepSig', 'sig2'],
    ['keepTimer', 'timer2'],
    ['keepMsg', 'msg2'],
  ]);

  await t.records.waitForEvent('MESSAGE_SUBSCRIPTION', 'MIGRATED');
  expect(recordsFromMigrate(t)).toEqual([
    'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
    'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED p',
    'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED gw2',
    'EVENT MESSAGE_SUBSCRIPTION DELETED msg',
    'EVENT TIMER CANCELED timer',
    'EVENT SIGNAL_SUBSCRIPTION DELETED sig',
    'EVENT MESSAGE_SUBSCRIPTION CREATED newMsg',
    'EVENT TIMER CREATED newTimer',
    'EVENT SIGNAL_SUBSCRIPTION CREATED newSig',
    'EVENT PROCESS_MESSAGE_SUBSCRIPTION MIGRATED msg2',
    'COMMAND MESSAGE_SUBSCRIPTION MIGRATE msg2',
    'EVENT TIMER MIGRATED timer2',
    'EVENT SIGNAL_SUBSCRIPTION MIGRATED sig2',
    'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
    'EVENT MESSAGE_SUBSCRIPTION MIGRATED msg2',
  ]);
  await expectReplayEqualsLive();

  // the gateway's first activation subscribed the same way: messages, timers, signals
  const created = t.records.all
    .filter((r) => r.recordType === 'EVENT' && r.intent === 'CREATED')
    .filter((r) => ['MESSAGE_SUBSCRIPTION', 'TIMER', 'SIGNAL_SUBSCRIPTION'].includes(r.valueType))
    .slice(0, 6)
    .map((r) => r.valueType);
  expect(created).toEqual([
    'MESSAGE_SUBSCRIPTION',
    'MESSAGE_SUBSCRIPTION',
    'TIMER',
    'TIMER',
    'SIGNAL_SUBSCRIPTION',
    'SIGNAL_SUBSCRIPTION',
  ]);
  await t.zeebe.publishMessage({ name: 'other', correlationKey: 'case-1', variables: {} });
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
});

it('refuses an event mapped away from the gateway, merged events and a changed event type; nothing changes', async () => {
  const pi = await waitingAtGateway();
  const elsewhere = await deployed(
    t,
    'p.bpmn',
    definitions(
      process(
        'p',
        [
          '<bpmn:startEvent id="start" />',
          '<bpmn:eventBasedGateway id="gw" />',
          catchEvent('timer', timerDef('timeDuration', 'PT1H')),
          catchEvent('other', messageDef('n')),
          catchEvent('msg2', messageDef('m')),
          '<bpmn:endEvent id="end" />',
          flow('f0', 'start', 'gw'),
          flow('f1', 'gw', 'timer'),
          flow('f2', 'gw', 'other'),
          flow('f3', 'timer', 'msg2'),
          flow('f4', 'other', 'msg2'),
          flow('f5', 'msg2', 'end'),
        ].join('\n'),
      ),
      roots,
    ),
  );
  await refused(
    t,
    migrate(t, pi, elsewhere, [
      ['gw', 'gw'],
      ['msg', 'msg2'],
    ]),
    Status.FAILED_PRECONDITION,
    `Expected to migrate process instance '${pi}' but active element with id 'gw' is mapped to an element with id 'gw' and has a catch event with id 'msg' that is mapped to a catch event with id 'msg2'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.`,
  );

  const two = await deployed(
    t,
    'p.bpmn',
    gatewayModel('gw', [
      catchEvent('msg', messageDef('m')),
      catchEvent('timer', timerDef('timeDuration', 'PT1H')),
    ]),
  );
  await refused(
    t,
    migrate(t, pi, two, [
      ['gw', 'gw'],
      ['msg', 'timer'],
      ['timer', 'timer'],
    ]),
    Status.FAILED_PRECONDITION,
    `Expected to migrate process instance '${pi}' but active element with id 'gw' has a catch event attached that is mapped to a catch event with id 'timer'. There are multiple mapping instructions that target this catch event: 'msg', 'timer'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once.`,
  );
  await refused(
    t,
    migrate(t, pi, two, [
      ['gw', 'gw'],
      ['timer', 'msg'],
    ]),
    Status.FAILED_PRECONDITION,
    `Expected to migrate process instance '${pi}' but active element with id 'gw' has a catch event with id 'timer' that is mapped to a catch event with id 'msg'. These catch events have different event types: 'TIMER' and 'MESSAGE'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events.`,
  );
  await expectReplayEqualsLive();
});

it('refuses an event after the gateway that is active itself (Zeebe 8.8: not possible yet)', async () => {
  const timer = catchEvent('timer', timerDef('timeDuration', 'PT1H'));
  const held = event('intermediateCatchEvent', 'msg', messageDef('m'), listeners(['start', 'hold']));
  await deployed(t, 'p.bpmn', gatewayModel('gw', [held, timer]));
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: { id: 'case-2' },
  });
  await waitForElement(t, 'gw', 'ELEMENT_ACTIVATED', pi);
  await t.zeebe.publishMessage({ name: 'remind', correlationKey: 'case-2', variables: {} });
  // the start listener holds the triggered event while the gateway has completed
  await nextJob(t, 'hold');
  const target = await deployed(t, 'p.bpmn', gatewayModel('gw', [catchEvent('msg', messageDef('m')), timer]));
  await refused(
    t,
    migrate(t, pi, target, [['msg', 'msg']]),
    Status.FAILED_PRECONDITION,
    `Expected to migrate process instance '${pi}' but active element with id 'msg' is an intermediate catch event attached to an event-based gateway. Migrating active events attached to an event-based gateway is not possible yet.`,
  );
});
