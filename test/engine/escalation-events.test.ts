// Conformance: escalation events (ZEEBE-SEMANTICS: escalations). An escalation thrown by an intermediate throw or
// end event is caught, walking outward, by an escalation boundary event on the enclosing subprocess or call
// activity or by an escalation event subprocess (a specific code before a catch-all); an interrupting catch
// terminates the scope with the throw event, a non-interrupting one lets the throw event go on. Nothing catching it
// is no failure: the escalation is recorded as NOT_ESCALATED and the path goes on. The code may be a FEEL
// expression on the throw event. Deployment refuses escalation boundary events on tasks, throws without a code and
// two catch-alls in one scope.
import { callActivity, definitions, process, serviceTask, subProcess } from './support/bpmn';
import { boundary, event, path, subprocess } from './support/events';
import { engineForEachTest } from './support/harness';

const t = engineForEachTest();

const escalation = (id: string, code: string) => `<bpmn:escalation id="${id}" escalationCode="${code}" />`;
const escDef = (ref?: string) =>
  ref ? `<bpmn:escalationEventDefinition escalationRef="${ref}" />` : '<bpmn:escalationEventDefinition />';

async function run(bpmnProcessId: string, variables: Record<string, string> = {}) {
  const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId, variables });
  return processInstanceKey;
}

const escalations = () =>
  t.records.events('ESCALATION', 'ESCALATED').concat(t.records.events('ESCALATION', 'NOT_ESCALATED'));

/** A subprocess whose inner path throws the escalation, then would go on to a service task. */
function throwingSubprocess(throwDef: string, interrupting: boolean, catchDef: string): string {
  const inner = path(
    'i',
    event('startEvent', 'in-start'),
    event('intermediateThrowEvent', 'throw', throwDef),
    serviceTask('after-throw', 'after-throw'),
    event('endEvent', 'in-end'),
  );
  return [
    event('startEvent', 'start'),
    subProcess('sub', inner),
    event('endEvent', 'end'),
    boundary('caught', 'sub', catchDef, interrupting),
    serviceTask('handle', 'handle-escalation'),
    event('endEvent', 'handled'),
    '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />',
    '<bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="end" />',
    '<bpmn:sequenceFlow id="f3" sourceRef="caught" targetRef="handle" />',
    '<bpmn:sequenceFlow id="f4" sourceRef="handle" targetRef="handled" />',
  ].join('\n');
}

async function jobsOf(type: string) {
  return t.zeebe.activateJobs({
    type,
    maxJobsToActivate: 10,
    timeout: 10_000,
    worker: 'w',
    requestTimeout: 2_000,
  });
}

it('an interrupting boundary on the subprocess catches the escalation and terminates the subprocess', async () => {
  const body = throwingSubprocess(escDef('e'), true, escDef('e'));
  await t.deploy({
    name: 'i.bpmn',
    content: definitions(process('interrupting', body), escalation('e', 'late')),
  });
  const pik = await run('interrupting');
  const handle = await jobsOf('handle-escalation');
  expect(handle).toHaveLength(1);
  const life = t.records.lifecycle(pik);
  expect(life).toContain('sub:ELEMENT_TERMINATED');
  expect(life).toContain('throw:ELEMENT_TERMINATED');
  expect(life).not.toContain('after-throw:ELEMENT_ACTIVATING');
  expect(escalations().map((r) => [r.intent, r.value])).toEqual([
    [
      'ESCALATED',
      {
        processInstanceKey: Number(pik),
        escalationCode: 'late',
        throwElementId: 'throw',
        catchElementId: 'caught',
      },
    ],
  ]);
  await t.zeebe.completeJob({ jobKey: handle[0]!.key, variables: {} });
  await t.records.waitForInstanceEnd(pik);
});

it('a non-interrupting boundary runs its path while the throw event goes on', async () => {
  const body = throwingSubprocess(escDef('e'), false, escDef()); // catch-all
  await t.deploy({
    name: 'n.bpmn',
    content: definitions(process('non-interrupting', body), escalation('e', 'fyi')),
  });
  const pik = await run('non-interrupting');
  const [handle] = await jobsOf('handle-escalation');
  const [after] = await jobsOf('after-throw');
  expect([handle?.type, after?.type]).toEqual(['handle-escalation', 'after-throw']);
  expect(t.records.lifecycle(pik)).toContain('throw:ELEMENT_COMPLETED');
  await t.zeebe.completeJob({ jobKey: handle!.key, variables: {} });
  await t.zeebe.completeJob({ jobKey: after!.key, variables: {} });
  await t.records.waitForInstanceEnd(pik);
  expect(t.records.lifecycle(pik)).toContain('sub:ELEMENT_COMPLETED');
});

