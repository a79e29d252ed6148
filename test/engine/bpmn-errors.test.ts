// Conformance: BPMN errors (ZEEBE-SEMANTICS §4.9, §14.12): ThrowError from a worker caught by a
// boundary event, by an error event subprocess, across a call activity; a specific code wins over a
// catch-all; uncaught errors raise UNHANDLED_ERROR_EVENT; error end events.
import {
  bpmnError,
  boundaryEvent,
  callActivity,
  definitions,
  element,
  errorDefinition,
  flow,
  ioMapping,
  process,
  serviceTask,
  subProcess,
} from './support/bpmn';
import { engineForEachTest } from './support/harness';
import { completeNext, grpcError, nextJob, Status, waitForIncident } from './support/work';

const t = engineForEachTest();

const errors = [bpmnError('errX', 'X'), bpmnError('errY', 'Y')].join('\n');

/** start → task(work) → end, with the given boundary events on the task, each leading to its own end. */
function withBoundaries(boundaries: [id: string, errorRef?: string, ext?: string][]): string {
  return definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        serviceTask('task', 'work'),
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'task'),
        flow('f1', 'task', 'end'),
        ...boundaries.flatMap(([id, ref, ext]) => [
          ext
            ? `<bpmn:boundaryEvent id="${id}" attachedToRef="task"><bpmn:extensionElements>${ext}</bpmn:extensionElements>${errorDefinition(ref)}</bpmn:boundaryEvent>`
            : boundaryEvent(id, 'task', errorDefinition(ref)),
          `<bpmn:endEvent id="${id}End" />`,
          flow(`${id}Flow`, id, `${id}End`),
        ]),
      ].join('\n'),
    ),
    errors,
  );
}

describe('ThrowError caught by a boundary event', () => {
  it('terminates the task and continues at the boundary event; the job is gone', async () => {
    await t.deploy({ name: 'p.bpmn', content: withBoundaries([['caught', 'errX']]) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const job = await nextJob(t, 'work');
    await t.zeebe.throwError({ jobKey: job.key, errorCode: 'X', errorMessage: 'broken' });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.lifecycle(processInstanceKey).slice(9)).toEqual([
      'task:ELEMENT_TERMINATING',
      'task:ELEMENT_TERMINATED',
      'caught:ELEMENT_ACTIVATING',
      'caught:ELEMENT_ACTIVATED',
      'caught:ELEMENT_COMPLETING',
      'caught:ELEMENT_COMPLETED',
      'caughtFlow:SEQUENCE_FLOW_TAKEN',
      'caughtEnd:ELEMENT_ACTIVATING',
      'caughtEnd:ELEMENT_ACTIVATED',
      'caughtEnd:ELEMENT_COMPLETING',
      'caughtEnd:ELEMENT_COMPLETED',
      'p:ELEMENT_COMPLETING',
      'p:ELEMENT_COMPLETED',
    ]);
    expect(t.records.events('JOB', 'ERROR_THROWN')[0].value).toMatchObject({
      errorCode: 'X',
      errorMessage: 'broken',
    });
    expect((await grpcError(t.zeebe.completeJob({ jobKey: job.key, variables: {} }))).code).toBe(
      Status.NOT_FOUND,
    );
  });

  it('prefers the boundary event with the matching code over a catch-all one', async () => {
    await t.deploy({ name: 'p.bpmn', content: withBoundaries([['any'], ['specific', 'errX']]) });
    const first = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await t.zeebe.throwError({ jobKey: (await nextJob(t, 'work')).key, errorCode: 'X', errorMessage: '' });
    await t.records.waitForInstanceEnd(first.processInstanceKey);
    expect(t.records.lifecycle(first.processInstanceKey)).toContain('specificEnd:ELEMENT_COMPLETED');
    expect(t.records.lifecycle(first.processInstanceKey)).not.toContain('any:ELEMENT_ACTIVATING');

    const second = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await t.zeebe.throwError({
      jobKey: (await nextJob(t, 'work')).key,
      errorCode: 'OTHER',
      errorMessage: '',
    });
    await t.records.waitForInstanceEnd(second.processInstanceKey);
    expect(t.records.lifecycle(second.processInstanceKey)).toContain('anyEnd:ELEMENT_COMPLETED');
  });

  it('keeps the error variables local to the catch event; an output mapping moves them on', async () => {
    // ZEEBE-SEMANTICS §2.5/§15: ThrowError variables are local to the catching error event (docs);
    // without an output mapping they do not reach the process.
    await t.deploy({
      name: 'p.bpmn',
      content: withBoundaries([['caught', 'errX', ioMapping([], [['=reason', 'errorReason']])]]),
    });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const job = await nextJob(t, 'work');
    await t.zeebe.throwError({
      jobKey: job.key,
      errorCode: 'X',
      errorMessage: '',
      variables: { reason: 'timeout', other: 1 },
    });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.variables(processInstanceKey)).toEqual({ errorReason: 'timeout' });

    await t.deploy({
      name: 'q.bpmn',
      content: withBoundaries([['caught', 'errX']]).replace('id="p"', 'id="q"'),
    });
    const q = await t.zeebe.createProcessInstance({ bpmnProcessId: 'q', variables: {} });
    await t.zeebe.throwError({
      jobKey: (await nextJob(t, 'work')).key,
      errorCode: 'X',
      errorMessage: '',
      variables: { reason: 'timeout' },
    });
    await t.records.waitForInstanceEnd(q.processInstanceKey);
    expect(t.records.variables(q.processInstanceKey)).toEqual({});
  });
});

