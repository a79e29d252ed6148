// Helpers for migration conformance tests over gRPC: an engine with its journal per test and the replay check,
// deploy and read the definition key, migrate with a plan of [source, target] ids, the records written from the
// MIGRATE command on, and a refusal that wrote nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEngine, type TestEngine } from './harness';
import { element } from './bpmn';
import { journalOnlyState } from './replay';
import { grpcError } from './work';

/**
 * An engine per test that keeps its journal in its own data folder (removed after the test), and the check the
 * migration tests share: a copy of that journal alone replays to the live state.
 */
export function journaledEngineForEachTest(name: string): {
  t: TestEngine;
  expectReplayEqualsLive(): Promise<void>;
} {
  let dir = '';
  let copies = 0;
  let current: TestEngine | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), `zhuanban-${name}-`));
    current = await startTestEngine({ dataDir: dir, sync: 'off' });
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  const t = new Proxy({} as TestEngine, {
    get(_target, key) {
      if (!current) throw new Error('the test engine exists only while a test runs');
      return current[key as keyof TestEngine];
    },
  });
  const expectReplayEqualsLive = async () => {
    const live = t.server.engine.stateJson();
    copies += 1;
    expect(await journalOnlyState(dir, `copy-${copies}`)).toEqual(live);
  };
  return { t, expectReplayEqualsLive };
}

export async function deployed(t: TestEngine, name: string, content: string): Promise<string> {
  const r = (await t.deploy({ name, content })) as {
    deployments: { process: { processDefinitionKey: string } }[];
  };
  return r.deployments[0].process.processDefinitionKey;
}

export function migrate(
  t: TestEngine,
  processInstanceKey: string,
  targetProcessDefinitionKey: string,
  mapping: [string, string][],
) {
  return t.zeebe.migrateProcessInstance({
    processInstanceKey,
    migrationPlan: {
      targetProcessDefinitionKey,
      mappingInstructions: mapping.map(([sourceElementId, targetElementId]) => ({
        sourceElementId,
        targetElementId,
      })),
    },
  });
}

/**
 * The records from the last MIGRATE command on, as `recordType valueType intent id` — the id being the element,
 * the timer's target, the signal's catch event or the compensable activity; variables left out unless asked for.
 */
export function recordsFromMigrate(t: TestEngine, opts: { variables?: boolean } = {}): string[] {
  const all = t.records.all;
  let from = all.length - 1;
  while (
    from >= 0 &&
    !(all[from].valueType === 'PROCESS_INSTANCE_MIGRATION' && all[from].recordType === 'COMMAND')
  )
    from -= 1;
  return all
    .slice(from)
    .filter((r) => opts.variables || r.valueType !== 'VARIABLE')
    .map((r) => {
      const v = r.value as {
        elementId?: string;
        targetElementId?: string;
        catchEventId?: string;
        compensableActivityId?: string;
      };
      const id = v.elementId ?? v.targetElementId ?? v.catchEventId ?? v.compensableActivityId;
      return `${r.recordType} ${r.valueType} ${r.intent}${id ? ` ${id}` : ''}`;
    });
}

/** Expects the migration refused with the gRPC status and reason, and nothing but the rejection written. */
export async function refused(t: TestEngine, call: Promise<unknown>, status: number, reason: string) {
  const before = t.records.all.length;
  const e = await grpcError(call);
  expect(e.code).toBe(status);
  expect(e.message).toContain(reason);
  const written = t.records.all.slice(before).filter((r) => r.valueType === 'PROCESS_INSTANCE_MIGRATION');
  expect(written.map((r) => r.recordType)).toEqual(['COMMAND', 'COMMAND_REJECTION']);
  expect(t.records.all.slice(before).filter((r) => r.recordType === 'EVENT')).toEqual([]);
}

/** A job-worker user task: assignee, candidate groups from a variable, due date, external form, a header. */
export const jobWorkerTask = (id: string) =>
  element('userTask', id, {
    ext: [
      '<zeebe:assignmentDefinition assignee="clerk" candidateGroups="=groups" />',
      '<zeebe:taskSchedule dueDate="2026-12-31T10:00:00Z" />',
      '<zeebe:formDefinition formKey="https://forms.example/review" />',
      '<zeebe:taskHeaders><zeebe:header key="kind" value="review" /></zeebe:taskHeaders>',
    ].join(''),
  });
