// REST API v2: Camunda user tasks (ZEEBE-SEMANTICS §9.4) — found by candidate group, assigned,
// completed with variables that drive the next gateway; search filters and sorts; get, form,
// variables; unassign, claim conflicts, update — through the real HTTP port.
import { definitions, element, flow, ioMapping, process, userTask } from '../support/bpmn';
import { eventually, startRestEngine, type RestTestEngine } from './support/rest-harness';

jest.setTimeout(20_000);

let t: RestTestEngine;
beforeEach(async () => {
  t = await startRestEngine();
});
afterEach(async () => {
  await t.close();
});

const now = { consistency: { waitUpToMs: 0 } };

const form = JSON.stringify({
  id: 'review-form',
  type: 'default',
  components: [{ key: 'approved', label: '同意', type: 'checkbox' }],
});

/** start → review (unit = candidate group) → decide on `approved` → endApproved / endRejected. */
const review = definitions(
  process(
    'review',
    [
      '<bpmn:startEvent id="start" />',
      userTask(
        'check',
        [
          '<zeebe:assignmentDefinition candidateGroups="=unit" candidateUsers="li" />',
          '<zeebe:taskSchedule dueDate="=due" followUpDate="=followUp" />',
          '<zeebe:priorityDefinition priority="=urgency" />',
          '<zeebe:formDefinition formId="review-form" />',
          ioMapping([['="local " + unit', 'note']]),
        ].join(''),
      ).replace('<bpmn:userTask id="check"', '<bpmn:userTask id="check" name="审核"'),
      element('exclusiveGateway', 'decide', { attrs: { default: 'no' } }),
      '<bpmn:endEvent id="endApproved" />',
      '<bpmn:endEvent id="endRejected" />',
      flow('f0', 'start', 'check'),
      flow('f1', 'check', 'decide'),
      flow('yes', 'decide', 'endApproved', '=approved'),
      flow('no', 'decide', 'endRejected'),
    ].join('\n'),
  ),
);

async function start(
  unit: string,
  due: string,
  followUp: string,
  urgency: number,
  note = 'top',
): Promise<string> {
  const r = await t.rest.createProcessInstance({
    processDefinitionId: 'review',
    variables: { unit, due, followUp, urgency, note },
  });
  return r.processInstanceKey;
}

async function deployReview() {
  await t.deploy({ name: 'review.bpmn', content: review }, { name: 'review.form', content: form });
}

