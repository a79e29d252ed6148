// REST API v2: POST /v2/process-instances/{key}/migration through the typed Orchestration Cluster client — and
// the acceptance case: a real zhuanban process (processes/rectification.bpmn, every model and form deployed as
// `zhuanban deploy` does) waiting at 整改落实并报送进展 is migrated to a v2 with one more step
// (test/engine/fixtures/rectification-v2.bpmn adds 核验整改佐证材料 after it); the task keeps its key and completes,
// the searches (instance, element instances, statistics, user tasks) show v2, and the instance passes the new step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, startRestEngine, type RestTestEngine } from './support/rest-harness';
import {
  deployedKey,
  elementInstances,
  migrate,
  now,
  processInstance,
  refused,
  userTasks,
} from './support/migration';
import { chain } from '../support/bpmn';
import { event, message, messageDef } from '../support/events';
import { deployAll } from '../../processes/support/engine';
import { defaultStubs } from '../../processes/support/stubs';

jest.setTimeout(60_000);

let t: RestTestEngine;
beforeEach(async () => {
  t = await startRestEngine();
});
afterEach(async () => {
  await t.close();
});

const v2 = readFileSync(join(__dirname, '..', 'fixtures', 'rectification-v2.bpmn'), 'utf8');

async function tasks(processInstanceKey: string) {
  return (await userTasks(t, processInstanceKey)).map((u) => ({
    elementId: u.elementId,
    state: u.state,
    key: u.userTaskKey,
    groups: u.candidateGroups,
    definition: String(u.processDefinitionKey),
    version: u.processDefinitionVersion,
  }));
}

describe('acceptance: rectification.bpmn waiting at a user task, migrated to a v2 with one more step', () => {
  it('keeps the task, shows v2 in every search, refuses bad plans and goes on through the new step', async () => {
    await deployAll(t.zeebe);
    const stubs = defaultStubs(() => Date.now());
    const work = async (type: string) => {
      const jobs = await t.zeebe.activateJobs({
        type,
        worker: 'test',
        maxJobsToActivate: 1,
        timeout: 10_000,
        requestTimeout: 3_000,
      });
      expect(jobs).toHaveLength(1);
      const job = jobs[0];
      const answer = stubs[type]?.({
        type,
        elementId: job.elementId,
        bpmnProcessId: job.bpmnProcessId,
        headers: job.customHeaders as Record<string, string>,
        variables: JSON.parse(JSON.stringify(job.variables)) as Record<string, unknown>,
      });
      await t.zeebe.completeJob({ jobKey: job.key, variables: (answer ?? {}) as never });
      return job;
    };

    const { processInstanceKey, processDefinitionKey: v1 } = await t.rest.createProcessInstance({
      processDefinitionId: 'rectification',
      variables: {
        source: 'supervision',
        problem: '北辰冷链物流有限公司场地被堵，处置不力',
        measures: '依法处置并反馈',
        leadUnitCode: 'police',
        dueDate: '2026-12-31',
      },
    });
    await work('zhuanban.ledger.open');
    await work('zhuanban.deadlines.compute');
    await work('zhuanban.ledger.issueNotice');
    const [ack] = await eventually(
      () => tasks(processInstanceKey),
      (list) => list.length === 1,
    );
    await t.rest.completeUserTask({ userTaskKey: ack.key, variables: { liaisonName: '联系人乙' } });
    await work('zhuanban.ledger.acknowledge');
    const waiting = await eventually(
      () => tasks(processInstanceKey),
      (list) => list.some((u) => u.elementId === 'Task_Rectify'),
    );
    const rectify = waiting.find((u) => u.elementId === 'Task_Rectify')!;

    const deployed = await t.deploy({ name: 'rectification.bpmn', content: v2 });
    const target = deployed.processes[0];
    expect(target.processDefinitionVersion).toBe(2);
    const same = (id: string): [string, string] => [id, id];
    const mappings = ['SubProcess_Rectify', 'Task_Rectify', 'Timer_Blue', 'Timer_Yellow', 'Timer_Red'].map(
      same,
    );

    // a plan that leaves an active element unmapped is refused (409) and changes nothing
    await refused(
      t,
      processInstanceKey,
      target.processDefinitionKey,
      [same('Task_Rectify')],
      `Expected to migrate process instance '${processInstanceKey}' but no mapping instruction defined for active element with id 'SubProcess_Rectify'. Elements cannot be migrated without a mapping.`,
    );
    const body = {
      mappingInstructions: mappings.map(([sourceElementId, targetElementId]) => ({
        sourceElementId,
        targetElementId,
      })),
    };
    const noTarget = await t.http('POST', `/v2/process-instances/${processInstanceKey}/migration`, body);
    expect(noTarget.status).toBe(400);
    expect(noTarget.json.detail).toContain('targetProcessDefinitionKey');
    const missing = await t.http('POST', '/v2/process-instances/2251799813685999/migration', {
      ...body,
      targetProcessDefinitionKey: target.processDefinitionKey,
    });
    expect(missing.status).toBe(404);
    expect((await tasks(processInstanceKey)).map((u) => u.definition)).toEqual([v1, v1]);

    await migrate(t, processInstanceKey, target.processDefinitionKey, mappings);

    const migrated = await eventually(
      () => tasks(processInstanceKey),
      (list) => list.some((u) => u.definition === target.processDefinitionKey),
    );
    expect(migrated.map((u) => `${u.elementId}:${u.state}:${u.version}`)).toEqual([
      'Task_Acknowledge:COMPLETED:1',
      'Task_Rectify:CREATED:2',
    ]);
    expect(migrated[1].key).toBe(rectify.key);
    const instance = await processInstance(t, processInstanceKey);
    expect([String(instance.processDefinitionKey), instance.processDefinitionVersion]).toEqual([
      target.processDefinitionKey,
      2,
    ]);
    const active = (await elementInstances(t, processInstanceKey)).filter((e) => e.state === 'ACTIVE');
    expect(active.map((e) => `${e.elementId}:${String(e.processDefinitionKey)}`)).toEqual([
      `SubProcess_Rectify:${target.processDefinitionKey}`,
      `Task_Rectify:${target.processDefinitionKey}`,
    ]);
    const stats = await t.api.getProcessDefinitionStatistics(
      { processDefinitionKey: target.processDefinitionKey as never },
      now,
    );
    expect(stats.items).toContainEqual({
      elementId: 'Task_Rectify',
      active: 1,
      canceled: 0,
      incidents: 0,
      completed: 0,
    });
    const old = await t.api.getProcessDefinitionStatistics({ processDefinitionKey: v1 as never }, now);
    expect(old.items!.find((s) => String(s.elementId) === 'Task_Rectify')).toBeUndefined();
    const byVersion = await t.api.searchProcessInstances(
      { filter: { processDefinitionKey: target.processDefinitionKey as never, state: 'ACTIVE' } },
      now,
    );
    expect(byVersion.items!.map((p) => String(p.processInstanceKey))).toEqual([processInstanceKey]);

    // the migrated task completes, and the instance passes through the step v2 added
    await t.rest.completeUserTask({
      userTaskKey: rectify.key,
      variables: { rectificationAction: 'submit', progressNote: '已清理场地' },
    });
    const verify = await eventually(
      () => tasks(processInstanceKey),
      (list) => list.some((u) => u.elementId === 'Task_VerifyEvidence'),
    );
    expect(verify[2]).toMatchObject({
      elementId: 'Task_VerifyEvidence',
      state: 'CREATED',
      groups: ['police'],
    });
    await t.rest.completeUserTask({ userTaskKey: verify[2].key, variables: {} });
    const recorded = await work('zhuanban.ledger.recordProgress');
    expect([recorded.elementId, recorded.processDefinitionVersion]).toEqual(['Task_RecordProgress', 2]);
    const passed = await elementInstances(t, processInstanceKey);
    expect(passed.filter((e) => e.elementId === 'Task_VerifyEvidence').map((e) => e.state)).toEqual([
      'COMPLETED',
    ]);
  });
});

