// Conformance: multi-instance activities (ZEEBE-SEMANTICS §2.7, §14.15): parallel and sequential
// inner instances with their inputElement and loopCounter locals, the output collection in input
// order, empty collections, completion conditions, boundary events on the body, and multi-instance
// subprocesses and call activities.
import {
  bpmnError,
  boundaryEvent,
  callActivity,
  chain,
  definitions,
  element,
  errorDefinition,
  flow,
  ioMapping,
  process,
  serviceTask,
  subProcess,
  multiInstance,
} from './support/bpmn';
import { engineForEachTest } from './support/harness';
import {
  activate,
  completeNext,
  elementKeys,
  incidents,
  scopeVariables,
  waitForElement,
  waitForIncident,
} from './support/work';

const t = engineForEachTest();

/** A service task of type `work` with multi-instance characteristics. */
function miTask(id: string, loop: string, ext = ''): string {
  return element('serviceTask', id, { ext: `<zeebe:taskDefinition type="work" />${ext}`, body: loop });
}

/** `elementId/TYPE:INTENT` for the records of an element (body and inner instances share the id). */
function typed(piKey: string | number, elementId: string): string[] {
  return t.records
    .events('PROCESS_INSTANCE')
    .filter((r) => r.value.processInstanceKey === Number(piKey) && r.value.elementId === elementId)
    .map((r) => `${r.value.bpmnElementType}:${r.intent}`);
}

/** Key of the multi-instance body and the keys of its inner instances, in creation order. */
function bodyAndInner(elementId: string): { body: number; inner: number[] } {
  const activating = t.records
    .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING')
    .filter((r) => r.value.elementId === elementId);
  const body = activating.find((r) => r.value.bpmnElementType === 'MULTI_INSTANCE_BODY')!.key;
  return { body, inner: activating.filter((r) => r.value.flowScopeKey === body).map((r) => r.key) };
}

const parallel = chain(
  'mi',
  miTask(
    'task',
    multiInstance('=items', { inputElement: 'item', outputCollection: 'results', outputElement: '=result' }),
  ),
);

