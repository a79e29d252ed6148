// Conformance: invalid models are rejected whole with INVALID_ARGUMENT, and the message names
// every problem with the id of the element it concerns (Zeebe's "- Element: id / - ERROR: …"
// layout), through the real gRPC port with @camunda8/sdk. Nothing of a rejected deployment is
// written, and the engine keeps serving.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chain, definitions, flow, ioMapping, process, serviceTask } from './support/bpmn';
import { startTestEngine, type TestEngine } from './support/harness';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t.close();
});

const START = '<bpmn:startEvent id="start" />';
const END = '<bpmn:endEvent id="end" />';
const message = (id: string, name: string, correlationKey?: string) =>
  `<bpmn:message id="${id}" name="${name}">${
    correlationKey === undefined
      ? ''
      : `<bpmn:extensionElements><zeebe:subscription correlationKey="${correlationKey}" /></bpmn:extensionElements>`
  }</bpmn:message>`;
const timerCatch = (id: string, kind: string, value: string) =>
  `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
const errorBoundary = (id: string, attachedTo: string, errorRef: string, cancelActivity = true) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${cancelActivity}"><bpmn:errorEventDefinition errorRef="${errorRef}" /></bpmn:boundaryEvent>`;
/** start → task → end with extra elements (boundary events, their targets) in the same process. */
const withTask = (task: string, extra: string, roots = '') =>
  definitions(
    process(
      'p',
      [START, task, END, extra, flow('f0', 'start', 'task'), flow('f1', 'task', 'end')].join('\n'),
    ),
    roots,
  );

/** Deploys and returns the rejection: its gRPC code and each problem as `element: message`. */
async function rejection(...resources: { name: string; content: string }[]) {
  let error: { code?: number; message: string } | undefined;
  try {
    await t.zeebe.deployResources(resources.map((r) => ({ process: Buffer.from(r.content), name: r.name })));
  } catch (e) {
    error = e as { code?: number; message: string };
  }
  if (!error) throw new Error('expected the deployment to be rejected, but it was accepted');
  return { code: error.code, message: error.message, problems: problemsOf(error.message) };
}

/** `'file.bpmn' element: message` for each problem listed in Zeebe's rejection layout. */
function problemsOf(message: string): string[] {
  const out: string[] = [];
  let resource = '';
  let element = '';
  for (const line of message.split('\n')) {
    const file = /^(?:.*following errors:\s*)?'([^']+)':\s*(.*)$/.exec(line);
    const el = /^- Element: (.*)$/.exec(line);
    const err = /^\s+- ERROR: (.*)$/.exec(line);
    if (file) {
      resource = file[1];
      if (file[2]) out.push(`'${resource}' ${file[2]}`);
    } else if (el) element = el[1];
    else if (err) out.push(`'${resource}' ${element}: ${err[1]}`);
    else if (line.trim() && resource) out.push(`'${resource}' ${line.trim()}`);
  }
  return out;
}

const one = (name: string, content: string) => ({ name, content });

