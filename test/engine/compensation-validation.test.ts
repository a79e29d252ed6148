// Conformance: the deployment checks Zeebe 8.8 makes on compensation (its BoundaryEventValidator,
// CompensationTaskValidator and CompensationEventDefinitionValidator), each named under its element with Zeebe's
// text, through the real gRPC port. A valid model with every compensation element deploys; nothing of a refused
// one is written.
import { definitions, element, flow, process, serviceTask, subProcess } from './support/bpmn';
import { compensable, compensateDef, compensationThrow, handlerTask } from './support/compensation';
import { path } from './support/events';
import { startTestEngine, type TestEngine } from './support/harness';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t.close();
});

/** element id → its problems, from Zeebe's rejection layout. */
async function problems(content: string): Promise<Record<string, string[]>> {
  let message = '';
  try {
    await t.zeebe.deployResources([{ process: Buffer.from(content), name: 'c.bpmn' }]);
  } catch (e) {
    message = (e as Error).message;
  }
  if (!message) throw new Error('expected the deployment to be rejected, but it was accepted');
  const out: Record<string, string[]> = {};
  let current = '';
  for (const line of message.split('\n')) {
    const el = /^- Element: (.*)$/.exec(line);
    const err = /^\s+- ERROR: (.*)$/.exec(line);
    if (el) current = el[1]!;
    else if (err) (out[current] ??= []).push(err[1]!);
  }
  return out;
}

/** start → A → throw → end plus `extra`, as one process. */
const model = (extra: string[], throwEvent = compensationThrow('throw')) =>
  definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        serviceTask('A', 'A'),
        throwEvent,
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'A'),
        flow('f1', 'A', 'throw'),
        flow('f2', 'throw', 'end'),
        ...extra,
      ].join('\n'),
    ),
  );

const boundary = (id = 'A-comp', attachedTo = 'A') =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}">${compensateDef()}</bpmn:boundaryEvent>`;
const association = (source: string, target: string) =>
  `<bpmn:association id="as-${source}" sourceRef="${source}" targetRef="${target}" />`;

it('refuses a compensation boundary event without an association, or with an outgoing flow', async () => {
  expect(await problems(model([boundary(), handlerTask('undo', 'undo')]))).toEqual({
    'A-comp': [
      'Compensation boundary events must have a compensation association and no outgoing sequence flows',
    ],
  });
  const withFlow = model([
    boundary(),
    handlerTask('undo', 'undo'),
    association('A-comp', 'undo'),
    '<bpmn:endEvent id="after" />',
    flow('f3', 'A-comp', 'after'),
  ]);
  expect((await problems(withFlow))['A-comp']).toEqual([
    'Compensation boundary events must have a compensation association and no outgoing sequence flows',
  ]);
});

it('refuses an association to an activity that is no compensation handler', async () => {
  const r = await problems(model([boundary(), serviceTask('undo', 'undo'), association('A-comp', 'undo')]));
  expect(r['A-comp']).toEqual([
    `Expected the association of the compensation boundary event to point to a compensation handler (an activity with isForCompensation="true"), but 'undo' is none`,
  ]);
});

it('refuses handlers with sequence flows, boundary events, or of a kind Zeebe does not run as handler', async () => {
  const r = await problems(
    model([
      boundary(),
      handlerTask('undo', 'undo'),
      association('A-comp', 'undo'),
      '<bpmn:endEvent id="after" />',
      flow('f3', 'undo', 'after'),
      flow('f4', 'A', 'undo'),
      boundary('undo-comp', 'undo'),
      handlerTask('undo2', 'undo2'),
      association('undo-comp', 'undo2'),
      element('receiveTask', 'wrong', { attrs: { isForCompensation: 'true' } }),
    ]),
  );
  expect(r['undo']).toEqual([
    'A compensation handler should have no incoming sequence flows',
    'A compensation handler should have no outgoing sequence flows',
    'A compensation handler should have no boundary events',
  ]);
  expect(r['wrong']).toEqual(
    expect.arrayContaining([
      'Compensation task must be one of: service task, user task, send task, script task, manual task, or undefined task.',
    ]),
  );
});

it('refuses an activityRef that does not exist, cannot be compensated or lies in another scope', async () => {
  expect((await problems(model([], compensationThrow('throw', 'Nope'))))['throw']).toEqual([
    "The referenced compensation activity 'Nope' doesn't exist",
  ]);
  expect((await problems(model([], compensationThrow('throw', 'A'))))['throw']).toEqual([
    "The referenced compensation activity 'A' must have either a compensation boundary event or be a subprocess",
  ]);
  const inner = path('i', '<bpmn:startEvent id="in" />', compensable('X'), '<bpmn:endEvent id="out" />');
  const elsewhere = model([subProcess('sub', inner)], compensationThrow('throw', 'X'));
  expect((await problems(elsewhere))['throw']).toEqual([
    "The referenced compensation activity 'X' must be in the same scope as the compensation throw event",
  ]);
});

it('refuses compensation start and catch events', async () => {
  const r = await problems(
    model([
      `<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="esp-start">${compensateDef()}</bpmn:startEvent></bpmn:subProcess>`,
      `<bpmn:intermediateCatchEvent id="wait">${compensateDef()}</bpmn:intermediateCatchEvent>`,
    ]),
  );
  expect(r['esp-start']).toEqual([
    'Start events of event subprocesses must be of type message, timer, error, signal or escalation',
  ]);
  expect(r['wait']).toEqual(['Intermediate catch events must be of type message, timer, signal or link']);
});

it('deploys a model with every compensation element, and wrote nothing for the refused ones', async () => {
  expect(t.records.events('PROCESS', 'CREATED')).toHaveLength(0);
  const ok = model(
    [boundary(), handlerTask('undo', 'undo'), association('A-comp', 'undo')],
    compensationThrow('throw', 'A'),
  );
  const d = await t.zeebe.deployResource({ process: Buffer.from(ok), name: 'ok.bpmn' });
  expect(d.deployments).toHaveLength(1);
});
