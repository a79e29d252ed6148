// Projection benchmark: fills an engine with 100,000 finished and 10,000 running instances (user
// tasks by unit, variables), then measures REST search and statistics latency over HTTP and the
// time to rebuild the projections from the journal. Prints figures; it asserts nothing.
//   npx tsx test/bench/projections.ts [finished=100000] [running=10000]
// benchProjections() returns the figures, for a bench command that runs several benchmarks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { definitions, element, flow, process as bpmnProcess, userTask } from '../engine/support/bpmn';

const UNITS = ['court', 'procuratorate', 'police', 'justice'];

type Log = (line: string) => void;

export interface Latency {
  name: string;
  p50: number;
  p95: number;
}

export interface ProjectionBenchResult {
  finished: number;
  running: number;
  populateSeconds: number;
  latencies: Latency[];
  /** Engine start with the projection file deleted: recovery plus the rebuild from the journal. */
  rebuildMillis: number;
}

const model = definitions(
  bpmnProcess(
    'bench',
    [
      '<bpmn:startEvent id="start" />',
      element('exclusiveGateway', 'route', { attrs: { default: 'wait' } }),
      userTask(
        'handle',
        '<zeebe:assignmentDefinition candidateGroups="=unit" /><zeebe:taskSchedule dueDate="=due" /><zeebe:priorityDefinition priority="=priority" />',
      ),
      '<bpmn:endEvent id="done" />',
      '<bpmn:endEvent id="handled" />',
      flow('f0', 'start', 'route'),
      flow('finish', 'route', 'done', '=finish'),
      flow('wait', 'route', 'handle'),
      flow('f1', 'handle', 'handled'),
    ].join('\n'),
  ),
);

async function populate(server: EngineServer, finished: number, running: number, log: Log): Promise<number> {
  const engine = server.engine;
  const r = await engine.deploy([{ name: 'bench.bpmn', content: model }]);
  if (!r.ok) throw new Error(r.reason);
  const total = finished + running;
  const started = Date.now();
  const day = 86_400_000;
  for (let i = 0; i < total; i += 1_000) {
    const batch = [];
    for (let j = i; j < Math.min(total, i + 1_000); j++) {
      batch.push(
        engine.execute('PROCESS_INSTANCE_CREATION', 'CREATE', {
          bpmnProcessId: 'bench',
          version: -1,
          processDefinitionKey: -1,
          processInstanceKey: -1,
          variables: {
            finish: j < finished,
            unit: UNITS[j % UNITS.length],
            amount: j % 1_000,
            due: new Date(Date.UTC(2026, 0, 1) + (j % 365) * day).toISOString(),
            priority: j % 101,
          },
          startInstructions: [],
          fetchVariables: [],
          tenantId: '<default>',
        }),
      );
    }
    for (const res of await Promise.all(batch)) if (!res.ok) throw new Error(res.reason);
    if ((i + 1_000) % 10_000 === 0)
      log(`  created ${i + 1_000} instances (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  const applying = Date.now();
  await server.projections!.caughtUp();
  const seconds = (Date.now() - started) / 1000;
  log(
    `populated ${finished} finished + ${running} running instances in ${seconds.toFixed(1)} s (projections ${Date.now() - applying} ms behind at the end)`,
  );
  return seconds;
}

async function post(base: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function measure(name: string, run: () => Promise<unknown>, times = 20): Promise<Latency> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * q))];
  return { name, p50: p(0.5), p95: p(0.95) };
}

/** The searches and statistics measured, as (name, request) over the REST API. */
function cases(base: string, definitionKey: number, instanceKey: string, cursor: string | undefined) {
  const search = (path: string, body: unknown) => () => post(base, path, body);
  return [
    [
      'process instances: ACTIVE, newest first, page of 50',
      search('/process-instances/search', {
        filter: { state: 'ACTIVE' },
        sort: [{ field: 'startDate', order: 'DESC' }],
        page: { limit: 50 },
      }),
    ],
    ['process instances: all (totalItems over all), page of 100', search('/process-instances/search', {})],
    [
      'process instances: next page by cursor',
      search('/process-instances/search', { page: { after: cursor, limit: 50 } }),
    ],
    [
      'process instances: offset 50,000',
      search('/process-instances/search', { page: { from: 50_000, limit: 50 } }),
    ],
    [
      'process instances: COMPLETED with variable amount = 500',
      search('/process-instances/search', {
        filter: { state: 'COMPLETED', variables: [{ name: 'amount', value: '500' }] },
        page: { limit: 50 },
      }),
    ],
    [
      'user tasks: candidate group, CREATED, by due date',
      search('/user-tasks/search', {
        filter: { candidateGroup: 'police', state: 'CREATED' },
        sort: [{ field: 'dueDate', order: 'ASC' }],
        page: { limit: 50 },
      }),
    ],
    [
      'user tasks: due in January, priority > 90',
      search('/user-tasks/search', {
        filter: {
          dueDate: { $gte: '2026-01-01T00:00:00Z', $lt: '2026-02-01T00:00:00Z' },
          priority: { $gt: 90 },
        },
        page: { limit: 50 },
      }),
    ],
    [
      'definition statistics (live diagram, unfiltered)',
      search(`/process-definitions/${definitionKey}/statistics/element-instances`, {}),
    ],
    [
      'definition statistics filtered: ACTIVE instances',
      search(`/process-definitions/${definitionKey}/statistics/element-instances`, {
        filter: { state: 'ACTIVE' },
      }),
    ],
    [
      'element instances of one instance',
      search('/element-instances/search', { filter: { processInstanceKey: instanceKey } }),
    ],
    [
      'variables: name = unit, value like "\\"po*"',
      search('/variables/search', {
        filter: { name: 'unit', value: { $like: '"po*' } },
        page: { limit: 50 },
      }),
    ],
  ] as const;
}

export async function benchProjections(
  finished = 100_000,
  running = 10_000,
  log: Log = (line) => console.log(line),
): Promise<ProjectionBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'zb-bench-projections-'));
  let server = await startEngineServer({ dataDir: dir, grpcPort: 0, restPort: 0, sync: 'off' });
  try {
    const populateSeconds = await populate(server, finished, running, log);
    const base = `${server.restAddress}/v2`;
    const definitionKey = server.engine.state.definitions.latestProcess('bench')!.processDefinitionKey;
    const first = (await post(base, '/process-instances/search', { page: { limit: 50 } })) as {
      items: { processInstanceKey: string }[];
      page: { endCursor?: string };
    };
    log('search and statistics latency over HTTP (20 runs each):');
    const latencies: Latency[] = [];
    for (const [name, run] of cases(
      base,
      definitionKey,
      first.items[0].processInstanceKey,
      first.page.endCursor,
    )) {
      const l = await measure(name, run);
      latencies.push(l);
      log(
        `  ${name.padEnd(64)} p50 ${l.p50.toFixed(1).padStart(7)} ms   p95 ${l.p95.toFixed(1).padStart(7)} ms`,
      );
    }
    await server.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `projections.db${suffix}`), { force: true });
    const t0 = Date.now();
    server = await startEngineServer({
      dataDir: dir,
      grpcPort: 0,
      restPort: 0,
      sync: 'off',
      log: (m) => log(`  ${m}`),
    });
    const rebuildMillis = Date.now() - t0;
    log(`rebuild of the deleted projections from the journal, with engine recovery: ${rebuildMillis} ms`);
    return { finished, running, populateSeconds, latencies, rebuildMillis };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchProjections(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 10_000)).catch(
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
