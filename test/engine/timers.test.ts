// Conformance: timers under a pinned engine clock (ZEEBE-SEMANTICS §7, §12, §14.13) — intermediate
// timer catch events (durations, dates with offset or zone id, FEEL temporals, zero and negative
// durations), timer start events (cycles, dates, cron, replaced on redeploy) and FEEL now().
// Boundary timers are in boundary-events.test.ts, timer event subprocesses in
// event-subprocesses.test.ts.
import { DateTime } from 'luxon';
import { definitions, process } from './support/bpmn';
import { event, path, timerDef, type TimerKind } from './support/events';
import { pinnedEngineForEachTest } from './support/harness';
import type { EngineRecord } from '../../engine/protocol/record';

/** Monday 2026-03-02 09:00 in Shanghai. */
const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const { t, pin, settle } = pinnedEngineForEachTest(T0);

function catchProcess(id: string, kind: TimerKind, value: string): string {
  return definitions(
    process(
      id,
      path(
        'f',
        event('startEvent', 'start'),
        event('intermediateCatchEvent', 'wait', timerDef(kind, value)),
        event('endEvent', 'end'),
      ),
    ),
  );
}

function startTimerProcess(id: string, kind: TimerKind, value: string, name = ''): string {
  return definitions(
    process(
      id,
      path(
        'f',
        event('startEvent', 'start', timerDef(kind, value), '', name ? `name="${name}"` : ''),
        event('endEvent', 'end'),
      ),
    ),
  );
}

const timers = (intent: string) => t.records.events('TIMER', intent);

function instancesOf(bpmnProcessId: string): EngineRecord<'PROCESS_INSTANCE'>[] {
  return t.records
    .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
    .filter((r) => r.value.bpmnElementType === 'PROCESS' && r.value.bpmnProcessId === bpmnProcessId);
}

async function runCatch(kind: TimerKind, value: string, variables: Record<string, string | number> = {}) {
  await t.deploy({ name: 'timer.bpmn', content: catchProcess('timer', kind, value) });
  const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'timer', variables });
  const created = await t.records.waitForEvent('TIMER', 'CREATED');
  return { processInstanceKey, created: created as EngineRecord<'TIMER'> };
}

describe('intermediate timer catch event', () => {
  it('fires when the clock reaches activation time + duration, not a millisecond before', async () => {
    const { processInstanceKey, created } = await runCatch('timeDuration', 'PT10M');
    const waitKey = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
      .find((r) => r.value.elementId === 'wait')!.key;
    expect(created.value).toMatchObject({
      elementInstanceKey: waitKey,
      processInstanceKey: Number(processInstanceKey),
      dueDate: T0 + 10 * MINUTE,
      targetElementId: 'wait',
      repetitions: 1,
    });

    await pin(T0 + 10 * MINUTE - 1);
    await settle();
    expect(timers('TRIGGERED')).toHaveLength(0);

    await pin(T0 + 10 * MINUTE);
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(timers('TRIGGERED').map((r) => r.key)).toEqual([created.key]);
    expect(t.records.lifecycle(processInstanceKey)).toEqual([
      'timer:ELEMENT_ACTIVATING',
      'timer:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'f0:SEQUENCE_FLOW_TAKEN',
      'wait:ELEMENT_ACTIVATING',
      'wait:ELEMENT_ACTIVATED',
      'wait:ELEMENT_COMPLETING',
      'wait:ELEMENT_COMPLETED',
      'f1:SEQUENCE_FLOW_TAKEN',
      'end:ELEMENT_ACTIVATING',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETING',
      'end:ELEMENT_COMPLETED',
      'timer:ELEMENT_COMPLETING',
      'timer:ELEMENT_COMPLETED',
    ]);
  });

  it.each([
    ['an ISO date-time with offset', '2026-03-02T18:00:00+08:00', Date.UTC(2026, 2, 2, 10)],
    [
      'an ISO date-time with offset and zone id',
      '2026-03-02T11:00:00+01:00[Europe/Berlin]',
      Date.UTC(2026, 2, 2, 10),
    ],
    [
      'a FEEL date-time with a zone id',
      '=date and time("2026-03-02T18:00:00@Asia/Shanghai")',
      Date.UTC(2026, 2, 2, 10),
    ],
    ['a FEEL date-time from now()', '=now() + duration("PT90M")', T0 + 90 * MINUTE],
  ])('fires a timeDate given as %s at that instant', async (_, value, due) => {
    const { processInstanceKey, created } = await runCatch('timeDate', value);
    expect(created.value.dueDate).toBe(due);
    await pin(due - 1);
    await settle();
    expect(timers('TRIGGERED')).toHaveLength(0);
    await pin(due);
    await t.records.waitForInstanceEnd(processInstanceKey);
  });

  it('takes a FEEL expression returning a duration, evaluated with the instance variables', async () => {
    const { processInstanceKey, created } = await runCatch(
      'timeDuration',
      '=duration("PT" + string(minutes) + "M")',
      { minutes: 25 },
    );
    expect(created.value.dueDate).toBe(T0 + 25 * MINUTE);
    await pin(T0 + 25 * MINUTE);
    await t.records.waitForInstanceEnd(processInstanceKey);
  });

  it.each(['PT0S', '-PT5M'])('fires at once for the duration %s, without moving the clock', async (value) => {
    const { processInstanceKey, created } = await runCatch('timeDuration', value);
    expect(created.value.dueDate).toBeLessThanOrEqual(T0);
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(timers('TRIGGERED')).toHaveLength(1);
  });

  it('raises an EXTRACT_VALUE_ERROR incident on the catch event when the expression yields no duration', async () => {
    await t.deploy({ name: 'timer.bpmn', content: catchProcess('timer', 'timeDuration', '=missing') });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'timer',
      variables: {},
    });
    const incident = await t.records.waitForEvent('INCIDENT', 'CREATED');
    expect(incident.value).toMatchObject({
      errorType: 'EXTRACT_VALUE_ERROR',
      elementId: 'wait',
      processInstanceKey: Number(processInstanceKey),
    });
    expect(timers('CREATED')).toHaveLength(0);
    expect(t.records.lifecycle(processInstanceKey).at(-1)).toBe('wait:ELEMENT_ACTIVATING');

    // Repair the variable and resolve: the activation runs again and the timer is scheduled.
    await t.zeebe.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { missing: 'PT1M' },
      local: false,
    });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await t.records.waitForEvent('TIMER', 'CREATED');
    expect(timers('CREATED')[0].value.dueDate).toBe(T0 + MINUTE);
    await pin(T0 + MINUTE);
    await t.records.waitForInstanceEnd(processInstanceKey);
  });
});

