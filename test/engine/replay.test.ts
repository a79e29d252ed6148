// Replay is deterministic: after a run over many element kinds (gateways, subprocesses, event
// subprocess, multi-instance, call activity, boundary and intermediate events, user tasks, BPMN
// errors, incidents, messages buffered and correlated, signals, variables, cancellation, timers
// under a moved clock), the state rebuilt from the journal on disk — from a snapshot taken midway
// plus the records after it, and from the records alone — is exactly the live state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  callActivity,
  definitions,
  flow,
  multiInstance,
  process as bpmnProcess,
  serviceTask,
  subProcess,
  userTask,
} from './support/bpmn';
import {
  boundary,
  error,
  errorDef,
  espStart,
  event,
  message,
  messageDef,
  path,
  signal,
  signalDef,
  subprocess,
  timerDef,
} from './support/events';
import { startTestEngine, type TestEngine } from './support/harness';
import { copyJournal, replayedState } from './support/replay';
import { activate } from './support/work';

jest.setTimeout(60_000);

const T0 = Date.parse('2026-05-11T09:00:00+08:00');

const start = (id = 'start') => event('startEvent', id);
const end = (id = 'end') => event('endEvent', id);

const MODELS = {
  routing: definitions(
    bpmnProcess(
      'routing',
      [
        start(),
        '<bpmn:exclusiveGateway id="xg" default="toSmall" />',
        serviceTask('big', 'big'),
        serviceTask('small', 'small'),
        '<bpmn:exclusiveGateway id="merge" />',
        '<bpmn:parallelGateway id="fork" />',
        serviceTask('left', 'left'),
        userTask('right', '<zeebe:assignmentDefinition candidateGroups="court" />'),
        '<bpmn:parallelGateway id="join" />',
        '<bpmn:inclusiveGateway id="ig" default="toDone" />',
        serviceTask('notify', 'notify'),
        end('done'),
        end('end'),
        boundary('late', 'left', timerDef('timeDuration', 'PT1H'), true),
        end('timedOut'),
        flow('f0', 'start', 'xg'),
        flow('toBig', 'xg', 'big', '=amount > 100'),
        flow('toSmall', 'xg', 'small'),
        flow('f1', 'big', 'merge'),
        flow('f2', 'small', 'merge'),
        flow('f2b', 'merge', 'fork'),
        flow('f3', 'fork', 'left'),
        flow('f4', 'fork', 'right'),
        flow('f5', 'left', 'join'),
        flow('f6', 'right', 'join'),
        flow('f7', 'join', 'ig'),
        flow('toNotify', 'ig', 'notify', '=urgent'),
        flow('toDone', 'ig', 'done'),
        flow('f8', 'notify', 'end'),
        flow('f9', 'late', 'timedOut'),
      ].join('\n'),
    ),
  ),
  batch: definitions(
    bpmnProcess(
      'batch',
      path(
        'f',
        start(),
        serviceTask('each', 'each', '').replace(
          '</bpmn:serviceTask>',
          `${multiInstance('=items', { inputElement: 'item', outputCollection: 'results', outputElement: '=done' })}</bpmn:serviceTask>`,
        ),
        callActivity('child', 'routing', { propagateAllChildVariables: 'false' }),
        end(),
      ),
    ),
  ),
  waiting: definitions(
    bpmnProcess(
      'waiting',
      [
        path(
          'f',
          start(),
          subProcess('inner', path('g', start('innerStart'), serviceTask('risky', 'risky'), end('innerEnd'))),
          event('intermediateCatchEvent', 'approved', messageDef('approvedMsg')),
          event('intermediateCatchEvent', 'pause', timerDef('timeDuration', 'PT30M')),
          serviceTask('last', 'last'),
          end(),
        ),
        boundary('caught', 'inner', errorDef('e1')),
        serviceTask('recover', 'recover'),
        end('recovered'),
        flow('h0', 'caught', 'recover'),
        flow('h1', 'recover', 'recovered'),
        boundary('stop', 'inner', signalDef('stopSignal'), false),
        end('stopped'),
        flow('h2', 'stop', 'stopped'),
        subprocess(
          'pings',
          path(
            'p',
            espStart('pingStart', messageDef('pingMsg'), false),
            serviceTask('pong', 'pong'),
            end('pingEnd'),
          ),
          true,
        ),
      ].join('\n'),
    ),
    [
      message('approvedMsg', 'approved', '=orderId'),
      message('pingMsg', 'ping', '=orderId'),
      error('e1', 'E1'),
      signal('stopSignal', 'stop'),
    ].join('\n'),
  ),
};

let dir: string;
let t: TestEngine;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-replay-'));
  t = await startTestEngine({ dataDir: dir, sync: 'off' });
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function completeAll(type: string, variables: (job: { variables: Record<string, unknown> }) => object) {
  for (;;) {
    const jobs = await activate(t, type, { requestTimeout: -1, max: 50 });
    if (jobs.length === 0) return;
    for (const job of jobs)
      await t.zeebe.completeJob({ jobKey: job.key, variables: variables(job as never) as never });
  }
}

