// Checks on an element's Zeebe extension elements that Zeebe makes at deployment: each kind at
// most once, task listeners only on user tasks, task headers without reserved or duplicate keys,
// a script task implemented one way, a form linked one way, and the extensions this engine cannot
// run yet rejected by name.
import type { ValidationReport } from './report';
import { extension, extensions, list, str, type ModdleElement } from './parse';

/** Extension elements an element may carry at most once (Zeebe's duplication validators). */
const SINGLE = [
  'zeebe:IoMapping',
  'zeebe:TaskHeaders',
  'zeebe:TaskDefinition',
  'zeebe:CalledElement',
  'zeebe:CalledDecision',
  'zeebe:Script',
  'zeebe:UserTask',
  'zeebe:AssignmentDefinition',
  'zeebe:FormDefinition',
  'zeebe:TaskSchedule',
  'zeebe:PriorityDefinition',
  'zeebe:VersionTag',
  'zeebe:Subscription',
  'zeebe:LoopCharacteristics',
];

const NOT_YET: Record<string, string> = {};

const RESERVED_HEADER_PREFIX = 'io.camunda.zeebe:';

function tagOf(type: string): string {
  const [prefix, name] = type.split(':');
  return `${prefix}:${name.charAt(0).toLowerCase()}${name.slice(1)}`;
}

/** Validates the extension elements of a flow element, process or message. */
export function validateExtensions(el: ModdleElement, id: string, report: ValidationReport): void {
  for (const type of SINGLE) {
    if (extensions(el, type).length > 1)
      report.error(id, `Must have at most one '${tagOf(type)}' extension element, but found several`);
  }
  for (const [type, message] of Object.entries(NOT_YET)) {
    if (extension(el, type)) report.error(id, message.charAt(0).toUpperCase() + message.slice(1));
  }
  if (el.$type !== 'bpmn:UserTask' && extension(el, 'zeebe:TaskListeners'))
    report.error(id, 'Task listeners (zeebe:taskListeners) are only allowed on user tasks');
  const headers = list(extension(el, 'zeebe:TaskHeaders'), 'values');
  const seen = new Set<string>();
  for (const h of headers) {
    const key = str(h, 'key') ?? '';
    if (key.startsWith(RESERVED_HEADER_PREFIX))
      report.error(
        id,
        `Task header key '${key}' is reserved: keys starting with '${RESERVED_HEADER_PREFIX}' are for the engine's own use`,
      );
    if (seen.has(key)) report.error(id, `Task headers contain the key '${key}' more than once`);
    seen.add(key);
  }
  if (
    el.$type === 'bpmn:ScriptTask' &&
    extension(el, 'zeebe:Script') &&
    extension(el, 'zeebe:TaskDefinition')
  )
    report.error(
      id,
      "Must have either a 'zeebe:script' or a 'zeebe:taskDefinition' extension element, not both",
    );
  const form = extension(el, 'zeebe:FormDefinition');
  if (form) {
    const links = ['formKey', 'formId', 'externalReference'].filter(
      (a) => (str(form, a) ?? '').trim() !== '',
    );
    if (links.length !== 1)
      report.error(
        id,
        `Expected the 'zeebe:formDefinition' to have exactly one of formId, externalReference or formKey, but found ${links.length === 0 ? 'none' : links.join(' and ')}`,
      );
  }
}