describe('a message subscription moved by a migration', () => {
  it('is MIGRATED in the subscription search, naming the target event and definition; the message completes it', async () => {
    const waiting = (id: string) =>
      chain('p', event('intermediateCatchEvent', id, messageDef('m'))).replace(
        '</bpmn:definitions>',
        `${message('m', 'remind', '=caseId')}</bpmn:definitions>`,
      );
    await deployedKey(t, 'p.bpmn', waiting('wait'));
    const pi = (
      await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: { caseId: 'k-9' } })
    ).processInstanceKey;
    await eventually(
      async () => {
        await t.caughtUp();
        return t.api.searchMessageSubscriptions({ filter: { processInstanceKey: pi as never } }, now);
      },
      (r) => r.items?.length === 1,
    );
    const target = await deployedKey(t, 'p.bpmn', waiting('wait2'));

    await migrate(t, pi, target, [['wait', 'wait2']]);

    const moved = await eventually(
      async () => {
        await t.caughtUp();
        return t.api.searchMessageSubscriptions({ filter: { processInstanceKey: pi as never } }, now);
      },
      (r) => r.items?.[0]?.messageSubscriptionState === 'MIGRATED',
    );
    expect(moved.items).toHaveLength(1);
    expect(moved.items![0]).toMatchObject({
      elementId: 'wait2',
      processDefinitionKey: target,
      processDefinitionId: 'p',
      messageName: 'remind',
      correlationKey: 'k-9',
    });
    await t.rest.publishMessage({ name: 'remind', correlationKey: 'k-9', timeToLive: 0, variables: {} });
    const done = await eventually(
      () => t.api.getProcessInstance({ processInstanceKey: pi as never }, now).catch(() => undefined),
      (p) => p?.state === 'COMPLETED',
    );
    expect(done?.processDefinitionVersion).toBe(2);
  });
});
