// Conformance: user tasks (ZEEBE-SEMANTICS §9, §4.10): Camunda user tasks with assignment,
// candidates, schedule, priority and linked forms, their USER_TASK records and their completion
// through the engine's USER_TASK COMPLETE command; FORM_NOT_FOUND; job-worker user tasks.
import { definitions, element, flow, process, userTask } from './support/bpmn';
import { engineForEachTest } from './support/harness';
import { completeNext, elementKey, grpcError, nextJob, Status, waitForIncident } from './support/work';
import type { UserTaskValue } from '../../engine/protocol/values';

const t = engineForEachTest();

const form = JSON.stringify({
  id: 'petition-form',
  type: 'default',
  components: [{ key: 'approved', label: '同意', type: 'checkbox' }],
  schemaVersion: 16,
});

/** start → review (user task) → decide (approved?) → endApproved / endRejected. */
function review(taskExt: string, native = true): string {
  const task = native ? userTask('review', taskExt) : element('userTask', 'review', { ext: taskExt });
  return definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        task,
        element('exclusiveGateway', 'decide', { attrs: { default: 'no' } }),
        '<bpmn:endEvent id="endApproved" />',
        '<bpmn:endEvent id="endRejected" />',
        flow('f0', 'start', 'review'),
        flow('f1', 'review', 'decide'),
        flow('yes', 'decide', 'endApproved', '=approved'),
        flow('no', 'decide', 'endRejected'),
      ].join('\n'),
    ),
  );
}

const fullTask = [
  '<zeebe:assignmentDefinition assignee="=initiator" candidateGroups="court, police" candidateUsers="=[&quot;li&quot;, &quot;wang&quot;]" />',
  '<zeebe:taskSchedule dueDate="2026-03-10T17:00:00+08:00" followUpDate="=followUp" />',
  '<zeebe:priorityDefinition priority="=urgency * 10" />',
  '<zeebe:formDefinition formId="petition-form" />',
  '<zeebe:taskHeaders><zeebe:header key="unit" value="法院" /></zeebe:taskHeaders>',
].join('');

function userTaskEvents(intent?: string) {
  return t.records.events('USER_TASK', intent);
}

/** The engine's USER_TASK COMPLETE command, as the REST API sends it. */
async function completeUserTask(userTaskKey: number, variables: Record<string, unknown>) {
  const value = { ...userTaskEvents('CREATED')[0].value, variables, action: '' } as UserTaskValue;
  return t.server.engine.execute('USER_TASK', 'COMPLETE', value, userTaskKey);
}