describe('the inbox of a unit', () => {
  it('finds a task by candidate group, assigns it, and completion variables drive the gateway', async () => {
    await deployReview();
    const court = await start('court', '2026-03-10T17:00:00+08:00', '2026-03-09T09:00:00+08:00', 60);
    const police = await start('police', '2026-03-12T17:00:00+08:00', '2026-03-11T09:00:00+08:00', 40);

    const inbox = await eventually(
      () => t.rest.searchUserTasks({ filter: { candidateGroup: 'court', state: 'CREATED' } }),
      (r) => r.items.length === 1,
    );
    const task = inbox.items[0];
    expect(task).toMatchObject({
      name: '审核',
      elementId: 'check',
      state: 'CREATED',
      candidateGroups: ['court'],
      candidateUsers: ['li'],
      processInstanceKey: court,
      processDefinitionId: 'review',
      priority: 60,
      dueDate: '2026-03-10T09:00:00.000Z',
      followUpDate: '2026-03-09T01:00:00.000Z',
      formKey: expect.stringMatching(/^\d+$/),
    });
    expect(task.assignee).toBeUndefined();

    await t.rest.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'zhang' });
    const mine = await eventually(
      () => t.rest.searchUserTasks({ filter: { assignee: 'zhang' } }),
      (r) => r.items.length === 1,
    );
    expect(mine.items[0].userTaskKey).toBe(task.userTaskKey);

    await t.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true } });
    const done = await eventually(
      () => t.api.getProcessInstance({ processInstanceKey: court }, now).catch(() => undefined),
      (p) => p?.state === 'COMPLETED',
    );
    expect(done?.endDate).toBeDefined();
    const flows = await t.api.getProcessInstanceSequenceFlows({ processInstanceKey: court }, now);
    expect(flows.items!.map((f) => String(f.elementId)).sort()).toEqual(['f0', 'f1', 'yes']);
    const completed = await t.api.getUserTask({ userTaskKey: task.userTaskKey }, now);
    expect(completed).toMatchObject({ state: 'COMPLETED', assignee: 'zhang' });
    expect(completed.completionDate).toBeDefined();
    // the other unit's task is untouched, and completing a finished task is refused
    const other = await t.rest.searchUserTasks({ filter: { processInstanceKey: police } });
    expect(other.items.map((i) => i.state)).toEqual(['CREATED']);
    const again = await t.http('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, {});
    expect(again.status).toBe(404);
    expect(again.json.title).toBe('NOT_FOUND');
  });

  it('filters by assignee, candidate user, element, due and follow-up ranges and priority; sorts by them', async () => {
    await deployReview();
    const a = await start('court', '2026-03-10T17:00:00+08:00', '2026-03-05T09:00:00+08:00', 80);
    const b = await start('court', '2026-03-20T17:00:00+08:00', '2026-03-01T09:00:00+08:00', 20);
    const c = await start('police', '2026-03-15T17:00:00+08:00', '2026-03-03T09:00:00+08:00', 50);
    const tasks = await eventually(
      () => t.api.searchUserTasks({}, now),
      (r) => r.items.length === 3,
    );
    const keyOf = (pi: string) => tasks.items.find((i) => String(i.processInstanceKey) === pi)!.userTaskKey;
    await t.api.assignUserTask({ userTaskKey: keyOf(b), assignee: 'wang' });
    await t.caughtUp();
    const order = (r: { items: { processInstanceKey?: unknown }[] }) =>
      r.items.map((i) => String(i.processInstanceKey));

    expect(order(await t.api.searchUserTasks({ filter: { assignee: 'wang' } }, now))).toEqual([b]);
    expect(order(await t.api.searchUserTasks({ filter: { assignee: { $exists: false } } }, now))).toEqual([
      a,
      c,
    ]);
    expect(
      (await t.api.searchUserTasks({ filter: { candidateUser: 'li', elementId: 'check' as never } }, now))
        .items,
    ).toHaveLength(3);
    expect(
      (await t.api.searchUserTasks({ filter: { candidateGroup: { $in: ['court', 'x'] } } }, now)).items,
    ).toHaveLength(2);
    const dueInRange = await t.api.searchUserTasks(
      { filter: { dueDate: { $gte: '2026-03-11T16:00:00Z', $lt: '2026-03-20T16:00:00Z' } } },
      now,
    );
    expect(order(dueInRange)).toEqual([b, c]);
    const followUpBefore = await t.api.searchUserTasks(
      { filter: { followUpDate: { $lte: '2026-03-03T01:00:00Z' } } },
      now,
    );
    expect(order(followUpBefore)).toEqual([b, c]);
    expect(order(await t.api.searchUserTasks({ filter: { priority: { $gt: 40 } } }, now))).toEqual([a, c]);
    expect(order(await t.api.searchUserTasks({ filter: { processInstanceKey: c as never } }, now))).toEqual([
      c,
    ]);

    expect(order(await t.api.searchUserTasks({ sort: [{ field: 'priority', order: 'DESC' }] }, now))).toEqual(
      [a, c, b],
    );
    expect(order(await t.api.searchUserTasks({ sort: [{ field: 'dueDate' }] }, now))).toEqual([a, c, b]);
    expect(
      order(await t.api.searchUserTasks({ sort: [{ field: 'followUpDate', order: 'DESC' }] }, now)),
    ).toEqual([a, c, b]);
    expect(
      order(await t.api.searchUserTasks({ sort: [{ field: 'creationDate', order: 'DESC' }] }, now)),
    ).toEqual([c, b, a]);
  });
});