describe('parallel multi-instance', () => {
  it('creates all instances at once with item and loopCounter locals, and collects the output in input order', async () => {
    await t.deploy({ name: 'mi.bpmn', content: parallel });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'mi',
      variables: { items: ['a', 'b', 'c'] },
    });
    await t.records.waitFor(() => t.records.events('JOB', 'CREATED').length === 3);
    const jobs = await activate(t, 'work', { max: 3 });
    expect(jobs).toHaveLength(3);
    const { body, inner } = bodyAndInner('task');
    expect(inner).toHaveLength(3);
    inner.forEach((key, i) =>
      expect(scopeVariables(t, key)).toEqual({ item: ['a', 'b', 'c'][i], loopCounter: i + 1, result: null }),
    );
    expect(
      jobs.map((j) => j.variables).sort((x, y) => Number(x.loopCounter) - Number(y.loopCounter)),
    ).toEqual([
      { items: ['a', 'b', 'c'], results: [null, null, null], item: 'a', loopCounter: 1, result: null },
      { items: ['a', 'b', 'c'], results: [null, null, null], item: 'b', loopCounter: 2, result: null },
      { items: ['a', 'b', 'c'], results: [null, null, null], item: 'c', loopCounter: 3, result: null },
    ]);
    // The output collection is a local of the body, sized like the input; the jobs see it too.
    // Completed in reverse order; every result lands in its instance's slot.
    for (const job of [...jobs].reverse()) {
      await t.zeebe.completeJob({
        jobKey: job.key,
        variables: { result: `${job.variables.item as string}!` },
      });
    }
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(scopeVariables(t, body)).toEqual({ results: ['a!', 'b!', 'c!'] });
    // Only the output collection reaches the process: item, loopCounter and result stayed local.
    expect(t.records.variables(processInstanceKey)).toEqual({
      items: ['a', 'b', 'c'],
      results: ['a!', 'b!', 'c!'],
    });
    expect(typed(processInstanceKey, 'task').slice(0, 3)).toEqual([
      'MULTI_INSTANCE_BODY:ELEMENT_ACTIVATING',
      'MULTI_INSTANCE_BODY:ELEMENT_ACTIVATED',
      'SERVICE_TASK:ELEMENT_ACTIVATING',
    ]);
    expect(typed(processInstanceKey, 'task').slice(-2)).toEqual([
      'MULTI_INSTANCE_BODY:ELEMENT_COMPLETING',
      'MULTI_INSTANCE_BODY:ELEMENT_COMPLETED',
    ]);
  });

  it('with an empty collection completes at once with an empty output collection', async () => {
    await t.deploy({ name: 'mi.bpmn', content: parallel });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'mi',
      variables: { items: [] },
    });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(typed(processInstanceKey, 'task')).toEqual([
      'MULTI_INSTANCE_BODY:ELEMENT_ACTIVATING',
      'MULTI_INSTANCE_BODY:ELEMENT_ACTIVATED',
      'MULTI_INSTANCE_BODY:ELEMENT_COMPLETING',
      'MULTI_INSTANCE_BODY:ELEMENT_COMPLETED',
    ]);
    expect(t.records.variables(processInstanceKey)).toEqual({ items: [], results: [] });
    expect(t.records.events('JOB', 'CREATED')).toEqual([]);
  });

  it('raises EXTRACT_VALUE_ERROR when the input collection is not an array', async () => {
    await t.deploy({ name: 'mi.bpmn', content: parallel });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'mi',
      variables: { items: 'abc' },
    });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'task' });
    expect(incident.value.errorMessage).toMatch(/'items' to be 'ARRAY', but was 'STRING'/);
    await t.zeebe.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { items: ['x'] },
      local: false,
    });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await completeNext(t, 'work', { result: 1 });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.variables(processInstanceKey).results).toEqual([1]);
  });

  it('ends early when the completion condition holds, terminating the remaining instances', async () => {
    const xml = chain(
      'mi',
      miTask(
        'task',
        multiInstance('=items', {
          inputElement: 'item',
          outputCollection: 'results',
          outputElement: '=result',
          completionCondition:
            '=numberOfCompletedInstances >= 2 and numberOfInstances = 4 and numberOfActiveInstances = 2 and numberOfTerminatedInstances = 0',
        }),
      ),
    );
    await t.deploy({ name: 'mi.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'mi',
      // A same-named process variable is overridden by the engine's value.
      variables: { items: [1, 2, 3, 4], numberOfInstances: 99 },
    });
    await t.records.waitFor(() => t.records.events('JOB', 'CREATED').length === 4);
    const jobs = await activate(t, 'work', { max: 4 });
    const byCounter = [...jobs].sort(
      (x, y) => Number(x.variables.loopCounter) - Number(y.variables.loopCounter),
    );
    await t.zeebe.completeJob({ jobKey: byCounter[2].key, variables: { result: 'third' } });
    await t.zeebe.completeJob({ jobKey: byCounter[0].key, variables: { result: 'first' } });
    await t.records.waitForInstanceEnd(processInstanceKey);

    const inner = typed(processInstanceKey, 'task').filter((l) => l.startsWith('SERVICE_TASK'));
    expect(inner.filter((l) => l.endsWith('ELEMENT_COMPLETED'))).toHaveLength(2);
    expect(inner.filter((l) => l.endsWith('ELEMENT_TERMINATED'))).toHaveLength(2);
    expect(
      t.records
        .events('JOB', 'CANCELED')
        .map((r) => String(r.key))
        .sort(),
    ).toEqual([byCounter[1].key, byCounter[3].key].sort());
    expect(t.records.variables(processInstanceKey)).toEqual({
      items: [1, 2, 3, 4],
      numberOfInstances: 99,
      results: ['first', null, 'third', null],
    });
    expect(typed(processInstanceKey, 'task').slice(-1)).toEqual(['MULTI_INSTANCE_BODY:ELEMENT_COMPLETED']);
  });

  it('is ended as a whole by an interrupting boundary event, discarding the partial output', async () => {
    const xml = definitions(
      process(
        'mi',
        [
          '<bpmn:startEvent id="start" />',
          miTask(
            'task',
            multiInstance('=items', {
              inputElement: 'item',
              outputCollection: 'results',
              outputElement: '=result',
            }),
          ),
          boundaryEvent('caught', 'task', errorDefinition('err')),
          '<bpmn:endEvent id="end" />',
          '<bpmn:endEvent id="failed" />',
          flow('f0', 'start', 'task'),
          flow('f1', 'task', 'end'),
          flow('f2', 'caught', 'failed'),
        ].join('\n'),
      ),
      bpmnError('err', 'BROKEN'),
    );
    await t.deploy({ name: 'mi.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'mi',
      variables: { items: [1, 2, 3] },
    });
    await t.records.waitFor(() => t.records.events('JOB', 'CREATED').length === 3);
    const jobs = await activate(t, 'work', { max: 3 });
    await t.zeebe.completeJob({ jobKey: jobs[0].key, variables: { result: 'done' } });
    await waitForElement(t, 'task', 'ELEMENT_COMPLETED');
    await t.zeebe.throwError({ jobKey: jobs[1].key, errorCode: 'BROKEN', errorMessage: 'no' });
    await t.records.waitForInstanceEnd(processInstanceKey);

    const life = typed(processInstanceKey, 'task');
    expect(life.filter((l) => l.startsWith('SERVICE_TASK') && l.endsWith('TERMINATED'))).toHaveLength(2);
    // The body terminates its remaining instances first, then itself.
    expect(life.filter((l) => /TERMINATING|TERMINATED/.test(l))).toEqual([
      'MULTI_INSTANCE_BODY:ELEMENT_TERMINATING',
      'SERVICE_TASK:ELEMENT_TERMINATING',
      'SERVICE_TASK:ELEMENT_TERMINATED',
      'SERVICE_TASK:ELEMENT_TERMINATING',
      'SERVICE_TASK:ELEMENT_TERMINATED',
      'MULTI_INSTANCE_BODY:ELEMENT_TERMINATED',
    ]);
    expect(t.records.lifecycle(processInstanceKey)).toContain('failed:ELEMENT_COMPLETED');
    expect(t.records.lifecycle(processInstanceKey)).not.toContain('end:ELEMENT_ACTIVATING');
    expect(t.records.variables(processInstanceKey)).toEqual({ items: [1, 2, 3] });
  });
});