describe('a deployment is rejected whole, naming each problem and its element', () => {
  const cases: [string, string, RegExp][] = [
    [
      'malformed XML',
      chain('p', serviceTask('task', 'work')).replace('</bpmn:process>', ''),
      /^'x\.bpmn' Failed to parse BPMN XML: closing tag mismatch at line \d+, column \d+/,
    ],
    [
      'a document that is not BPMN',
      '<html><body>不是流程模型</body></html>',
      /^'x\.bpmn' Failed to parse BPMN XML: failed to parse document as <bpmn:Definitions>/,
    ],
    [
      'an element BPMN does not define',
      chain('p', '<bpmn:magicTask id="magic" />'),
      /^'x\.bpmn' magic: Unknown BPMN element <bpmn:magicTask>/,
    ],
    [
      'a complex gateway',
      chain('p', '<bpmn:complexGateway id="gw" />'),
      /^'x\.bpmn' gw: complex gateways are not supported by Zeebe$/,
    ],
    [
      'a transaction subprocess',
      chain('p', '<bpmn:transaction id="tx"><bpmn:startEvent id="inner" /></bpmn:transaction>'),
      /^'x\.bpmn' tx: transaction subprocesses are not supported by Zeebe$/,
    ],
    [
      'an ad-hoc subprocess implemented by a job worker without a job type',
      chain(
        'p',
        '<bpmn:adHocSubProcess id="adhoc"><bpmn:extensionElements><zeebe:taskDefinition type=" " /></bpmn:extensionElements><bpmn:task id="inner" /></bpmn:adHocSubProcess>',
      ),
      /^'x\.bpmn' adhoc: Expected the 'zeebe:taskDefinition' to have a non-empty 'type' attribute$/,
    ],
    [
      'only a non-executable process',
      definitions(process('p', START, false)),
      /^'x\.bpmn' p: Must contain at least one executable process$/,
    ],
    [
      'a service task without zeebe:taskDefinition',
      chain('p', '<bpmn:serviceTask id="task" />'),
      /^'x\.bpmn' task: Must have exactly one 'zeebe:taskDefinition' extension element$/,
    ],
    [
      'a service task with an empty job type',
      chain('p', serviceTask('task', ' ')),
      /^'x\.bpmn' task: Expected the 'zeebe:taskDefinition' to have a non-empty 'type' attribute$/,
    ],
    [
      'an exclusive gateway with a flow that has neither a condition nor is the default',
      definitions(
        process(
          'p',
          [
            START,
            '<bpmn:exclusiveGateway id="gw" />',
            '<bpmn:endEvent id="a" />',
            '<bpmn:endEvent id="b" />',
            flow('f0', 'start', 'gw'),
            flow('toA', 'gw', 'a', '=x > 1'),
            flow('toB', 'gw', 'b'),
          ].join('\n'),
        ),
      ),
      /^'x\.bpmn' toB: Must have a condition or be the default flow of the gateway$/,
    ],
    [
      'an unknown messageRef',
      chain(
        'p',
        '<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="Message_404" /></bpmn:intermediateCatchEvent>',
      ),
      /^'x\.bpmn' wait: Expected the messageRef 'Message_404' to point to a bpmn:message, but the file has no element with that id$/,
    ],
    [
      'an unknown errorRef',
      withTask(serviceTask('task', 'work'), errorBoundary('caught', 'task', 'Error_404')),
      /^'x\.bpmn' caught: Expected the errorRef 'Error_404' to point to a bpmn:error, but the file has no element with that id$/,
    ],
    [
      'an unknown signalRef',
      chain(
        'p',
        '<bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="Signal_404" /></bpmn:intermediateCatchEvent>',
      ),
      /^'x\.bpmn' wait: Expected the signalRef 'Signal_404' to point to a bpmn:signal, but the file has no element with that id$/,
    ],
    [
      'a message catch event without correlation key',
      definitions(
        process(
          'p',
          [
            START,
            '<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="Message_1" /></bpmn:intermediateCatchEvent>',
            END,
            flow('f0', 'start', 'wait'),
            flow('f1', 'wait', 'end'),
          ].join('\n'),
        ),
        message('Message_1', 'approved'),
      ),
      /^'x\.bpmn' wait: Expected the message to have a 'zeebe:subscription' with a correlationKey expression$/,
    ],
    [
      'a FEEL syntax error in a condition',
      definitions(
        process(
          'p',
          [
            START,
            '<bpmn:exclusiveGateway id="gw" default="toB" />',
            '<bpmn:endEvent id="a" />',
            '<bpmn:endEvent id="b" />',
            flow('f0', 'start', 'gw'),
            flow('toA', 'gw', 'a', '=amount >'),
            flow('toB', 'gw', 'b'),
          ].join('\n'),
        ),
      ),
      /^'x\.bpmn' toA: failed to parse expression 'amount >' of condition: /,
    ],
    [
      'a FEEL syntax error in an input mapping',
      chain('p', serviceTask('task', 'work', ioMapping([['=count +', 'next']]))),
      /^'x\.bpmn' task: failed to parse expression 'count \+' of input mapping source: /,
    ],
    [
      'a FEEL syntax error in a timer',
      chain('p', timerCatch('wait', 'timeDuration', '=duration(')),
      /^'x\.bpmn' wait: failed to parse expression 'duration\(' of timeDuration: /,
    ],
    [
      'an invalid static duration',
      chain('p', timerCatch('wait', 'timeDuration', 'PT1X')),
      /^'x\.bpmn' wait: Invalid duration format 'PT1X'/,
    ],
    [
      'an invalid static date',
      chain('p', timerCatch('wait', 'timeDate', '2026-13-01T09:00:00+08:00')),
      /^'x\.bpmn' wait: Invalid date-time format '2026-13-01T09:00:00\+08:00'/,
    ],
    [
      'an invalid static cycle',
      definitions(
        process(
          'p',
          [
            '<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>every friday</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>',
            END,
            flow('f0', 'start', 'end'),
          ].join('\n'),
        ),
      ),
      /^'x\.bpmn' start: Invalid timer cycle 'every friday': neither a repeating interval/,
    ],
    [
      'a timer start event whose expression cannot be evaluated at deployment',
      definitions(
        process(
          'p',
          [
            '<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>=schedule</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>',
            END,
            flow('f0', 'start', 'end'),
          ].join('\n'),
        ),
      ),
      /^'x\.bpmn' start: Expected the timer of the start event to be evaluated at deployment, without variables, but it failed: .*'schedule'/,
    ],
    [
      'a message start event whose name needs a variable',
      definitions(
        process(
          'p',
          [
            '<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="Message_1" /></bpmn:startEvent>',
            END,
            flow('f0', 'start', 'end'),
          ].join('\n'),
        ),
        message('Message_1', '=kind'),
      ),
      /^'x\.bpmn' start: Expected the message name of the start event to be a constant string, evaluated at deployment without variables, but it failed: /,
    ],
    [
      'a signal start event whose name needs a variable',
      definitions(
        process(
          'p',
          [
            '<bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="Signal_1" /></bpmn:startEvent>',
            END,
            flow('f0', 'start', 'end'),
          ].join('\n'),
        ),
        '<bpmn:signal id="Signal_1" name="=unit + &quot;-report&quot;" />',
      ),
      /^'x\.bpmn' start: Expected the signal name of the start event to be a constant string, evaluated at deployment without variables, but it failed: /,
    ],
    [
      'two error boundary events with the same error code on one task',
      withTask(
        serviceTask('task', 'work'),
        [
          errorBoundary('first', 'task', 'Error_1'),
          errorBoundary('second', 'task', 'Error_2'),
          '<bpmn:endEvent id="e1" />',
          '<bpmn:endEvent id="e2" />',
          flow('f2', 'first', 'e1'),
          flow('f3', 'second', 'e2'),
        ].join('\n'),
        '<bpmn:error id="Error_1" errorCode="rejected" /><bpmn:error id="Error_2" errorCode="rejected" />',
      ),
      /^'x\.bpmn' second: Multiple error catch events with the same errorCode 'rejected' in one scope are not allowed$/,
    ],
    [
      'a non-interrupting error boundary event',
      withTask(
        serviceTask('task', 'work'),
        errorBoundary('caught', 'task', 'Error_1', false),
        '<bpmn:error id="Error_1" errorCode="rejected" />',
      ),
      /^'x\.bpmn' caught: Error boundary events must be interrupting$/,
    ],
    [
      'an event-based gateway leading to a task',
      definitions(
        process(
          'p',
          [
            START,
            '<bpmn:eventBasedGateway id="ebg" />',
            timerCatch('timeout', 'timeDuration', 'PT1H'),
            serviceTask('task', 'work'),
            flow('f0', 'start', 'ebg'),
            flow('f1', 'ebg', 'timeout'),
            flow('f2', 'ebg', 'task'),
          ].join('\n'),
        ),
      ),
      /^'x\.bpmn' ebg: Event-based gateways must only lead to message, timer or signal intermediate catch events, but 'task' is not one$/,
    ],
    [
      'two message boundary events of one task waiting for the same message',
      withTask(
        serviceTask('task', 'work'),
        [1, 2]
          .map(
            (i) =>
              `<bpmn:boundaryEvent id="b${i}" attachedToRef="task"><bpmn:messageEventDefinition messageRef="Message_${i}" /></bpmn:boundaryEvent>`,
          )
          .join('\n'),
        message('Message_1', 'withdrawn', '=caseId') + message('Message_2', 'withdrawn', '=caseId'),
      ),
      /^'x\.bpmn' b2: Expected the message events attached to 'task' to have distinct message names, but 'withdrawn' is also used by 'b1'$/,
    ],
    [
      'an interrupting event subprocess started by a timer cycle',
      definitions(
        process(
          'p',
          [
            START,
            END,
            flow('f0', 'start', 'end'),
            '<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="every"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent></bpmn:subProcess>',
          ].join('\n'),
        ),
      ),
      /^'x\.bpmn' every: Interrupting timer start events of event subprocesses must have a timeDate or timeDuration, not a timeCycle/,
    ],
    [
      'a conditional flow that does not leave a gateway',
      definitions(process('p', [START, END, flow('f0', 'start', 'end', '=true')].join('\n'))),
      /^'x\.bpmn' f0: Conditional sequence flows are only supported on flows leaving an exclusive or inclusive gateway$/,
    ],
    [
      'a straight-through loop that would never wait',
      definitions(
        process(
          'p',
          [
            START,
            '<bpmn:task id="check" />',
            '<bpmn:exclusiveGateway id="again" default="loop" />',
            END,
            flow('f0', 'start', 'check'),
            flow('f1', 'check', 'again'),
            flow('done', 'again', 'end', '=done'),
            flow('loop', 'again', 'check'),
          ].join('\n'),
        ),
      ),
      /^'x\.bpmn' check: Processes are not allowed to contain a straight-through processing loop: check > again > check\./,
    ],
    [
      'two elements with the same id',
      chain(
        'p',
        serviceTask('task', 'work'),
        serviceTask('task', 'other').replace('id="task"', 'id="task" name="copy"'),
      ),
      /^'x\.bpmn' task: Duplicate id 'task': every element of the file needs its own id$/,
    ],
    [
      'a call activity bound to a process that is not in the deployment',
      chain(
        'p',
        '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" bindingType="deployment" /></bpmn:extensionElements></bpmn:callActivity>',
      ),
      /^'x\.bpmn' call: Expected to find process with id 'child' in the same deployment \(the call activity has bindingType 'deployment'\), but it is not part of it$/,
    ],
    [
      'a task header key reserved for the engine',
      chain(
        'p',
        serviceTask(
          'task',
          'work',
          '<zeebe:taskHeaders><zeebe:header key="io.camunda.zeebe:formKey" value="x" /></zeebe:taskHeaders>',
        ),
      ),
      /^'x\.bpmn' task: Task header key 'io\.camunda\.zeebe:formKey' is reserved/,
    ],
    [
      'a start execution listener on a start event (Zeebe refuses it)',
      definitions(
        process(
          'p',
          [
            '<bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /><zeebe:executionListener eventType="start" type="log" /><zeebe:executionListener eventType="end" type="audit" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:startEvent>',
            END,
            flow('f0', 'start', 'end'),
          ].join('\n'),
        ),
      ),
      /^'x\.bpmn' start: Execution listeners of type 'start' are not supported by start events$/,
    ],
    [
      'an end execution listener on an error end event (Zeebe refuses it)',
      definitions(
        process(
          'p',
          [
            START,
            '<bpmn:endEvent id="fail"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /><zeebe:executionListener eventType="end" type="audit" /></zeebe:executionListeners></bpmn:extensionElements><bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>',
            flow('f0', 'start', 'fail'),
          ].join('\n'),
        ),
        '<bpmn:error id="err" errorCode="E" />',
      ),
      /^'x\.bpmn' fail: Execution listeners of type 'end' are not supported by \[error\] end events$/,
    ],
    [
      'a start execution listener on a boundary event (Zeebe refuses it)',
      definitions(
        process(
          'p',
          [
            START,
            serviceTask('task', 'work'),
            END,
            '<bpmn:boundaryEvent id="late" attachedToRef="task"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /></zeebe:executionListeners></bpmn:extensionElements><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
            '<bpmn:endEvent id="lateEnd" />',
            flow('f0', 'start', 'task'),
            flow('f1', 'task', 'end'),
            flow('f2', 'late', 'lateEnd'),
          ].join('\n'),
        ),
      ),
      /^'x\.bpmn' late: Execution listeners of type 'start' are not supported by boundary events$/,
    ],
    [
      'any execution listener on a compensation boundary event (Zeebe refuses them: the handler has its own)',
      definitions(
        process(
          'p',
          [
            START,
            serviceTask('task', 'work'),
            END,
            '<bpmn:boundaryEvent id="undoIt" attachedToRef="task"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="end" type="audit" /></zeebe:executionListeners></bpmn:extensionElements><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>',
            '<bpmn:serviceTask id="undo" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="undo" /></bpmn:extensionElements></bpmn:serviceTask>',
            '<bpmn:association id="a1" associationDirection="One" sourceRef="undoIt" targetRef="undo" />',
            flow('f0', 'start', 'task'),
            flow('f1', 'task', 'end'),
          ].join('\n'),
        ),
      ),
      /^'x\.bpmn' undoIt: Execution listeners of type 'start' and 'end' are not supported by \[compensation\] boundary events$/,
    ],
    [
      'an end execution listener on a gateway (Zeebe refuses it)',
      chain(
        'p',
        '<bpmn:exclusiveGateway id="gw"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="end" type="audit" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:exclusiveGateway>',
      ),
      /^'x\.bpmn' gw: Execution listeners of type 'end' are not supported by gateway element$/,
    ],
    [
      'two execution listeners with the same event type and job type',
      chain(
        'p',
        serviceTask(
          'task',
          'work',
          '<zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /><zeebe:executionListener eventType="start" type="audit" /><zeebe:executionListener eventType="end" type="audit" /><zeebe:executionListener eventType="start" type="audit" /></zeebe:executionListeners>',
        ),
      ),
      /^'x\.bpmn' task: Found '3' duplicates based on eventType\[start\] and type\[audit\], these combinations should be unique\.$/,
    ],
  ];

  it.each(cases)('%s', async (_name, content, expected) => {
    const r = await rejection(one('x.bpmn', content));
    expect(r.code).toBe(3);
    expect(r.message).toContain(
      "Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:",
    );
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it('names a refused execution listener kind once per element, as Zeebe does', async () => {
    const refused = (id: string) =>
      `<bpmn:parallelGateway id="${id}"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="end" type="a" /><zeebe:executionListener eventType="end" type="b" /><zeebe:executionListener eventType="start" type="c" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:parallelGateway>`;
    const r = await rejection(one('x.bpmn', chain('p', refused('fork'), refused('join'))));
    expect(
      r.problems.filter((p) => p.includes('execution listener') || p.includes('Execution listeners')),
    ).toEqual([
      "'x.bpmn' fork: Execution listeners of type 'end' are not supported by gateway element",
      "'x.bpmn' join: Execution listeners of type 'end' are not supported by gateway element",
    ]);
  });

  it('names every problem of a half-finished Modeler file, each under its element', async () => {
    const content = readFileSync(join(__dirname, 'fixtures', 'coordination-meeting-invalid.bpmn'), 'utf8');
    const r = await rejection(one('coordination-meeting.bpmn', content));
    expect(r.code).toBe(3);
    const file = "'coordination-meeting.bpmn'";
    expect(r.problems).toEqual(
      expect.arrayContaining([
        `${file} Activity_collect: Must have exactly one 'zeebe:taskDefinition' extension element`,
        expect.stringMatching(
          /^'coordination-meeting\.bpmn' Flow_agreed: failed to parse expression 'agreed ='/,
        ),
        `${file} Flow_meeting: Must have a condition or be the default flow of the gateway`,
        `${file} Event_meeting_held: Expected the message to have a 'zeebe:subscription' with a correlationKey expression`,
        `${file} Activity_assign: Expected the 'zeebe:taskDefinition' to have a non-empty 'type' attribute`,
        expect.stringMatching(/^'coordination-meeting\.bpmn' Event_overdue: Invalid duration format 'P5X'/),
        `${file} Gateway_escalate: complex gateways are not supported by Zeebe`,
      ]),
    );
    expect(r.problems).toHaveLength(7);
  });

  it('names the problems of every file of the deployment, and duplicated process ids across files', async () => {
    const valid = chain('shared', serviceTask('task', 'work'));
    const r = await rejection(
      one('a.bpmn', valid),
      one('b.bpmn', valid.replace('type="work"', 'type="other"')),
      one('c.bpmn', chain('c', '<bpmn:serviceTask id="untyped" />')),
    );
    expect(r.problems).toEqual([
      "'c.bpmn' untyped: Must have exactly one 'zeebe:taskDefinition' extension element",
      "'c.bpmn' Duplicated process id in resources: 'shared'",
    ]);
  });

  it('wrote nothing for any rejected deployment, and still deploys and runs a valid model', async () => {
    expect(t.records.events('DEPLOYMENT', 'CREATED')).toHaveLength(0);
    expect(t.records.events('PROCESS', 'CREATED')).toHaveLength(0);
    expect(t.records.events('TIMER', 'CREATED')).toHaveLength(0);
    const d = await t.zeebe.deployResource({
      process: Buffer.from(chain('fine', serviceTask('task', 'work'))),
      name: 'fine.bpmn',
    });
    expect(d.deployments).toHaveLength(1);
    await expect(
      t.zeebe.createProcessInstance({ bpmnProcessId: 'fine', variables: {} }),
    ).resolves.toHaveProperty('processInstanceKey');
  });
});