describe('Camunda user tasks (zeebe:userTask)', () => {
  it('are created with assignee, candidates, schedule, priority, form and headers evaluated on activation', async () => {
    const deployed = (await t.deploy(
      { name: 'p.bpmn', content: review(fullTask) },
      { name: 'petition.form', content: form },
    )) as { deployments: { form?: { formKey: string } }[] };
    const formKey = Number(deployed.deployments.find((d) => d.form)!.form!.formKey);
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { initiator: 'zhang', followUp: '2026-03-09T09:00:00+08:00', urgency: 8 },
    });
    await t.records.waitForEvent('USER_TASK', 'ASSIGNED');
    const taskKey = elementKey(t, 'review', processInstanceKey);
    expect(userTaskEvents().map((r) => r.intent)).toEqual(['CREATING', 'CREATED', 'ASSIGNING', 'ASSIGNED']);
    const created = userTaskEvents('CREATED')[0];
    expect(created.value).toMatchObject({
      userTaskKey: created.key,
      assignee: '', // assignment is its own transition after creation
      candidateGroupsList: ['court', 'police'],
      candidateUsersList: ['li', 'wang'],
      // as Zeebe 8.8 keeps them: ZonedDateTime.toString() of the evaluated date (no `:00` seconds)
      dueDate: '2026-03-10T17:00+08:00',
      followUpDate: '2026-03-09T09:00+08:00',
      priority: 80,
      formKey,
      customHeaders: { unit: '法院' },
      elementId: 'review',
      elementInstanceKey: taskKey,
      bpmnProcessId: 'p',
      processInstanceKey: Number(processInstanceKey),
    });
    expect(created.key).not.toBe(taskKey);
    expect(userTaskEvents('ASSIGNED')[0].value).toMatchObject({
      assignee: 'zhang',
      changedAttributes: ['assignee'],
    });
    expect(t.records.lifecycle(processInstanceKey).slice(-2)).toEqual([
      'review:ELEMENT_ACTIVATING',
      'review:ELEMENT_ACTIVATED',
    ]);
    // A Camunda user task is no job.
    expect(t.records.events('JOB')).toEqual([]);
  });

  it.each([
    [true, 'endApproved'],
    [false, 'endRejected'],
  ])('complete through USER_TASK COMPLETE; approved = %s drives the gateway to %s', async (approved, end) => {
    await t.deploy({ name: 'p.bpmn', content: review(fullTask) }, { name: 'petition.form', content: form });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { initiator: 'zhang', urgency: 1, approved: 'not yet' },
    });
    const created = await t.records.waitForEvent('USER_TASK', 'CREATED');
    expect((created.value as UserTaskValue).followUpDate).toBe(''); // null (no followUp) means unset
    const result = await completeUserTask(created.key, { approved, comment: '可以' });
    expect(result.ok).toBe(true);
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(userTaskEvents().map((r) => r.intent)).toEqual([
      'CREATING',
      'CREATED',
      'ASSIGNING',
      'ASSIGNED',
      'COMPLETING',
      'COMPLETED',
    ]);
    expect(userTaskEvents('COMPLETED')[0].value.variables).toEqual({ approved, comment: '可以' });
    expect(t.records.lifecycle(processInstanceKey)).toContain(`${end}:ELEMENT_COMPLETED`);
    expect(t.records.variables(processInstanceKey)).toMatchObject({ approved, comment: '可以' });
  });

  it('apply output mappings to the completion variables', async () => {
    await t.deploy({
      name: 'p.bpmn',
      content: review(
        '<zeebe:ioMapping><zeebe:output source="=decision = &quot;yes&quot;" target="approved" /></zeebe:ioMapping>',
      ),
    });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const created = await t.records.waitForEvent('USER_TASK', 'CREATED');
    await completeUserTask(created.key, { decision: 'yes', note: 'not mapped' });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.variables(processInstanceKey)).toEqual({ approved: true });
    expect(t.records.lifecycle(processInstanceKey)).toContain('endApproved:ELEMENT_COMPLETED');
  });

  it('rejects completing a user task that is already completed with NOT_FOUND', async () => {
    await t.deploy({ name: 'p.bpmn', content: review('') });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const created = await t.records.waitForEvent('USER_TASK', 'CREATED');
    expect(await completeUserTask(created.key, { approved: true })).toEqual({ ok: true, value: {} });
    await t.records.waitForInstanceEnd(processInstanceKey);
    const again = await completeUserTask(created.key, {});
    expect(again).toMatchObject({ ok: false, rejectionType: 'NOT_FOUND' });
  });

  it('without attributes get priority 50, no assignment and no form', async () => {
    await t.deploy({ name: 'p.bpmn', content: review('') });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const created = await t.records.waitForEvent('USER_TASK', 'CREATED');
    expect(created.value).toMatchObject({
      assignee: '',
      candidateGroupsList: [],
      candidateUsersList: [],
      dueDate: '',
      followUpDate: '',
      priority: 50,
      formKey: -1,
    });
    expect(userTaskEvents().map((r) => r.intent)).toEqual(['CREATING', 'CREATED']);
  });

  it('raise FORM_NOT_FOUND when the linked form is not deployed, and are created once it is', async () => {
    await t.deploy({ name: 'p.bpmn', content: review('<zeebe:formDefinition formId="petition-form" />') });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'FORM_NOT_FOUND', elementId: 'review' });
    expect(incident.value.errorMessage).toMatch(/petition-form/);
    expect(userTaskEvents()).toEqual([]);

    const deployed = (await t.deploy({ name: 'petition.form', content: form })) as {
      deployments: { form?: { formKey: string } }[];
    };
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    const created = await t.records.waitForEvent('USER_TASK', 'CREATED');
    expect((created.value as UserTaskValue).formKey).toBe(Number(deployed.deployments[0].form!.formKey));
  });

  it('raise EXTRACT_VALUE_ERROR for a due date expression that is not a date-time', async () => {
    await t.deploy({ name: 'p.bpmn', content: review('<zeebe:taskSchedule dueDate="=due" />') });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { due: 'tomorrow' },
    });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'review' });
    await t.zeebe.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { due: '2026-03-10T17:00:00Z' },
      local: false,
    });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    const created = await t.records.waitForEvent('USER_TASK', 'CREATED');
    expect((created.value as UserTaskValue).dueDate).toBe('2026-03-10T17:00Z');
  });

  it('keep a modelled date as Zeebe 8.8 does: ZonedDateTime.toString() of the evaluated date', async () => {
    await t.deploy({
      name: 'p.bpmn',
      content: review('<zeebe:taskSchedule dueDate="=due" followUpDate="=followUp" />'),
    });
    // written → kept (BpmnUserTaskBehavior.evaluateDateExpression): `:00` seconds dropped, the fraction in groups
    // of three digits, UTC as `Z`, a region after the offset, an offset moved to the region's at the same instant
    const cases: [string, string][] = [
      ['2026-12-06T10:00:00+08:00', '2026-12-06T10:00+08:00'],
      ['2026-12-06T10:00:00+08:00[Asia/Shanghai]', '2026-12-06T10:00+08:00[Asia/Shanghai]'],
      ['2026-12-06T10:00:00+09:00[Asia/Shanghai]', '2026-12-06T09:00+08:00[Asia/Shanghai]'],
      ['2026-12-31T09:00:00.000Z', '2026-12-31T09:00Z'],
      ['2026-12-31T09:00:00.5Z', '2026-12-31T09:00:00.500Z'],
      ['2026-12-31T09:00:00.1234-05:00', '2026-12-31T09:00:00.123400-05:00'],
      ['2026-12-31T17:30:15+08:00', '2026-12-31T17:30:15+08:00'],
    ];
    for (const [written] of cases)
      await t.zeebe.createProcessInstance({
        bpmnProcessId: 'p',
        variables: { due: written, followUp: written },
      });
    await t.records.waitFor(() => t.records.events('USER_TASK', 'CREATED').length === cases.length);
    const kept = t.records.events('USER_TASK', 'CREATED').map((r) => (r.value as UserTaskValue).dueDate);
    expect(kept).toEqual(cases.map(([, k]) => k));
    const followUps = t.records
      .events('USER_TASK', 'CREATED')
      .map((r) => (r.value as UserTaskValue).followUpDate);
    expect(followUps).toEqual(kept);
  });

  it('keep a FEEL date-time value with a region as its ZonedDateTime.toString(), the region in brackets', async () => {
    // Zeebe's evaluateDateTimeExpression takes a DATE_TIME result as the ZonedDateTime itself and the task keeps
    // its toString(): the offset the region has at that instant, then the region.
    const cases: [string, string][] = [
      ['date and time("2027-01-15T10:00:00@Asia/Shanghai")', '2027-01-15T10:00+08:00[Asia/Shanghai]'],
      ['date and time("2027-07-15T10:00:00@Europe/Berlin")', '2027-07-15T10:00+02:00[Europe/Berlin]'],
      [
        'date and time("2027-01-15T10:00:30.25@Europe/Berlin")',
        '2027-01-15T10:00:30.250+01:00[Europe/Berlin]',
      ],
      [
        'date and time("2027-01-15T10:00:00@Asia/Shanghai") + duration("P1DT2H")',
        '2027-01-16T12:00+08:00[Asia/Shanghai]',
      ],
      [
        'date and time(date("2027-03-01"), time("08:30:00@Asia/Shanghai"))',
        '2027-03-01T08:30+08:00[Asia/Shanghai]',
      ],
      ['date and time("2027-01-15T10:00:00+01:00")', '2027-01-15T10:00+01:00'],
    ];
    for (const [i, [feel]] of cases.entries()) {
      const p = `p${i}`;
      const task = userTask('review', `<zeebe:taskSchedule dueDate="=${feel.replace(/"/g, '&quot;')}" />`);
      const content = definitions(
        process(p, [task, '<bpmn:startEvent id="start" />', flow('f0', 'start', 'review')].join('\n')),
      );
      await t.deploy({ name: `${p}.bpmn`, content });
      await t.zeebe.createProcessInstance({ bpmnProcessId: p, variables: {} });
      await t.records.waitFor(() => t.records.events('USER_TASK', 'CREATED').length === i + 1);
    }
    const kept = t.records.events('USER_TASK', 'CREATED').map((r) => (r.value as UserTaskValue).dueDate);
    expect(kept).toEqual(cases.map(([, k]) => k));
  });

  it('are canceled with their element when the instance is canceled', async () => {
    await t.deploy({ name: 'p.bpmn', content: review('') });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const created = await t.records.waitForEvent('USER_TASK', 'CREATED');
    await t.zeebe.cancelProcessInstance(processInstanceKey);
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(userTaskEvents().map((r) => r.intent)).toEqual(['CREATING', 'CREATED', 'CANCELING', 'CANCELED']);
    expect(await completeUserTask(created.key, {})).toMatchObject({ ok: false, rejectionType: 'NOT_FOUND' });
  });
});

