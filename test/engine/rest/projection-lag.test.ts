// The projections' lag is exposed — GET /v2/projections/status and Projections.status() — and closes:
// right after a command is answered its records are committed but not yet searchable (the projections
// apply them afterwards, as Camunda's exporters do), and they become searchable without anyone asking.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chain, serviceTask } from '../support/bpmn';
import { eventually, startRestEngine, type RestTestEngine } from './support/rest-harness';

jest.setTimeout(30_000);

let dir: string;
let t: RestTestEngine;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zb-projection-lag-'));
  t = await startRestEngine({ dataDir: dir });
  await t.deploy({ name: 'lag.bpmn', content: chain('lag', serviceTask('work', 'lag-work')) });
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test('a committed instance is reported as lag until the projections apply it, then searchable', async () => {
  const { engine, projections } = t.server;
  const created = await engine.execute('PROCESS_INSTANCE_CREATION', 'CREATE', {
    bpmnProcessId: 'lag',
    processDefinitionKey: -1,
    processInstanceKey: -1,
    version: -1,
    variables: {},
    startInstructions: [],
    fetchVariables: [],
    tenantId: '<default>',
  });
  expect(created.ok).toBe(true);
  // Answered means committed; applying happens later, never within the answer's own turn.
  busyWait(30);
  const behind = projections!.status();
  expect(behind.committedPosition).toBe(engine.committedPosition);
  expect(behind.lagRecords).toBeGreaterThan(0);
  expect(behind.appliedPosition).toBeLessThan(behind.committedPosition);
  expect(behind.lagMillis).toBeGreaterThanOrEqual(30);

  const status = await eventually(
    async () => (await t.http('GET', '/v2/projections/status')).json,
    (s) => s.lagRecords === 0,
  );
  expect(status).toEqual({
    mode: 'thread',
    appliedPosition: engine.committedPosition,
    committedPosition: engine.committedPosition,
    lagRecords: 0,
    lagMillis: 0,
  });
  const key = String((created as { value: { processInstanceKey: number } }).value.processInstanceKey);
  const found = await t.rest.searchProcessInstances({ filter: { processInstanceKey: key } });
  expect(found.items.map((i) => i.processInstanceKey)).toEqual([key]);
});

test('the status is a plain JSON answer that is never cached', async () => {
  const res = await fetch(`${t.address}/v2/projections/status`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.json()).toMatchObject({ lagRecords: expect.any(Number), lagMillis: expect.any(Number) });
});