describe('one task', () => {
  it('has its form, sees its variables (local first), and can be unassigned, claimed and updated', async () => {
    await deployReview();
    const pi = await start('court', '2026-03-10T17:00:00+08:00', '2026-03-05T09:00:00+08:00', 50);
    const [task] = (
      await eventually(
        () => t.rest.searchUserTasks({ filter: { processInstanceKey: pi } }),
        (r) => r.items.length === 1,
      )
    ).items;
    const k = task.userTaskKey;

    const taskForm = await t.api.getUserTaskForm({ userTaskKey: k }, now);
    expect(taskForm).toMatchObject({ formId: 'review-form', schema: JSON.parse(form) });

    const vars = await t.rest.searchUserTaskVariables({
      userTaskKey: k,
      sort: [{ field: 'name', order: 'ASC' }],
    });
    expect(vars.items.map((v) => [v.name, v.value])).toEqual([
      ['due', '"2026-03-10T17:00:00+08:00"'],
      ['followUp', '"2026-03-05T09:00:00+08:00"'],
      ['note', '"local court"'],
      ['unit', '"court"'],
      ['urgency', '50'],
    ]);
    const named = await t.api.searchUserTaskVariables({ userTaskKey: k, filter: { name: 'note' } }, now);
    expect(named.items.map((v) => v.value)).toEqual(['"local court"']);

    await t.api.assignUserTask({ userTaskKey: k, assignee: 'zhang' });
    const conflict = await t.http('POST', `/v2/user-tasks/${k}/assignment`, {
      assignee: 'wang',
      allowOverride: false,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.json.title).toBe('INVALID_STATE');
    await t.rest.unassignUserTask({ userTaskKey: k });
    await t.api.assignUserTask({ userTaskKey: k, assignee: 'wang', allowOverride: false });

    await t.api.updateUserTask({
      userTaskKey: k,
      changeset: {
        dueDate: '2026-04-01T04:00:00Z',
        priority: 90,
        candidateGroups: ['court', 'procuratorate'],
      },
    });
    // '' clears a date (the typed client only sends date-times, so this goes over plain HTTP)
    const cleared = await t.http('PATCH', `/v2/user-tasks/${k}`, { changeset: { followUpDate: '' } });
    expect(cleared.status).toBe(204);
    const updated = await eventually(
      () => t.api.getUserTask({ userTaskKey: k }, now),
      (u) => u.priority === 90 && u.followUpDate === undefined,
    );
    expect(updated).toMatchObject({
      assignee: 'wang',
      dueDate: '2026-04-01T04:00:00.000Z',
      candidateGroups: ['court', 'procuratorate'],
      state: 'CREATED',
    });
    expect(updated.followUpDate).toBeUndefined();
    const byNewGroup = await t.rest.searchUserTasks({ filter: { candidateGroup: 'procuratorate' } });
    expect(byNewGroup.items.map((i) => i.userTaskKey)).toEqual([k]);

    const empty = await t.http('PATCH', `/v2/user-tasks/${k}`, { changeset: {} });
    expect(empty.status).toBe(400);
    expect(empty.json.detail).toMatch(/No update data provided/);
    const missing = await t.http('GET', '/v2/user-tasks/2251799813999999');
    expect(missing.status).toBe(404);
  });
});

describe('a due date modelled as a FEEL date-time value with a region', () => {
  it('is kept in the record as ZonedDateTime.toString() and shown by the REST API as its instant', async () => {
    const schedule =
      '<zeebe:taskSchedule dueDate="=date and time(&quot;2027-01-15T10:00:00@Asia/Shanghai&quot;)" ' +
      'followUpDate="=date and time(&quot;2027-07-15T10:00:00@Europe/Berlin&quot;)" />';
    const bpmn = definitions(
      process(
        'dated',
        ['<bpmn:startEvent id="start" />', userTask('check', schedule), flow('f0', 'start', 'check')].join(
          '\n',
        ),
      ),
    );
    await t.deploy({ name: 'dated.bpmn', content: bpmn });
    await t.rest.createProcessInstance({ processDefinitionId: 'dated', variables: {} });
    const found = await eventually(
      () => t.api.searchUserTasks({ filter: { elementId: 'check' as never } }, now),
      (r) => r.items.length === 1,
    );
    // The record keeps the region's text (test/engine/user-tasks.test.ts); the search, like the other dates here,
    // the instant it names: 10:00 in Shanghai (+08:00) and 10:00 in Berlin in summer (+02:00).
    expect(found.items[0]).toMatchObject({
      dueDate: '2027-01-15T02:00:00.000Z',
      followUpDate: '2027-07-15T08:00:00.000Z',
    });
    const task = await t.api.getUserTask({ userTaskKey: found.items[0].userTaskKey }, now);
    expect(task).toMatchObject({
      dueDate: '2027-01-15T02:00:00.000Z',
      followUpDate: '2027-07-15T08:00:00.000Z',
    });
  });
});
