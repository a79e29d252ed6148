// REST API v2: POST /v2/process-instances/{key}/modification through the typed Orchestration Cluster client —
// and the acceptance case: a real zhuanban process (processes/rectification.bpmn, every model and form deployed as
// `zhuanban deploy` does) waiting at 整改落实并报送进展 is moved back to 签收督办通知书; the searches (instance,
// element instances, statistics, user tasks) show the move, and the instance goes on from there.
import { chain, serviceTask } from '../support/bpmn';
import { eventually, startRestEngine, type RestTestEngine } from './support/rest-harness';
import { deployAll } from '../../processes/support/engine';
import { defaultStubs } from '../../processes/support/stubs';

jest.setTimeout(30_000);

let t: RestTestEngine;
beforeEach(async () => {
  t = await startRestEngine();
});
afterEach(async () => {
  await t.close();
});

const now = { consistency: { waitUpToMs: 0 } };

async function elementInstances(processInstanceKey: string) {
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

describe('POST /v2/process-instances/{key}/modification', () => {
  it('moves a token with the typed client (204), and answers rejections and bad bodies as problems', async () => {
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('A', 'a'), serviceTask('B', 'b')) });
    const { processInstanceKey } = await t.rest.createProcessInstance({
      processDefinitionId: 'p',
      variables: {},
    });
    const a = await eventually(
      () => elementInstances(processInstanceKey),
      (items) => items.some((e) => e.elementId === 'A'),
    ).then((items) => items.find((e) => e.elementId === 'A')!.elementInstanceKey);

    await t.api.modifyProcessInstance({
      processInstanceKey: processInstanceKey as never,
      activateInstructions: [
        { elementId: 'B' as never, variableInstructions: [{ variables: { moved: true }, scopeId: 'B' }] },
      ],
      terminateInstructions: [{ elementInstanceKey: a }],
    });
    const items = await eventually(
      () => elementInstances(processInstanceKey),
      (list) => list.some((e) => e.elementId === 'B'),
    );
    expect(items.map((e) => `${e.elementId}:${e.state}`)).toEqual([
      'start:COMPLETED',
      'A:TERMINATED',
      'B:ACTIVE',
    ]);
    const [job] = await t.zeebe.activateJobs({
      type: 'b',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 10_000,
      requestTimeout: 2_000,
    });
    expect(JSON.parse(JSON.stringify(job.variables))).toEqual({ moved: true });

    const unknown = await t.http('POST', `/v2/process-instances/${processInstanceKey}/modification`, {
      activateInstructions: [{ elementId: 'nope' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.detail).toBe(
      "Command 'MODIFY' rejected with code 'INVALID_ARGUMENT': Expected to modify instance of process 'p' but it contains one or more activate instructions with an element that could not be found: 'nope'",
    );
    const missing = await t.http('POST', '/v2/process-instances/2251799813685999/modification', {
      terminateInstructions: [{ elementInstanceKey: '2251799813685999' }],
    });
    expect(missing.status).toBe(404);
    expect(missing.json.detail).toContain("no process instance found with key '2251799813685999'");
    const bad = await t.http('POST', `/v2/process-instances/${processInstanceKey}/modification`, {
      activateInstructions: [{ elementId: 'B', ancestorScopeKey: '1' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.detail).toContain('ancestorScopeKey');
    // none of the refused requests changed anything
    expect((await elementInstances(processInstanceKey)).map((e) => `${e.elementId}:${e.state}`)).toEqual([
      'start:COMPLETED',
      'A:TERMINATED',
      'B:ACTIVE',
    ]);
  });
});

describe('acceptance: rectification.bpmn waiting at a user task', () => {
  it('moves the token back from 整改落实并报送进展 to 签收督办通知书; searches and statistics follow', async () => {
    await deployAll(t.zeebe);
    const stubs = defaultStubs(() => Date.now());
    /** Completes the next job of the type with the answer the worker would give. */
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
    };
    const tasks = async (processInstanceKey: string) => {
      await t.caughtUp();
      const found = await t.rest.searchUserTasks({
        filter: { processInstanceKey },
        sort: [{ field: 'creationDate', order: 'ASC' }],
      });
      return found.items.map((u) => ({
        elementId: u.elementId,
        state: u.state,
        key: u.userTaskKey,
        groups: u.candidateGroups,
      }));
    };

    const { processInstanceKey } = await t.rest.createProcessInstance({
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
    expect(ack).toMatchObject({ elementId: 'Task_Acknowledge', state: 'CREATED', groups: ['police'] });
    await t.rest.completeUserTask({ userTaskKey: ack.key, variables: { liaisonName: '联系人乙' } });
    await work('zhuanban.ledger.acknowledge');
    const waiting = await eventually(
      () => tasks(processInstanceKey),
      (list) => list.some((u) => u.elementId === 'Task_Rectify'),
    );
    const rectify = (await elementInstances(processInstanceKey)).find((e) => e.elementId === 'Task_Rectify')!;
    expect(rectify.state).toBe('ACTIVE');
    expect(waiting.map((u) => `${u.elementId}:${u.state}`)).toEqual([
      'Task_Acknowledge:COMPLETED',
      'Task_Rectify:CREATED',
    ]);

    // Operate's repair: the unit must sign for the notice again.
    await t.api.modifyProcessInstance({
      processInstanceKey: processInstanceKey as never,
      activateInstructions: [{ elementId: 'Task_Acknowledge' as never }],
      terminateInstructions: [{ elementInstanceKey: rectify.elementInstanceKey }],
    });

    const after = await eventually(
      () => tasks(processInstanceKey),
      (list) => list.length === 3,
    );
    expect(after.map((u) => `${u.elementId}:${u.state}`)).toEqual([
      'Task_Acknowledge:COMPLETED',
      'Task_Rectify:CANCELED',
      'Task_Acknowledge:CREATED',
    ]);
    expect(after[2].groups).toEqual(['police']);
    const elements = await elementInstances(processInstanceKey);
    const states = (id: string) => elements.filter((e) => e.elementId === id).map((e) => e.state);
    expect(states('Task_Rectify')).toEqual(['TERMINATED']);
    expect(states('Task_Acknowledge')).toEqual(['COMPLETED', 'ACTIVE']);
    expect(states('SubProcess_Rectify')).toEqual(['ACTIVE']); // the running round is kept, not restarted
    const stats = await t.api.getProcessInstanceStatistics(
      { processInstanceKey: processInstanceKey as never },
      now,
    );
    expect(stats.items).toContainEqual({
      elementId: 'Task_Acknowledge',
      active: 1,
      canceled: 0,
      incidents: 0,
      completed: 1,
    });
    expect(stats.items).toContainEqual({
      elementId: 'Task_Rectify',
      active: 0,
      canceled: 1,
      incidents: 0,
      completed: 0,
    });
    const instance = await t.api.getProcessInstance({ processInstanceKey: processInstanceKey as never }, now);
    expect(instance.state).toBe('ACTIVE');
    const active = await t.api.searchProcessInstances(
      { filter: { processDefinitionId: 'rectification' as never, state: 'ACTIVE' } },
      now,
    );
    expect(active.items!.map((p) => String(p.processInstanceKey))).toEqual([processInstanceKey]);

    // and the instance goes on from the earlier step
    await t.rest.completeUserTask({ userTaskKey: after[2].key, variables: {} });
    await work('zhuanban.ledger.acknowledge');
    const again = await eventually(
      () => tasks(processInstanceKey),
      (list) => list.length === 4,
    );
    expect(again[3]).toMatchObject({ elementId: 'Task_Rectify', state: 'CREATED' });
  });
});
