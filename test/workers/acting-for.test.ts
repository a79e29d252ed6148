// Which person a worker may name (issue 13 item 1), checked against the models themselves: every user task a
// handler says it acts for leads straight (through gateways only) to a service task of that handler's job type
// (or a start-form start event, or the catch event of a message form the web sends: 会议改期, 申请延期),
// and every user task leading straight to such a task is listed — so a handler reached by a timer, a message or
// another service task never takes a person for its own. Every multi-instance activity and every subprocess that
// runs beside other user tasks holds its own `zhuanbanActor`, so parallel completions cannot overwrite each
// other; no form may bind the reserved name. And the runtime's rule itself: the person only for a listed task.
import type { ModdleElement } from 'bpmn-moddle';
import { actingPersonVariable } from '../../domain/acting-person';
import { messageForms } from '../../web/server/messages';
import { startables } from '../../web/server/start/start-forms';
import { handlers } from '../../workers';
import { actingFor, variablesToFetch } from '../../workers/runtime/acting-person';
import {
  extension,
  flowElements,
  formFields,
  formFiles,
  list,
  modelFiles,
  parseModel,
  processOf,
} from '../processes/support/models';

interface Model {
  name: string;
  elements: ModdleElement[];
}

let models: Model[];
beforeAll(async () => {
  models = await Promise.all(
    modelFiles().map(async (m) => ({
      name: m.name,
      elements: flowElements(processOf((await parseModel(m.xml)).rootElement)),
    })),
  );
});

const jobType = (el: ModdleElement) =>
  el.$type === 'bpmn:ServiceTask'
    ? (extension(el, 'zeebe:TaskDefinition')?.type as string | undefined)
    : undefined;

/** The nearest non-gateway elements a flow reaches `el` from. */
function sources(el: ModdleElement, seen = new Set<ModdleElement>()): ModdleElement[] {
  return list(el, 'incoming').flatMap((flow) => {
    const from = flow.sourceRef as ModdleElement;
    if (seen.has(from)) return [];
    seen.add(from);
    return from.$type.endsWith('Gateway') ? sources(from, seen) : [from];
  });
}

const localNames = (el: ModdleElement) =>
  list(extension(el, 'zeebe:IoMapping'), 'inputParameters')
    .filter((p) => p.source === '=null')
    .map((p) => p.target as string);

const acting = handlers.filter((h) => h.actingFor?.length);
/** The start events the web's start forms start at, with the person (start-forms.ts). */
const startEvents = new Set(startables.map((s) => s.startEventId).filter(Boolean));
/** The catch events of the web's message forms, which carry the person who sent them. */
const catchEvents = new Set(messageForms.map((f) => f.catchEventId));
/** A step a person did: a user task, a start event a start form starts at, or a message form's catch event. */
const byPerson = (el: ModdleElement) =>
  el.$type === 'bpmn:UserTask' ||
  (el.$type === 'bpmn:StartEvent' && startEvents.has(el.id as string)) ||
  (el.$type.endsWith('Event') && catchEvents.has(el.id as string));

it('lists, for each handler that acts for people, exactly the user tasks (and start-form start events) that lead straight to it', () => {
  expect(acting.length).toBeGreaterThanOrEqual(20);
  for (const handler of acting) {
    const led = new Set<string>();
    for (const { elements } of models)
      for (const task of elements.filter((e) => jobType(e) === handler.type))
        for (const from of sources(task)) if (byPerson(from)) led.add(from.id as string);
    expect({ type: handler.type, actingFor: [...handler.actingFor!].sort() }).toEqual({
      type: handler.type,
      actingFor: [...led].sort(),
    });
  }
});

it('leaves the worker named on every step that no step of a person leads straight to', () => {
  for (const { elements } of models)
    for (const task of elements.filter((e) => jobType(e))) {
      const handler = handlers.find((h) => h.type === jobType(task))!;
      if (!sources(task).some(byPerson))
        expect({ task: task.id, actingFor: handler.actingFor ?? [] }).toEqual({
          task: task.id,
          actingFor: [],
        });
    }
});

it('gives every multi-instance body and every subprocess beside other user tasks its own zhuanbanActor', () => {
  const expected: Record<string, string[]> = {
    'case-coordination.bpmn': ['SubProcess_Opinions'],
    'petition-reply.bpmn': ['SubProcess_Extension'],
    'rectification.bpmn': ['SubProcess_Rectify'],
    'weekly-report.bpmn': ['SubProcess_UnitReports', 'SubProcess_LateSignOffs'],
  };
  for (const { name, elements } of models) {
    const withUserTasks = elements.filter(
      (e) => e.$type === 'bpmn:SubProcess' && flowElements(e).some((x) => x.$type === 'bpmn:UserTask'),
    );
    const scoped = withUserTasks.filter((e) => localNames(e).includes(actingPersonVariable)).map((e) => e.id);
    expect({ name, scoped }).toEqual({ name, scoped: expected[name] ?? [] });
    for (const e of withUserTasks.filter((x) => x.loopCharacteristics))
      expect(localNames(e)).toContain(actingPersonVariable);
  }
});

it('starts every start form at a start event of its process that has that form', () => {
  for (const s of startables.filter((x) => x.startEventId)) {
    const model = models.find((m) => m.name === `${s.processId}.bpmn`)!;
    const start = model.elements.find((e) => e.id === s.startEventId);
    expect({ id: start?.id, parent: start?.$parent?.$type }).toEqual({
      id: s.startEventId,
      parent: 'bpmn:Process',
    });
    expect(extension(start!, 'zeebe:FormDefinition')).toBeDefined();
  }
});

it('lets no form bind the reserved variable', () => {
  for (const form of formFiles())
    for (const { path } of formFields(form.schema)) expect(path.split('.')[0]).not.toBe(actingPersonVariable);
});

describe('the runtime rule', () => {
  const person = { userId: 7, username: 'court.lead', userTaskKey: '2251799813685300' };
  const handler = { actingFor: ['Task_SignOffReport'] };

  it('names the person who completed a listed task, keeping the step as via', () => {
    expect(
      actingFor(handler, 'zhuanban.report.signOff', { ...person, elementId: 'Task_SignOffReport' }).actor,
    ).toEqual({ userId: 7, label: 'court.lead', via: 'worker:zhuanban.report.signOff' });
  });

  it('names the worker for another task, a malformed value, none at all, or a handler acting for nobody', () => {
    const worker = { userId: null, label: 'worker:zhuanban.report.signOff' };
    for (const value of [
      { ...person, elementId: 'Task_FillReport' },
      { ...person, elementId: 'Task_SignOffReport', userId: '7' },
      { username: 'court.lead', elementId: 'Task_SignOffReport' },
      null,
      undefined,
    ])
      expect(actingFor(handler, 'zhuanban.report.signOff', value)).toEqual({ actor: worker });
    expect(
      actingFor({}, 'zhuanban.report.signOff', { ...person, elementId: 'Task_SignOffReport' }).actor,
    ).toEqual(worker);
  });

  it('fetches the reserved variable only for handlers that act for people', () => {
    expect(variablesToFetch({ fetchVariables: ['isoWeek'], actingFor: ['Task_X'] })).toEqual([
      'isoWeek',
      actingPersonVariable,
    ]);
    expect(variablesToFetch({ fetchVariables: ['isoWeek'] })).toEqual(['isoWeek']);
    expect(variablesToFetch({ actingFor: ['Task_X'] })).toBeUndefined();
  });
});