describe('outputElement variables', () => {
  it.each([
    ['=res.value', { res: { value: 'v' } }, ['v', 'v'], 'res'], // the root of a path is made local
    ['=item', {}, ['a', 'b'], undefined], // the input element is not reset
    ['=loopCounter', {}, [1, 2], undefined], // nor is loopCounter
  ])(
    '%s collects per instance without leaking to the process',
    async (outputElement, result, expected, local) => {
      const xml = chain(
        'mi',
        miTask(
          'task',
          multiInstance('=items', { inputElement: 'item', outputCollection: 'results', outputElement }),
        ),
      );
      await t.deploy({ name: 'mi.bpmn', content: xml });
      const { processInstanceKey } = await t.zeebe.createProcessInstance({
        bpmnProcessId: 'mi',
        variables: { items: ['a', 'b'] },
      });
      await t.records.waitFor(() => t.records.events('JOB', 'CREATED').length === 2);
      const { inner } = bodyAndInner('task');
      expect(inner.map((k) => Object.keys(scopeVariables(t, k)).sort())).toEqual(
        inner.map(() => ['item', 'loopCounter', ...(local ? [local] : [])].sort()),
      );
      for (const job of await activate(t, 'work', { max: 2 }))
        await t.zeebe.completeJob({ jobKey: job.key, variables: result });
      await t.records.waitForInstanceEnd(processInstanceKey);
      expect(t.records.variables(processInstanceKey)).toEqual({ items: ['a', 'b'], results: expected });
    },
  );
});

