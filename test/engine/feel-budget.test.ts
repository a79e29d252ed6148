// Hostile FEEL: an expression that loops for ever (nested ranges of 10^10 steps), recurses without end or allocates
// without end stops at its budget (1 s, 128 MB, in the FEEL sandbox thread) with an incident naming the expression;
// the engine's own heap never holds what it allocated, and the engine keeps serving other instances; a short loop
// evaluates as before.
import { chain, scriptTask } from './support/bpmn';
import { startTestEngine, type TestEngine } from './support/harness';
import { waitForIncident } from './support/work';

let t: TestEngine;
beforeEach(async () => {
  t = await startTestEngine();
});
afterEach(async () => {
  await t.close();
});

async function run(expression: string, variables: Record<string, number> = {}) {
  await t.deploy({ name: 'p.bpmn', content: chain('p', scriptTask('calc', expression, 'out')) });
  const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables });
  return processInstanceKey;
}

it('stops an endless loop at the budget with an incident, and keeps serving', async () => {
  const started = Date.now();
  const looping = await run('=count(for a in 1..100000, b in 1..100000 return a * b)');
  const incident = await waitForIncident(t, looping);
  expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'calc' });
  expect(incident.value.errorMessage).toMatch(
    /^failed to evaluate expression 'count\(for a in 1\.\.100000.*exceeded its budget of 1000 ms and 128 MB and was stopped$/,
  );
  expect(Date.now() - started).toBeLessThan(4_000);

  const fine = await run('=for x in [1, 2, 3] return x * factor', { factor: 2 });
  await t.records.waitForInstanceEnd(fine);
  expect(t.records.variables(fine)).toEqual({ factor: 2, out: [2, 4, 6] });
});

it('stops endless recursion of a user function with an incident', async () => {
  const recursing = await run('={f: function(n) f(n + 1)}.f(1)');
  const incident = await waitForIncident(t, recursing);
  expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'calc' });
  const fine = await run('=some x in [1, 5] satisfies x > 3');
  await t.records.waitForInstanceEnd(fine);
  expect(t.records.variables(fine)).toEqual({ out: true });
});

it('stops an expression that allocates without end at the memory budget, outside the engine heap', async () => {
  const before = process.memoryUsage().heapUsed;
  // 25 million iteration contexts and as many lists: gigabytes if it ran in the engine's heap.
  const hungry = await run('=count(for a in 1..5000, b in 1..5000 return [a, b, "padding"])');
  const incident = await waitForIncident(t, hungry);
  expect(incident.value.errorMessage).toMatch(/exceeded its budget of 1000 ms and 128 MB and was stopped$/);
  expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
  const fine = await run('=for x in [1, 2] return x + 1');
  await t.records.waitForInstanceEnd(fine);
  expect(t.records.variables(fine)).toEqual({ out: [2, 3] });
});
