// Conformance: `canceling` user task listeners (Camunda 8.8). A user task terminated by the instance's
// cancellation or by an interrupting boundary event writes CANCELING and waits, its element TERMINATING,
// while its canceling listeners run as TASK_LISTENER jobs; the last one's completion writes CANCELED and
// the command CONTINUE_TERMINATING_ELEMENT, and the termination goes on (the boundary event only now, and
// not at all when its scope was canceled meanwhile). The command that canceled is answered at once; a
// canceling listener cannot deny but can correct. Through the real HTTP port with the typed 8.8 client,
// the record stream, and a restart whose journal-only replay equals the live state.
import { chain, definitions, flow, process, userTask } from '../support/bpmn';
import { boundary, signal, signalDef } from '../support/events';
import { journalOnlyState } from '../support/replay';
import { boot, closeAfterEach, dataFolder, now, records, t } from './support/listener-engine';
import { activateListenerJob, jobTrail, listeners, taskEvents } from './support/task-listeners';
import type { EngineRecord } from '../../../engine/protocol/record';

jest.setTimeout(60_000);

closeAfterEach();

/** The user task `review` with the listeners, after an interrupting signal boundary `recalled` → `recalledEnd`. */
function withRecall(ext: string): string {
  const body = [
    '<bpmn:startEvent id="start" />',
    userTask('review', ext),
    boundary('recalled', 'review', signalDef('recall'), true),
    '<bpmn:endEvent id="end" />',
    '<bpmn:endEvent id="recalledEnd" />',
    flow('f1', 'start', 'review'),
    flow('f2', 'review', 'end'),
    flow('f3', 'recalled', 'recalledEnd'),
  ].join('\n');
  return definitions(process('p', body), signal('recall', '撤回'));
}

async function start(xml: string): Promise<string> {
  await t.deploy({ name: 'p.bpmn', content: xml });
  const pi = (await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: {} }))
    .processInstanceKey;
  await records.waitForEvent('USER_TASK', 'CREATED');
  return pi;
}

function userTaskKey(): number {
  return records.events('USER_TASK', 'CREATED')[0].key;
}

/** The commands the engine writes itself between the listeners. */
const FOLLOW_UPS = ['COMPLETE_TASK_LISTENER', 'CONTINUE_TERMINATING_ELEMENT'];

/** Events and the engine's follow-up commands from the first USER_TASK CANCELING on, as `VALUETYPE INTENT [elementId]`. */
function trailFromCanceling(): string[] {
  const all = records.all;
  const from = all.findIndex((r) => r.valueType === 'USER_TASK' && r.intent === 'CANCELING');
  return all
    .slice(from)
    .filter((r) => r.recordType === 'EVENT' || FOLLOW_UPS.includes(r.intent))
    .map((r) => {
      const id = (r.value as { elementId?: string }).elementId;
      return `${r.valueType} ${r.intent}${r.valueType === 'PROCESS_INSTANCE' ? ` ${id}` : ''}`;
    });
}

