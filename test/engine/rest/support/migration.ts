// Helpers for the REST migration tests: deploy and read the definition key, migrate through the typed client with
// a plan of [source, target] ids, a refusal (409 with Zeebe's text) that leaves the instance's searches as they
// were, and the searches those tests read after the projections caught up.
import type { RestTestEngine } from './rest-harness';

/** Searches answer from what the projections hold now (the tests wait with `caughtUp` first). */
export const now = { consistency: { waitUpToMs: 0 } };

export async function deployedKey(t: RestTestEngine, name: string, content: string): Promise<string> {
  const d = await t.deploy({ name, content });
  return d.processes[0].processDefinitionKey;
}

const plan = (targetProcessDefinitionKey: string, mapping: [string, string][]) => ({
  targetProcessDefinitionKey,
  mappingInstructions: mapping.map(([sourceElementId, targetElementId]) => ({
    sourceElementId,
    targetElementId,
  })),
});

export function migrate(
  t: RestTestEngine,
  processInstanceKey: string,
  targetProcessDefinitionKey: string,
  mapping: [string, string][],
) {
  const body = { processInstanceKey, ...plan(targetProcessDefinitionKey, mapping) };
  return t.api.migrateProcessInstance(body as never);
}

/** Expects the migration refused with 409 and Zeebe's text, and the instance's element instances unchanged. */
export async function refused(
  t: RestTestEngine,
  processInstanceKey: string,
  targetProcessDefinitionKey: string,
  mapping: [string, string][],
  reason: string,
): Promise<void> {
  const before = await elementInstances(t, processInstanceKey);
  const answer = await t.http(
    'POST',
    `/v2/process-instances/${processInstanceKey}/migration`,
    plan(targetProcessDefinitionKey, mapping),
  );
  expect(answer.status).toBe(409);
  expect(answer.json.detail).toBe(`Command 'MIGRATE' rejected with code 'INVALID_STATE': ${reason}`);
  expect(await elementInstances(t, processInstanceKey)).toEqual(before);
}

export async function elementInstances(t: RestTestEngine, processInstanceKey: string) {
  await t.caughtUp();
  const found = await t.api.searchElementInstances(
    {
      filter: { processInstanceKey: processInstanceKey as never },
      sort: [{ field: 'startDate' }, { field: 'elementInstanceKey' }],
    },
    now,
  );
  return found.items!;
}

export async function userTasks(t: RestTestEngine, processInstanceKey: string) {
  await t.caughtUp();
  const found = await t.rest.searchUserTasks({
    filter: { processInstanceKey },
    sort: [{ field: 'creationDate', order: 'ASC' }],
  });
  return found.items;
}

export async function processInstance(t: RestTestEngine, processInstanceKey: string) {
  await t.caughtUp();
  return t.api.getProcessInstance({ processInstanceKey: processInstanceKey as never }, now);
}