describe('FEEL now()', () => {
  it('returns the pinned engine time', async () => {
    const xml = definitions(
      process(
        'clock',
        path(
          'f',
          event('startEvent', 'start'),
          `<bpmn:scriptTask id="read"><bpmn:extensionElements><zeebe:script expression="=now()" resultVariable="at" /></bpmn:extensionElements></bpmn:scriptTask>`,
          event('endEvent', 'end'),
        ),
      ),
    );
    await t.deploy({ name: 'clock.bpmn', content: xml });
    const first = await t.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'clock', variables: {} });
    expect(Date.parse(String(first.variables.at))).toBe(T0);
    await pin(T0 + 3 * HOUR + 7);
    const second = await t.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'clock', variables: {} });
    expect(Date.parse(String(second.variables.at))).toBe(T0 + 3 * HOUR + 7);
  });
});

describe('timer start event', () => {
  it('is scheduled at deployment and starts one instance per cycle repetition, rescheduled from the previous due date', async () => {
    await t.deploy({ name: 'cycle.bpmn', content: startTimerProcess('cycle', 'timeCycle', 'R2/PT1H') });
    const [first] = timers('CREATED');
    expect(first.value).toMatchObject({
      elementInstanceKey: -1,
      processInstanceKey: -1,
      dueDate: T0 + HOUR,
      targetElementId: 'start',
      repetitions: 2,
    });
    expect(instancesOf('cycle')).toHaveLength(0);

    // Fired late: the next due date still follows from the previous one (T0 + 2h), not from now.
    await pin(T0 + HOUR + 20 * MINUTE);
    const started = await t.records.waitForEvent(
      'PROCESS_INSTANCE',
      'ELEMENT_COMPLETED',
      (v) => v.bpmnElementType === 'PROCESS',
    );
    expect(t.records.lifecycle(started.key)).toEqual([
      'cycle:ELEMENT_ACTIVATING',
      'cycle:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'f0:SEQUENCE_FLOW_TAKEN',
      'end:ELEMENT_ACTIVATING',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETING',
      'end:ELEMENT_COMPLETED',
      'cycle:ELEMENT_COMPLETING',
      'cycle:ELEMENT_COMPLETED',
    ]);
    expect(timers('CREATED')[1].value).toMatchObject({ dueDate: T0 + 2 * HOUR, repetitions: 1 });

    await pin(T0 + 2 * HOUR);
    await settle();
    expect(instancesOf('cycle')).toHaveLength(2);
    expect(timers('CREATED')).toHaveLength(2); // R2: no third timer

    await pin(T0 + 10 * HOUR);
    await settle();
    expect(instancesOf('cycle')).toHaveLength(2);
  });

  // ZEEBE-SEMANTICS §7.3 and §15 leave open whether overdue cycles catch up; we follow the current
  // Zeebe code the doc cites (RepeatingInterval.nextOccurrenceAfter): a natural next due date at
  // or before now is re-anchored to now + interval, so a late clock fires a cycle once, not once
  // per missed interval.
  it('re-anchors an overdue cycle to now + interval instead of catching up', async () => {
    await t.deploy({ name: 'cycle.bpmn', content: startTimerProcess('cycle', 'timeCycle', 'R/PT1H') });
    await pin(T0 + 2 * HOUR); // the natural next due date (T0 + 2h) is not after now
    await settle();
    await settle();
    expect(instancesOf('cycle')).toHaveLength(1);
    expect(timers('CREATED').map((r) => r.value.dueDate)).toEqual([T0 + HOUR, T0 + 3 * HOUR]);

    await pin(T0 + 5 * HOUR + 30 * MINUTE);
    await settle();
    await settle();
    expect(instancesOf('cycle')).toHaveLength(2);
    expect(timers('CREATED').at(-1)!.value.dueDate).toBe(T0 + 6 * HOUR + 30 * MINUTE);
  });

  it('starts the first repetition at the start instant of R<n>/<start>/<interval>', async () => {
    await t.deploy({
      name: 'cycle.bpmn',
      content: startTimerProcess('cycle', 'timeCycle', 'R2/2026-03-02T12:00:00+08:00/PT30M'),
    });
    expect(timers('CREATED')[0].value).toMatchObject({ dueDate: Date.UTC(2026, 2, 2, 4), repetitions: 2 });
    await pin(Date.UTC(2026, 2, 2, 4));
    await settle();
    expect(instancesOf('cycle')).toHaveLength(1);
    expect(timers('CREATED')[1].value).toMatchObject({
      dueDate: Date.UTC(2026, 2, 2, 4, 30),
      repetitions: 1,
    });
  });

  it('starts an instance once at its timeDate', async () => {
    await t.deploy({
      name: 'date.bpmn',
      content: startTimerProcess('date', 'timeDate', '2026-03-02T12:00:00+08:00'),
    });
    expect(timers('CREATED')[0].value.dueDate).toBe(Date.UTC(2026, 2, 2, 4));
    await pin(Date.UTC(2026, 2, 2, 4) - 1);
    await settle();
    expect(instancesOf('date')).toHaveLength(0);
    await pin(Date.UTC(2026, 2, 3));
    await settle();
    expect(instancesOf('date')).toHaveLength(1);
    expect(timers('CREATED')).toHaveLength(1);
  });

  it('is replaced when a new version is deployed: the old version’s timer is canceled', async () => {
    await t.deploy({ name: 'v.bpmn', content: startTimerProcess('versioned', 'timeCycle', 'R/PT1H') });
    const [v1Timer] = timers('CREATED');
    await t.deploy({ name: 'v.bpmn', content: startTimerProcess('versioned', 'timeCycle', 'R/PT2H', 'v2') });
    expect(timers('CANCELED').map((r) => r.key)).toEqual([v1Timer.key]);
    const v2Timer = timers('CREATED')[1];
    expect(v2Timer.value.processDefinitionKey).not.toBe(v1Timer.value.processDefinitionKey);
    expect(v2Timer.value.dueDate).toBe(T0 + 2 * HOUR);

    await pin(T0 + HOUR);
    await settle();
    expect(instancesOf('versioned')).toHaveLength(0);
    await pin(T0 + 2 * HOUR);
    await settle();
    const started = instancesOf('versioned');
    expect(started).toHaveLength(1);
    expect(started[0].value.version).toBe(2);
  });

  it('follows a cron cycle (seconds first, server time zone): weekdays at 09:00', async () => {
    // Friday 2026-03-06 10:00 in the server's zone: the next run is Monday 09:00, then Tuesday.
    const local = (day: number, hour: number) =>
      DateTime.fromObject({ year: 2026, month: 3, day, hour }, { zone: 'system' }).toMillis();
    await pin(local(6, 10));
    await t.deploy({
      name: 'cron.bpmn',
      content: startTimerProcess('cron', 'timeCycle', '0 0 9 * * MON-FRI'),
    });
    expect(timers('CREATED')[0].value).toMatchObject({ dueDate: local(9, 9), repetitions: -1 });

    await pin(local(9, 9) - 1);
    await settle();
    expect(instancesOf('cron')).toHaveLength(0);
    await pin(local(9, 9));
    await settle();
    expect(instancesOf('cron')).toHaveLength(1);
    expect(timers('CREATED')[1].value).toMatchObject({ dueDate: local(10, 9), repetitions: -1 });
  });

  it('rejects a five-field (Unix) cron expression at deployment, as Spring’s six-field cron does', async () => {
    const xml = startTimerProcess('cron', 'timeCycle', '0 9 * * 1-5');
    await expect(t.deploy({ name: 'cron.bpmn', content: xml })).rejects.toMatchObject({
      code: 3,
      message: expect.stringMatching(/INVALID_ARGUMENT[\s\S]*start[\s\S]*'0 9 \* \* 1-5'[\s\S]*6 fields/),
    });
    expect(timers('CREATED')).toHaveLength(0);
  });
});