describe('canceling task listeners', () => {
  beforeEach(() => boot());

  it('the instance cancellation waits for the canceling listeners; they correct but cannot deny', async () => {
    const pi = await start(
      chain('p', userTask('review', listeners(['canceling', 'archive'], ['canceling', 'notify']))),
    );
    // the cancellation is answered at once, as in Zeebe: the listeners run after it
    await t.rest.cancelProcessInstance({ processInstanceKey: pi });
    const first = await activateListenerJob(t, 'archive');
    expect(first.kind).toBe('TASK_LISTENER');
    expect(first.listenerEventType).toBe('CANCELING');
    expect(first.userTask).toMatchObject({ userTaskKey: String(userTaskKey()), priority: 50 });
    expect(taskEvents(records)).toEqual(['CREATING', 'CREATED', 'CANCELING']);
    expect(records.lifecycle(pi)).toEqual([
      'p:ELEMENT_ACTIVATING',
      'p:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'f0:SEQUENCE_FLOW_TAKEN',
      'review:ELEMENT_ACTIVATING',
      'review:ELEMENT_ACTIVATED',
      'p:ELEMENT_TERMINATING',
      'review:ELEMENT_TERMINATING',
    ]);
    await t.caughtUp();
    expect((await t.api.getUserTask({ userTaskKey: String(userTaskKey()) } as never, now)).state).toBe(
      'CANCELING',
    );

    // a task being canceled takes no other transition, and the listener cannot deny the cancellation
    const completion = await t.http('POST', `/v2/user-tasks/${userTaskKey()}/completion`, {});
    expect(completion.status).toBe(409);
    expect(completion.json.detail).toContain("it is in state 'CANCELING'");
    const deny = await t.http('POST', `/v2/jobs/${first.jobKey}/completion`, {
      result: { type: 'userTask', denied: true, deniedReason: '不许撤销' },
    });
    expect(deny.status).toBe(400);
    expect(deny.json.detail).toBe(
      `Command 'COMPLETE' rejected with code 'INVALID_ARGUMENT': Denying result is not supported for 'CANCELING' task listener jobs (job key '${first.jobKey}', type 'archive', processInstanceKey '${pi}'). Only the following listener event types support denying: [ASSIGNING, COMPLETING, UPDATING].`,
    );
    expect(records.events('JOB', 'COMPLETED')).toHaveLength(0);

    await t.api.completeJob({
      jobKey: first.jobKey,
      result: { type: 'userTask', corrections: { priority: 10 } },
    });
    const second = await activateListenerJob(t, 'notify');
    expect(second.userTask).toMatchObject({ priority: 10 });
    await t.api.completeJob({ jobKey: second.jobKey });
    await records.waitForInstanceEnd(pi);

    expect(trailFromCanceling()).toEqual([
      'USER_TASK CANCELING',
      'JOB CREATED',
      'JOB_BATCH ACTIVATED',
      'JOB COMPLETED',
      'USER_TASK COMPLETE_TASK_LISTENER',
      'USER_TASK CORRECTED',
      'JOB CREATED',
      'JOB_BATCH ACTIVATED',
      'JOB COMPLETED',
      'USER_TASK COMPLETE_TASK_LISTENER',
      'USER_TASK CANCELED',
      'PROCESS_INSTANCE CONTINUE_TERMINATING_ELEMENT review',
      'PROCESS_INSTANCE ELEMENT_TERMINATED review',
      'PROCESS_INSTANCE ELEMENT_TERMINATED p',
    ]);
    expect(records.events('USER_TASK', 'CANCELED')[0].value.priority).toBe(10);
    expect(jobTrail(records)).toEqual([
      'CREATED archive TASK_LISTENER/CANCELING',
      'COMPLETED archive TASK_LISTENER/CANCELING',
      'CREATED notify TASK_LISTENER/CANCELING',
      'COMPLETED notify TASK_LISTENER/CANCELING',
    ]);
    await t.caughtUp();
    expect(await t.api.getUserTask({ userTaskKey: String(userTaskKey()) } as never, now)).toMatchObject({
      state: 'CANCELED',
      priority: 10,
    });
  });

  it('an interrupting boundary event is activated only after the canceling listener completed', async () => {
    const pi = await start(withRecall(listeners(['canceling', 'archive'])));
    await t.api.broadcastSignal({ signalName: '撤回', variables: {} });
    const job = await activateListenerJob(t, 'archive');
    expect(records.lifecycle(pi).slice(-1)).toEqual(['review:ELEMENT_TERMINATING']);
    await t.api.completeJob({ jobKey: job.jobKey });
    await records.waitForInstanceEnd(pi);
    const lifecycle = records.lifecycle(pi);
    expect(lifecycle.slice(lifecycle.indexOf('review:ELEMENT_TERMINATING'))).toEqual([
      'review:ELEMENT_TERMINATING',
      'review:ELEMENT_TERMINATED',
      'recalled:ELEMENT_ACTIVATING',
      'recalled:ELEMENT_ACTIVATED',
      'recalled:ELEMENT_COMPLETING',
      'recalled:ELEMENT_COMPLETED',
      'f3:SEQUENCE_FLOW_TAKEN',
      'recalledEnd:ELEMENT_ACTIVATING',
      'recalledEnd:ELEMENT_ACTIVATED',
      'recalledEnd:ELEMENT_COMPLETING',
      'recalledEnd:ELEMENT_COMPLETED',
      'p:ELEMENT_COMPLETING',
      'p:ELEMENT_COMPLETED',
    ]);
  });

  it('the instance canceled while a boundary event waits for the listener: the boundary event never runs', async () => {
    const pi = await start(withRecall(listeners(['canceling', 'archive'])));
    await t.api.broadcastSignal({ signalName: '撤回', variables: {} });
    const job = await activateListenerJob(t, 'archive');
    await t.rest.cancelProcessInstance({ processInstanceKey: pi });
    expect(records.lifecycle(pi).slice(-2)).toEqual(['review:ELEMENT_TERMINATING', 'p:ELEMENT_TERMINATING']);
    await t.api.completeJob({ jobKey: job.jobKey });
    await records.waitForInstanceEnd(pi);
    expect(records.lifecycle(pi).slice(-2)).toEqual(['review:ELEMENT_TERMINATED', 'p:ELEMENT_TERMINATED']);
    expect(records.lifecycle(pi).filter((l) => l.startsWith('recalled'))).toEqual([]);
    expect(records.events('JOB', 'CREATED')).toHaveLength(1);
  });

  it('a completion held by its listener is answered 409 and its job canceled before the canceling listener starts', async () => {
    const pi = await start(
      chain('p', userTask('review', listeners(['completing', 'gate'], ['canceling', 'archive']))),
    );
    const completion = t.http('POST', `/v2/user-tasks/${userTaskKey()}/completion`, { variables: { x: 1 } });
    await activateListenerJob(t, 'gate');
    await t.rest.cancelProcessInstance({ processInstanceKey: pi });
    const answer = await completion;
    expect(answer.status).toBe(409);
    expect(answer.json.detail).toContain('was canceled before its task listeners completed');
    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'archive')).jobKey });
    await records.waitForInstanceEnd(pi);
    expect(taskEvents(records)).toEqual(['CREATING', 'CREATED', 'COMPLETING', 'CANCELING', 'CANCELED']);
    expect(jobTrail(records)).toEqual([
      'CREATED gate TASK_LISTENER/COMPLETING',
      'CANCELED gate TASK_LISTENER/COMPLETING',
      'CREATED archive TASK_LISTENER/CANCELING',
      'COMPLETED archive TASK_LISTENER/CANCELING',
    ]);
    // the canceled completion's variables never reached the instance
    expect(records.variables(pi)).toEqual({});
  });
  it('a modification cancels the task at once, without its canceling listeners (as Zeebe 8.8), and answers a held completion', async () => {
    const pi = await start(
      chain('p', userTask('review', listeners(['completing', 'gate'], ['canceling', 'archive']))),
    );
    const oldTask = userTaskKey();
    const oldElement = records.events('USER_TASK', 'CREATED')[0].value.elementInstanceKey;
    const completion = t.http('POST', `/v2/user-tasks/${oldTask}/completion`, {});
    await activateListenerJob(t, 'gate');
    await t.api.modifyProcessInstance({
      processInstanceKey: pi,
      activateInstructions: [{ elementId: 'review' as never }],
      terminateInstructions: [{ elementInstanceKey: String(oldElement) as never }],
    } as never);
    const answer = await completion;
    expect(answer.status).toBe(409);
    expect(answer.json.detail).toContain('was canceled before its task listeners completed');
    const created = await records.waitForEvent(
      'USER_TASK',
      'CREATED',
      (v) => v.elementInstanceKey !== oldElement,
    );
    expect(records.events('USER_TASK', 'CANCELED').map((r) => r.key)).toEqual([oldTask]);
    expect(jobTrail(records)).toEqual([
      'CREATED gate TASK_LISTENER/COMPLETING',
      'CANCELED gate TASK_LISTENER/COMPLETING',
    ]);
    // the instance goes on with the new task
    const second = t.api.completeUserTask({ userTaskKey: String(created.key) } as never);
    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'gate')).jobKey });
    await second;
    await records.waitForInstanceEnd(pi);
    expect(records.lifecycle(pi).slice(-2)).toEqual(['p:ELEMENT_COMPLETING', 'p:ELEMENT_COMPLETED']);
  });
});

