// The engine of the task listener tests: one per test (in memory, or on a data folder for the restart
// tests), its record stream, and its clean-up. `t` and `records` are live bindings: a file imports them
// once and sees the engine the last `boot()` started, as the per-file variables they replace did.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chain, userTask } from '../../support/bpmn';
import { RecordStream } from '../../support/records';
import { startRestEngine, type RestTestEngine } from './rest-harness';
import type { EngineServerOptions } from '../../../../engine/server';
import type { EngineRecord } from '../../../../engine/protocol/record';

export let t: RestTestEngine;
export let records: RecordStream;
const folders: string[] = [];

/** Searches that answer with what the projections hold now (the tests wait with `t.caughtUp()`). */
export const now = { consistency: { waitUpToMs: 0 } };

/** Starts the engine — on `dataDir` (sync normal) when given, else in memory — and its record stream. */
export async function boot(dataDir?: string, options: EngineServerOptions = {}): Promise<void> {
  t = await startRestEngine(dataDir ? { ...options, dataDir, sync: 'normal' } : options);
  records = new RecordStream(t.server.engine);
}

/** A new data folder, removed after the test. */
export function dataFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** Call once at the top of a test file: after each test its engine is closed and its data folders removed. */
export function closeAfterEach(): void {
  afterEach(async () => {
    await t?.close();
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

/** Deploys `p` with the user task `review` (extension elements `ext`), starts it and waits for the task. */
export async function startReview(
  ext: string,
  variables: Record<string, unknown> = {},
): Promise<{ pi: string; task: EngineRecord<'USER_TASK'> }> {
  await t.deploy({ name: 'p.bpmn', content: chain('p', userTask('review', ext)) });
  const pi = (await t.rest.createProcessInstance({ processDefinitionId: 'p', variables })).processInstanceKey;
  const task = (await records.waitForEvent('USER_TASK', 'CREATED')) as EngineRecord<'USER_TASK'>;
  return { pi, task };
}
