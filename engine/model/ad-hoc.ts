// Ad-hoc subprocesses in the model, as Zeebe 8.8 transforms them (its AdHocSubProcessTransformer and
// AdHocSubProcessValidator): the implementation (the engine itself, or a job worker when a zeebe:taskDefinition is
// given), the zeebe:adHoc expressions, the completion condition, the elements that can be
// activated (inner flow nodes without incoming flows), their metadata for `adHocSubProcessElements`, and the inner
// instance element that becomes the model scope of the inner elements.
import { newElement, type AdHocDefinition, type ExecutableElement, type ExecutableProcess } from './types';
import type { ValidationReport } from './report';
import { body, extension, list, ref, str, type ModdleElement } from './parse';
import { nonEmpty, readJobDefinition } from './read-element';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NOT_ACTIVATABLE = new Set(['START_EVENT', 'END_EVENT', 'BOUNDARY_EVENT', 'EVENT_SUB_PROCESS']);

/** Called once the ad-hoc subprocess's own scope is built (its children wired). */
export function readAdHoc(
  fe: ModdleElement,
  e: ExecutableElement,
  process: ExecutableProcess,
  report: ValidationReport,
): void {
  // A task definition hands the subprocess to a job worker (Zeebe's JOB_WORKER implementation type).
  const jobWorker = !!extension(fe, 'zeebe:TaskDefinition');
  if (jobWorker) readJobDefinition(fe, e, report);
  if (list(fe, 'flowElements').length === 0) report.error(e.id, 'Must have at least one activity.');
  if (e.startEvents.length > 0) report.error(e.id, 'Must not contain a start event.');
  if (e.children.some((c) => c.type === 'END_EVENT')) report.error(e.id, 'Must not contain an end event.');

  const z = extension(fe, 'zeebe:AdHoc');
  const outputCollection = nonEmpty(str(z, 'outputCollection')) ?? null;
  if (outputCollection !== null && !VARIABLE_NAME.test(outputCollection))
    report.error(e.id, `Expected outputCollection to be a variable name, but found '${outputCollection}'`);
  const outputElement = report.expression(e.id, 'outputElement', nonEmpty(str(z, 'outputElement')), {
    feelOnly: true,
  });
  if (outputCollection && !outputElement)
    report.error(e.id, 'Expected an outputElement expression when outputCollection is set');
  if (!outputCollection && outputElement)
    report.error(e.id, 'Expected an outputCollection when outputElement is set');

  const inner = newElement(`${e.id}#innerInstance`, 'AD_HOC_SUB_PROCESS_INNER_INSTANCE', e);
  const activities = e.children.filter((c) => c.incoming.length === 0 && !NOT_ACTIVATABLE.has(c.type));
  const definition: AdHocDefinition = {
    implementation: jobWorker ? 'JOB_WORKER' : 'BPMN',
    activeElementsCollection: report.expression(
      e.id,
      'activeElementsCollection',
      nonEmpty(str(z, 'activeElementsCollection')),
      { feelOnly: true },
    ),
    completionCondition: report.expression(
      e.id,
      'completionCondition',
      nonEmpty(body(ref(fe, 'completionCondition'))),
      { feelOnly: true },
    ),
    cancelRemainingInstances: fe.cancelRemainingInstances !== false,
    outputCollection,
    outputElement,
    activities,
    innerInstance: inner,
    metadata: activities.map((a) => metadataOf(a, fe)),
  };
  // The inner elements live in an inner instance at run time; the model says so, as Zeebe's does.
  inner.children = e.children;
  for (const child of e.children) {
    child.flowScope = inner;
    for (const b of child.boundaryEvents) b.flowScope = inner;
  }
  e.children = [inner];
  process.elements.set(inner.id, inner);
  e.adHoc = definition;
}

function metadataOf(a: ExecutableElement, adHoc: ModdleElement): AdHocDefinition['metadata'][number] {
  const fe = list(adHoc, 'flowElements').find((f) => f.id === a.id)!;
  const documentation = list(fe, 'documentation')
    .map((d) => str(d, 'text') ?? '')
    .join('\n');
  const properties: Record<string, string> = {};
  for (const p of list(extension(fe, 'zeebe:Properties'), 'properties')) {
    const name = str(p, 'name');
    if (name) properties[name] = str(p, 'value') ?? '';
  }
  return { elementId: a.id, elementName: a.name, documentation, properties, parameters: [] };
}