describe('canceling listeners: incidents and durability', () => {
  it('a canceling listener type that does not evaluate raises EXTRACT_VALUE_ERROR; resolved, the termination goes on', async () => {
    await boot();
    // interrupted by the boundary event, not canceled: the process scope stays active and takes the variable
    // (a TERMINATING scope refuses variables, as in Zeebe)
    const pi = await start(withRecall(listeners(['canceling', '=kind'])));
    await t.api.broadcastSignal({ signalName: '撤回', variables: {} });
    const incident = (await records.waitForEvent('INCIDENT', 'CREATED')) as EngineRecord<'INCIDENT'>;
    expect(incident.value).toMatchObject({
      errorType: 'EXTRACT_VALUE_ERROR',
      elementId: 'review',
      jobKey: -1,
    });
    expect(records.lifecycle(pi).slice(-1)).toEqual(['review:ELEMENT_TERMINATING']);
    await t.api.createElementInstanceVariables({
      elementInstanceKey: pi,
      variables: { kind: 'archive' },
    } as never);
    await t.api.resolveIncident({ incidentKey: String(incident.key) } as never);
    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'archive')).jobKey });
    await records.waitForInstanceEnd(pi);
    expect(records.lifecycle(pi)).toContain('review:ELEMENT_TERMINATED');
    expect(records.lifecycle(pi).slice(-2)).toEqual(['p:ELEMENT_COMPLETING', 'p:ELEMENT_COMPLETED']);
    expect(taskEvents(records)).toEqual(['CREATING', 'CREATED', 'CANCELING', 'CANCELED']);
  });

  it('out of retries: TASK_LISTENER_NO_RETRIES holds the cancellation; after a restart (replay equal to the live state) it resolves', async () => {
    const dir = dataFolder('canceling-listeners-');
    await boot(dir);
    const pi = await start(chain('p', userTask('review', listeners(['canceling', 'archive', 1]))));
    await t.rest.cancelProcessInstance({ processInstanceKey: pi });
    const job = await activateListenerJob(t, 'archive');
    await t.api.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: '档案系统不可用' });
    const incident = (await records.waitForEvent('INCIDENT', 'CREATED')) as EngineRecord<'INCIDENT'>;
    expect(incident.value).toMatchObject({
      errorType: 'TASK_LISTENER_NO_RETRIES',
      errorMessage: '档案系统不可用',
      elementId: 'review',
    });
    const live = t.server.engine.stateJson();
    expect(JSON.parse(live).userTasks[0]).toMatchObject({ state: 'CANCELING', listenersDone: 0 });
    expect(await journalOnlyState(dir, 'journal-only')).toBe(live);
    await t.close();

    await boot(dir);
    expect(t.server.engine.stateJson()).toBe(live);
    await t.api.updateJob({ jobKey: job.jobKey, changeset: { retries: 1 } });
    await t.api.resolveIncident({ incidentKey: String(incident.key) } as never);
    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'archive')).jobKey });
    await records.waitForInstanceEnd(pi);
    expect(records.lifecycle(pi).slice(-2)).toEqual(['review:ELEMENT_TERMINATED', 'p:ELEMENT_TERMINATED']);
    expect(JSON.parse(t.server.engine.stateJson()).userTasks).toEqual([]);
  });
});