describe('job-worker user tasks (no zeebe:userTask)', () => {
  it('create a job of type io.camunda.zeebe:userTask carrying assignment, schedule and form in reserved headers', async () => {
    const ext = [
      '<zeebe:assignmentDefinition assignee="=initiator" candidateGroups="court, police" candidateUsers="li" />',
      '<zeebe:taskSchedule dueDate="2026-03-10T17:00:00+08:00" />',
      '<zeebe:formDefinition formKey="custom:petition" />',
      '<zeebe:taskHeaders><zeebe:header key="unit" value="法院" /></zeebe:taskHeaders>',
    ].join('');
    await t.deploy({ name: 'p.bpmn', content: review(ext, false) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { initiator: 'zhang' },
    });
    const job = await nextJob(t, 'io.camunda.zeebe:userTask');
    expect(job.elementId).toBe('review');
    expect(job.customHeaders).toEqual({
      unit: '法院',
      'io.camunda.zeebe:assignee': 'zhang',
      'io.camunda.zeebe:candidateGroups': '["court","police"]',
      'io.camunda.zeebe:candidateUsers': '["li"]',
      'io.camunda.zeebe:dueDate': '2026-03-10T17:00+08:00',
      'io.camunda.zeebe:formKey': 'custom:petition',
    });
    expect(userTaskEvents()).toEqual([]);
    await t.zeebe.completeJob({ jobKey: job.key, variables: { approved: true } });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.lifecycle(processInstanceKey)).toContain('endApproved:ELEMENT_COMPLETED');
  });

  it('fail like any job: retries, incident, and completion only by the job worker', async () => {
    await t.deploy({ name: 'p.bpmn', content: review('', false) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const job = await nextJob(t, 'io.camunda.zeebe:userTask');
    expect(job.retries).toBe(3);
    await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'no tasklist', retryBackOff: 0 });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value.errorType).toBe('JOB_NO_RETRIES');
    await t.zeebe.updateJobRetries({ jobKey: job.key, retries: 1 });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await completeNext(t, 'io.camunda.zeebe:userTask', { approved: false });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.lifecycle(processInstanceKey)).toContain('endRejected:ELEMENT_COMPLETED');
    expect((await grpcError(t.zeebe.completeJob({ jobKey: job.key, variables: {} }))).code).toBe(
      Status.NOT_FOUND,
    );
  });
});