it('records an uncaught escalation as NOT_ESCALATED and goes on, with the code from a FEEL expression', async () => {
  const body = path(
    'f',
    event('startEvent', 'start'),
    event('intermediateThrowEvent', 'throw', escDef('e')),
    event('endEvent', 'end'),
  );
  await t.deploy({
    name: 'u.bpmn',
    content: definitions(process('uncaught', body), escalation('e', '=level')),
  });
  const pik = await run('uncaught', { level: 'district' });
  await t.records.waitForInstanceEnd(pik);
  expect(escalations().map((r) => [r.intent, r.value.escalationCode, r.value.catchElementId])).toEqual([
    ['NOT_ESCALATED', 'district', ''],
  ]);
});

it('an escalation event subprocess of the process catches an escalation from a called process', async () => {
  const child = path('c', event('startEvent', 'c-start'), event('endEvent', 'c-end', escDef('e')));
  const esp = subprocess(
    'esp',
    path(
      's',
      event('startEvent', 'esp-start', escDef('e'), '', 'isInterrupting="false"'),
      serviceTask('notify', 'notify-leader'),
      event('endEvent', 'esp-end'),
    ),
    true,
  );
  const parent = [
    path(
      'p',
      event('startEvent', 'start'),
      callActivity('call', 'escalating-child'),
      serviceTask('next', 'next-step'),
      event('endEvent', 'end'),
    ),
    esp,
  ].join('\n');
  await t.deploy(
    {
      name: 'child.bpmn',
      content: definitions(process('escalating-child', child), escalation('e', 'major')),
    },
    {
      name: 'parent.bpmn',
      content: definitions(process('escalating-parent', parent), escalation('e', 'major')),
    },
  );
  await run('escalating-parent');
  const [notify] = await jobsOf('notify-leader');
  const [next] = await jobsOf('next-step');
  expect([notify?.type, next?.type]).toEqual(['notify-leader', 'next-step']); // the child ended normally too
  expect(escalations().map((r) => [r.intent, r.value.throwElementId, r.value.catchElementId])).toEqual([
    ['ESCALATED', 'c-end', 'esp-start'],
  ]);
});

describe('deployment', () => {
  const rejection = async (content: string) => {
    try {
      await t.zeebe.deployResources([{ process: Buffer.from(content), name: 'esc.bpmn' }]);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected the deployment to be rejected');
  };

  it.each([
    [
      'an escalation boundary event on a service task',
      definitions(
        process(
          'p',
          [
            path('f', event('startEvent', 'start'), serviceTask('task', 'work'), event('endEvent', 'end')),
            boundary('b', 'task', escDef('e')),
          ].join('\n'),
        ),
        escalation('e', 'x'),
      ),
      /Element: b\s+- ERROR: Escalation boundary events must be attached to a subprocess or a call activity/,
    ],
    [
      'a throw event without an escalation code',
      definitions(process('p', path('f', event('startEvent', 'start'), event('endEvent', 'end', escDef())))),
      /Element: end\s+- ERROR: Escalation throw events must reference an escalation with an escalationCode/,
    ],
    [
      'two catch-all escalation boundary events on one subprocess',
      definitions(
        process(
          'p',
          [
            path(
              'f',
              event('startEvent', 'start'),
              subProcess('sub', path('i', event('startEvent', 's1'), event('endEvent', 'e1'))),
              event('endEvent', 'end'),
            ),
            boundary('b1', 'sub', escDef(), false),
            boundary('b2', 'sub', escDef(), false),
          ].join('\n'),
        ),
      ),
      /Element: b2\s+- ERROR: Multiple catch-all escalation events in the same scope are not allowed/,
    ],
  ])('rejects %s, naming the element', async (_name, content, expected) => {
    const message = await rejection(content);
    expect(message).toContain("rejected with code 'INVALID_ARGUMENT'");
    expect(message).toMatch(expected);
  });
});