it('rebuilds exactly the live state from a snapshot plus the journal after it, and from the journal alone', async () => {
  const engine = t.server.engine;
  await t.pinClock(T0);
  for (const [name, xml] of Object.entries(MODELS)) await t.deploy({ name: `${name}.bpmn`, content: xml });
  const keys: Record<string, string[]> = { routing: [], batch: [], waiting: [] };
  for (let i = 0; i < 12; i++) {
    const vars = { amount: i * 25, urgent: i % 3 === 0, items: [i, i + 1, i + 2], orderId: `o-${i}` };
    for (const id of Object.keys(keys))
      keys[id].push(
        (await t.zeebe.createProcessInstance({ bpmnProcessId: id, variables: vars })).processInstanceKey,
      );
  }
  await t.zeebe.publishMessage({
    name: 'approved',
    correlationKey: 'o-99',
    timeToLive: 3_600_000,
    variables: { early: true },
  });

  // First half: work some of it, then a snapshot.
  await completeAll('big', () => ({ route: 'big' }));
  await completeAll('small', () => ({ route: 'small' }));
  await completeAll('each', (job) => ({ done: (job.variables.item as number) * 2 }));
  const risky = await activate(t, 'risky', { requestTimeout: -1, max: 12 });
  for (const [i, job] of risky.entries()) {
    if (i % 3 === 0) await t.zeebe.throwError({ jobKey: job.key, errorCode: 'E1', errorMessage: 'no way' });
    else if (i % 3 === 1) await t.zeebe.completeJob({ jobKey: job.key, variables: { risk: 'low' } });
    else await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'broken', retryBackOff: 0 });
  }
  await t.zeebe.publishMessage({
    name: 'ping',
    correlationKey: 'o-1',
    timeToLive: 0,
    variables: { ping: 1 },
  });
  await engine.flush();
  engine.snapshot();

  // Second half: more of everything after the snapshot.
  await completeAll('left', () => ({ leftDone: true }));
  await completeAll('recover', () => ({ recovered: true }));
  // user tasks through the engine's USER_TASK COMPLETE command (what the REST API sends), all but two
  for (const task of t.records.events('USER_TASK', 'CREATED').slice(2)) {
    const done = await engine.execute(
      'USER_TASK',
      'COMPLETE',
      { ...task.value, variables: { reviewed: true }, action: '' },
      task.key,
    );
    expect(done.ok).toBe(true);
  }
  await t.zeebe.failJob({
    jobKey: (await activate(t, 'notify', { requestTimeout: 5_000, max: 1 }))[0].key,
    retries: 2,
    errorMessage: 'try again',
    retryBackOff: 60_000,
  });
  for (const i of [1, 4, 7])
    await t.zeebe.publishMessage({
      name: 'approved',
      correlationKey: `o-${i}`,
      timeToLive: 60_000,
      variables: { ok: i },
    });
  await t.zeebe.broadcastSignal({ signalName: 'stop', variables: { stoppedBy: 'test' } });
  await t.zeebe.setVariables({
    elementInstanceKey: keys.waiting[5],
    variables: { note: 'checked' },
    local: false,
  });
  const waitingForReview = t.records.events('USER_TASK', 'CREATED')[0].value.processInstanceKey;
  await t.zeebe.cancelProcessInstance(String(waitingForReview));
  await t.pinClock(T0 + 2 * 3_600_000); // boundary timers, the pause timers and the back-off fall due
  await t.records.waitForEvent('JOB', 'RECURRED_AFTER_BACKOFF');
  await completeAll('pong', () => ({ pong: true }));
  // quiet: nothing processed for a while and everything durable
  for (let seen = -1; seen !== t.records.all.length;) {
    seen = t.records.all.length;
    await new Promise((r) => setTimeout(r, 200));
    await engine.flush();
  }

  const kinds = new Set(t.records.all.map((r) => `${r.valueType}.${r.intent}`));
  for (const expected of [
    'TIMER.TRIGGERED',
    'MESSAGE_SUBSCRIPTION.CORRELATED',
    'SIGNAL.BROADCASTED',
    'INCIDENT.CREATED',
    'PROCESS_INSTANCE.ELEMENT_TERMINATED',
    'JOB.ERROR_THROWN',
    'VARIABLE_DOCUMENT.UPDATED',
  ])
    expect(kinds).toContain(expected);
  const live = engine.stateJson();
  expect(JSON.parse(live).elements.length).toBeGreaterThan(20);

  const fromSnapshot = await replayedState(await copyJournal(dir, 'with-snapshot', true));
  expect(fromSnapshot.fromSnapshot).toBe(true);
  expect(fromSnapshot.replayed).toBeGreaterThan(0);
  expect(fromSnapshot.json).toEqual(live);

  const fromJournal = await replayedState(await copyJournal(dir, 'journal-only', false));
  expect(fromJournal.fromSnapshot).toBe(false);
  expect(fromJournal.json).toEqual(live);
});
