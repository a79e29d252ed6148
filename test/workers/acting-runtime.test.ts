// The acting person through the real runtime and engine: a handler that acts for Task_Review names the person a
// completion of Task_Review left (as the web leaves it), once — the same handler reached again after a timer
// names the worker, because the first job cleared the variable — and a handler acting for another task names
// the worker although the variable is there. The instance starts with the variable in its root scope, exactly
// where a completion of a user task in that scope would have put it (the bench has no REST user tasks).
import { z } from 'zod';
import type { Actor } from '../../domain/audit';
import { defineHandler } from '../../workers/runtime/handler';
import { startBench, type Bench } from './support/harness';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench();
  await bench.deployFixture('acting-probe.bpmn');
});
afterAll(() => bench.close());

const person = {
  userId: 7,
  username: 'court.lead',
  userTaskKey: '2251799813685301',
  elementId: 'Task_Review',
};

it('names the person once for the task it acts for, and the worker after a timer or for another task', async () => {
  const seen: [string, Actor][] = [];
  const record = (type: string, actingFor: string[]) =>
    defineHandler({
      type,
      actingFor,
      variables: z.object({ marker: z.string() }),
      fetchVariables: ['marker'],
      async handle(job) {
        seen.push([job.elementId, job.actor]);
        return job.complete();
      },
    });
  await bench.runWorkers([
    record('test.acting.act', ['Task_Review']),
    record('test.acting.other', ['Task_Other']),
  ]);
  const result = await bench.zeebe.createProcessInstanceWithResult({
    bpmnProcessId: 'acting-probe',
    variables: {
      actType: 'test.acting.act',
      otherType: 'test.acting.other',
      marker: 'x',
      zhuanbanActor: person,
    },
    requestTimeout: 20_000,
  });
  expect(seen).toEqual([
    ['act', { userId: 7, label: 'court.lead', via: 'worker:test.acting.act' }],
    ['again', { userId: null, label: 'worker:test.acting.act' }],
    ['other', { userId: null, label: 'worker:test.acting.other' }],
  ]);
  expect(result.variables).toMatchObject({ zhuanbanActor: null });
});