describe('ThrowError caught outside the task', () => {
  const espProcess = (innerEsp: boolean) =>
    definitions(
      process(
        'p',
        [
          '<bpmn:startEvent id="start" />',
          subProcess(
            'sub',
            [
              '<bpmn:startEvent id="subStart" />',
              serviceTask('task', 'work'),
              '<bpmn:endEvent id="subEnd" />',
              flow('s1', 'subStart', 'task'),
              flow('s2', 'task', 'subEnd'),
              innerEsp
                ? element('subProcess', 'innerEsp', {
                    attrs: { triggeredByEvent: 'true' },
                    body: [
                      `<bpmn:startEvent id="innerCatch">${errorDefinition()}</bpmn:startEvent>`,
                      '<bpmn:endEvent id="innerEspEnd" />',
                      flow('i1', 'innerCatch', 'innerEspEnd'),
                    ].join(''),
                  })
                : '',
            ].join('\n'),
          ),
          serviceTask('after', 'after'),
          '<bpmn:endEvent id="end" />',
          flow('f0', 'start', 'sub'),
          flow('f1', 'sub', 'after'),
          flow('f2', 'after', 'end'),
          element('subProcess', 'esp', {
            attrs: { triggeredByEvent: 'true' },
            body: [
              `<bpmn:startEvent id="outerCatch">${errorDefinition('errX')}</bpmn:startEvent>`,
              serviceTask('handle', 'handle'),
              '<bpmn:endEvent id="espEnd" />',
              flow('e1', 'outerCatch', 'handle'),
              flow('e2', 'handle', 'espEnd'),
            ].join(''),
          }),
        ].join('\n'),
      ),
      errors,
    );

  it('is caught by an error event subprocess of an enclosing scope, terminating every scope in between', async () => {
    await t.deploy({ name: 'p.bpmn', content: espProcess(false) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await t.zeebe.throwError({ jobKey: (await nextJob(t, 'work')).key, errorCode: 'X', errorMessage: '' });
    await completeNext(t, 'handle');
    const end = await t.records.waitForInstanceEnd(processInstanceKey);
    expect(end.intent).toBe('ELEMENT_COMPLETED');
    const life = t.records.lifecycle(processInstanceKey);
    expect(life.filter((l) => /TERMINAT|esp:|outerCatch:ELEMENT_ACTIVATING/.test(l))).toEqual([
      'sub:ELEMENT_TERMINATING',
      'task:ELEMENT_TERMINATING',
      'task:ELEMENT_TERMINATED',
      'sub:ELEMENT_TERMINATED',
      'esp:ELEMENT_ACTIVATING',
      'esp:ELEMENT_ACTIVATED',
      'outerCatch:ELEMENT_ACTIVATING',
      'esp:ELEMENT_COMPLETING',
      'esp:ELEMENT_COMPLETED',
    ]);
    expect(life).not.toContain('after:ELEMENT_ACTIVATING');
  });

  it('is caught by the nearest scope first, even by a catch-all there', async () => {
    await t.deploy({ name: 'p.bpmn', content: espProcess(true) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await t.zeebe.throwError({ jobKey: (await nextJob(t, 'work')).key, errorCode: 'X', errorMessage: '' });
    // The inner event subprocess handles it; the subprocess completes and the process goes on.
    await completeNext(t, 'after');
    await t.records.waitForInstanceEnd(processInstanceKey);
    const life = t.records.lifecycle(processInstanceKey);
    expect(life).toContain('innerEspEnd:ELEMENT_COMPLETED');
    expect(life).toContain('sub:ELEMENT_COMPLETED');
    expect(life).not.toContain('esp:ELEMENT_ACTIVATING');
  });

  it('crosses a call activity: the child is terminated and the parent’s boundary event continues', async () => {
    const parent = definitions(
      process(
        'parent',
        [
          '<bpmn:startEvent id="start" />',
          callActivity('call', 'child'),
          boundaryEvent('caught', 'call', errorDefinition('errX')),
          '<bpmn:endEvent id="end" />',
          serviceTask('recover', 'recover'),
          flow('f0', 'start', 'call'),
          flow('f1', 'call', 'end'),
          flow('f2', 'caught', 'recover'),
        ].join('\n'),
      ),
      errors,
    );
    const child = definitions(
      process(
        'child',
        [
          '<bpmn:startEvent id="cStart" />',
          serviceTask('cTask', 'work'),
          '<bpmn:endEvent id="cEnd" />',
          flow('c1', 'cStart', 'cTask'),
          flow('c2', 'cTask', 'cEnd'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'parent.bpmn', content: parent }, { name: 'child.bpmn', content: child });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: {},
    });
    const job = await nextJob(t, 'work');
    await t.zeebe.throwError({ jobKey: job.key, errorCode: 'X', errorMessage: '' });
    await completeNext(t, 'recover');
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.lifecycle(job.processInstanceKey).slice(-4)).toEqual([
      'child:ELEMENT_TERMINATING',
      'cTask:ELEMENT_TERMINATING',
      'cTask:ELEMENT_TERMINATED',
      'child:ELEMENT_TERMINATED',
    ]);
    const life = t.records.lifecycle(processInstanceKey);
    expect(life.filter((l) => l.startsWith('call:') || l.startsWith('caught:ELEMENT_ACTIVATING'))).toEqual([
      'call:ELEMENT_ACTIVATING',
      'call:ELEMENT_ACTIVATED',
      'call:ELEMENT_TERMINATING',
      'call:ELEMENT_TERMINATED',
      'caught:ELEMENT_ACTIVATING',
    ]);
  });
});

describe('errors from a called process', () => {
  it('are caught by an error event subprocess of the parent process', async () => {
    const parent = definitions(
      process(
        'parent',
        [
          '<bpmn:startEvent id="start" />',
          callActivity('call', 'child'),
          '<bpmn:endEvent id="end" />',
          flow('f0', 'start', 'call'),
          flow('f1', 'call', 'end'),
          element('subProcess', 'esp', {
            attrs: { triggeredByEvent: 'true' },
            body: [
              `<bpmn:startEvent id="catch">${errorDefinition('errX')}</bpmn:startEvent>`,
              '<bpmn:endEvent id="espEnd" />',
              flow('e1', 'catch', 'espEnd'),
            ].join(''),
          }),
        ].join('\n'),
      ),
      errors,
    );
    const child = definitions(
      process(
        'child',
        ['<bpmn:startEvent id="cStart" />', serviceTask('cTask', 'work'), flow('c1', 'cStart', 'cTask')].join(
          '\n',
        ),
      ),
    );
    await t.deploy({ name: 'parent.bpmn', content: parent }, { name: 'child.bpmn', content: child });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: {},
    });
    const job = await nextJob(t, 'work');
    await t.zeebe.throwError({ jobKey: job.key, errorCode: 'X', errorMessage: '' });
    const end = await t.records.waitForInstanceEnd(processInstanceKey);
    expect(end.intent).toBe('ELEMENT_COMPLETED');
    expect(t.records.lifecycle(job.processInstanceKey).slice(-1)).toEqual(['child:ELEMENT_TERMINATED']);
    const life = t.records.lifecycle(processInstanceKey);
    expect(life).toContain('call:ELEMENT_TERMINATED');
    expect(life).toContain('espEnd:ELEMENT_COMPLETED');
    expect(life).not.toContain('end:ELEMENT_ACTIVATING');
  });
});

describe('uncaught errors', () => {
  it('raise UNHANDLED_ERROR_EVENT on the task; resolving it makes the job activatable again', async () => {
    await t.deploy({ name: 'p.bpmn', content: withBoundaries([['caught', 'errY']]) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const job = await nextJob(t, 'work');
    await t.zeebe.throwError({ jobKey: job.key, errorCode: 'X', errorMessage: 'no handler' });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({
      errorType: 'UNHANDLED_ERROR_EVENT',
      elementId: 'task',
      jobKey: Number(job.key),
      errorMessage:
        "Expected to throw an error event with the code 'X' with message 'no handler', but it was not caught. No error events are available in the scope.",
    });
    expect(t.records.lifecycle(processInstanceKey).slice(-1)).toEqual(['task:ELEMENT_ACTIVATED']);

    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    const again = await nextJob(t, 'work');
    expect([again.key, again.retries]).toEqual([job.key, 3]);
    await t.zeebe.completeJob({ jobKey: again.key, variables: {} });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.lifecycle(processInstanceKey)).toContain('end:ELEMENT_COMPLETED');
  });
});

describe('error end events', () => {
  const withErrorEnd = (code: string) =>
    definitions(
      process(
        'p',
        [
          '<bpmn:startEvent id="start" />',
          subProcess(
            'sub',
            [
              '<bpmn:startEvent id="subStart" />',
              `<bpmn:endEvent id="fail">${errorDefinition('errDyn')}</bpmn:endEvent>`,
              flow('s1', 'subStart', 'fail'),
            ].join('\n'),
          ),
          boundaryEvent('caught', 'sub', errorDefinition('errX')),
          '<bpmn:endEvent id="end" />',
          '<bpmn:endEvent id="caughtEnd" />',
          flow('f0', 'start', 'sub'),
          flow('f1', 'sub', 'end'),
          flow('f2', 'caught', 'caughtEnd'),
        ].join('\n'),
      ),
      [bpmnError('errX', 'X'), bpmnError('errDyn', code)].join('\n'),
    );

  it('are caught by a boundary event of an enclosing subprocess (error code from an expression)', async () => {
    await t.deploy({ name: 'p.bpmn', content: withErrorEnd('="X"') });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await t.records.waitForInstanceEnd(processInstanceKey);
    const life = t.records.lifecycle(processInstanceKey);
    expect(life.filter((l) => /^(fail|sub|caught):/.test(l))).toEqual([
      'sub:ELEMENT_ACTIVATING',
      'sub:ELEMENT_ACTIVATED',
      'fail:ELEMENT_ACTIVATING',
      'fail:ELEMENT_ACTIVATED',
      'sub:ELEMENT_TERMINATING',
      'fail:ELEMENT_TERMINATING',
      'fail:ELEMENT_TERMINATED',
      'sub:ELEMENT_TERMINATED',
      'caught:ELEMENT_ACTIVATING',
      'caught:ELEMENT_ACTIVATED',
      'caught:ELEMENT_COMPLETING',
      'caught:ELEMENT_COMPLETED',
    ]);
    expect(life).toContain('caughtEnd:ELEMENT_COMPLETED');
  });

  it('raise UNHANDLED_ERROR_EVENT when nothing catches them', async () => {
    await t.deploy({ name: 'p.bpmn', content: withErrorEnd('OTHER') });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({
      errorType: 'UNHANDLED_ERROR_EVENT',
      elementId: 'fail',
      jobKey: -1,
    });
    expect(incident.value.errorMessage).toMatch(/'OTHER'/);
  });
});