describe('non-interrupting boundary on the body', () => {
  it('leaves the instances running and collecting their output', async () => {
    const start = Date.parse('2026-03-02T08:00:00Z');
    await t.pinClock(start);
    const xml = definitions(
      process(
        'mi',
        [
          '<bpmn:startEvent id="start" />',
          miTask(
            'task',
            multiInstance('=items', {
              inputElement: 'item',
              outputCollection: 'results',
              outputElement: '=item',
            }),
          ),
          boundaryEvent(
            'remind',
            'task',
            '<bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>',
            false,
          ),
          serviceTask('notify', 'notify'),
          '<bpmn:endEvent id="end" />',
          '<bpmn:endEvent id="notified" />',
          flow('f0', 'start', 'task'),
          flow('f1', 'task', 'end'),
          flow('f2', 'remind', 'notify'),
          flow('f3', 'notify', 'notified'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'mi.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'mi',
      variables: { items: ['a', 'b'] },
    });
    await t.records.waitFor(() => t.records.events('JOB', 'CREATED').length === 2);
    await t.pinClock(start + 60_000);
    await completeNext(t, 'notify');
    const jobs = await activate(t, 'work', { max: 2 });
    expect(jobs).toHaveLength(2);
    for (const job of jobs) await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(typed(processInstanceKey, 'task').filter((l) => l.includes('TERMINAT'))).toEqual([]);
    expect(t.records.variables(processInstanceKey).results).toEqual(['a', 'b']);
    expect(t.records.lifecycle(processInstanceKey)).toContain('notified:ELEMENT_COMPLETED');
  });
});

describe('mappings of inner instances', () => {
  it('input mappings read loopCounter and the input element; output mappings write into the inner instance', async () => {
    const xml = chain(
      'mi',
      miTask(
        'task',
        multiInstance('=items', { inputElement: 'item', outputCollection: 'results', outputElement: '=res' }),
        ioMapping([['=item * loopCounter', 'weighted']], [['=answer + weighted', 'res']]),
      ),
    );
    await t.deploy({ name: 'mi.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'mi',
      variables: { items: [10, 20] },
    });
    await t.records.waitFor(() => t.records.events('JOB', 'CREATED').length === 2);
    const jobs = await activate(t, 'work', { max: 2 });
    expect(jobs.map((j) => j.variables.weighted).sort()).toEqual([10, 40]);
    for (const job of jobs) await t.zeebe.completeJob({ jobKey: job.key, variables: { answer: 1 } });
    await t.records.waitForInstanceEnd(processInstanceKey);
    const { inner } = bodyAndInner('task');
    // The mapped `res` stayed in each inner instance (it holds the outputElement variable).
    expect(inner.map((k) => scopeVariables(t, k).res)).toEqual([11, 41]);
    expect(t.records.variables(processInstanceKey)).toEqual({ items: [10, 20], results: [11, 41] });
  });
});

describe('sequential multi-instance', () => {
  it('creates the next instance only when the previous one completed', async () => {
    const xml = chain(
      'seq',
      miTask(
        'task',
        multiInstance('=items', {
          sequential: true,
          inputElement: 'item',
          outputCollection: 'results',
          outputElement: '=item * 10',
        }),
      ),
    );
    await t.deploy({ name: 'seq.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'seq',
      variables: { items: [1, 2, 3] },
    });
    const seen: unknown[] = [];
    for (let i = 1; i <= 3; i++) {
      const jobs = await activate(t, 'work', { max: 5 });
      expect(jobs).toHaveLength(1); // never two at once
      seen.push([jobs[0].variables.item, jobs[0].variables.loopCounter]);
      await t.zeebe.completeJob({ jobKey: jobs[0].key, variables: {} });
    }
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(seen).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(t.records.variables(processInstanceKey).results).toEqual([10, 20, 30]);
    const inner = typed(processInstanceKey, 'task').filter((l) => l.startsWith('SERVICE_TASK'));
    // Strictly one after the other: each instance completes before the next activates.
    expect(inner.filter((l) => /ACTIVATING|COMPLETED/.test(l))).toEqual([
      'SERVICE_TASK:ELEMENT_ACTIVATING',
      'SERVICE_TASK:ELEMENT_COMPLETED',
      'SERVICE_TASK:ELEMENT_ACTIVATING',
      'SERVICE_TASK:ELEMENT_COMPLETED',
      'SERVICE_TASK:ELEMENT_ACTIVATING',
      'SERVICE_TASK:ELEMENT_COMPLETED',
    ]);
  });
});

describe('sequential multi-instance with a completion condition', () => {
  it('creates no further instance once the condition holds', async () => {
    const xml = chain(
      'seq',
      miTask(
        'task',
        multiInstance('=items', {
          sequential: true,
          inputElement: 'item',
          outputCollection: 'results',
          outputElement: '=found',
          completionCondition: '=found = true',
        }),
      ),
    );
    await t.deploy({ name: 'seq.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'seq',
      variables: { items: [1, 2, 3, 4] },
    });
    await completeNext(t, 'work', { found: false });
    await completeNext(t, 'work', { found: true });
    await t.records.waitForInstanceEnd(processInstanceKey);
    const inner = typed(processInstanceKey, 'task').filter((l) => l === 'SERVICE_TASK:ELEMENT_ACTIVATING');
    expect(inner).toHaveLength(2);
    expect(t.records.variables(processInstanceKey).results).toEqual([false, true, null, null]);
  });
});

describe('multi-instance containers', () => {
  it('runs an embedded subprocess once per item, each with its own scope', async () => {
    const xml = chain(
      'misub',
      subProcess(
        'sub',
        [
          '<bpmn:startEvent id="subStart" />',
          serviceTask('inner', 'work'),
          '<bpmn:endEvent id="subEnd" />',
          flow('s1', 'subStart', 'inner'),
          flow('s2', 'inner', 'subEnd'),
        ].join(''),
        '',
        multiInstance('=items', {
          inputElement: 'item',
          outputCollection: 'results',
          outputElement: '=done',
        }),
      ),
    );
    await t.deploy({ name: 'misub.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'misub',
      variables: { items: ['x', 'y'] },
    });
    await t.records.waitFor(() => t.records.events('JOB', 'CREATED').length === 2);
    const jobs = await activate(t, 'work', { max: 2 });
    for (const job of jobs) {
      // `done` is a local of the inner subprocess instance, so the job result updates it there.
      await t.zeebe.completeJob({
        jobKey: job.key,
        variables: { done: `${job.variables.item as string}${job.variables.loopCounter as number}` },
      });
    }
    await t.records.waitForInstanceEnd(processInstanceKey);
    const { inner } = bodyAndInner('sub');
    expect(inner).toHaveLength(2);
    expect(elementKeys(t, 'inner').map((k) => t.records.all.find((r) => r.key === k)!.value)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ flowScopeKey: inner[0] }),
        expect.objectContaining({ flowScopeKey: inner[1] }),
      ]),
    );
    expect(t.records.variables(processInstanceKey)).toEqual({ items: ['x', 'y'], results: ['x1', 'y2'] });
  });

  it('calls a process once per item; each child gets the item and returns its result', async () => {
    const parent = chain(
      'parent',
      // The usual modelling: the child's variables come back only through an output mapping, which
      // for an inner instance writes into the instance itself (where outputElement reads it).
      callActivity(
        'call',
        'child',
        { propagateAllChildVariables: 'false' },
        ioMapping([], [['=answer', 'answer']]),
        multiInstance('=items', {
          inputElement: 'item',
          outputCollection: 'results',
          outputElement: '=answer',
        }),
      ),
    );
    const child = chain('child', serviceTask('task', 'child-work'));
    await t.deploy({ name: 'parent.bpmn', content: parent }, { name: 'child.bpmn', content: child });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: { items: [3, 4] },
    });
    await t.records.waitFor(() => t.records.events('JOB', 'CREATED').length === 2);
    const jobs = await activate(t, 'child-work', { max: 2 });
    expect(jobs.map((j) => [j.bpmnProcessId, j.variables.item, j.variables.loopCounter]).sort()).toEqual([
      ['child', 3, 1],
      ['child', 4, 2],
    ]);
    for (const job of jobs)
      await t.zeebe.completeJob({
        jobKey: job.key,
        variables: { answer: (job.variables.item as number) ** 2 },
      });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.variables(processInstanceKey)).toEqual({ items: [3, 4], results: [9, 16] });
    expect(incidents(t, processInstanceKey)).toEqual([]);
  });
});
