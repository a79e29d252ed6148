// Compensation in the model: a compensation boundary event points through an association to its handler (an
// activity marked isForCompensation, outside the sequence flow), and a compensation throw or end event may name
// the one activity it compensates (activityRef). Zeebe's deployment checks and texts (its
// BoundaryEventValidator, CompensationTaskValidator and CompensationEventDefinitionValidator).
import { compensationBoundary, type ExecutableElement, type ExecutableProcess } from './types';
import type { ValidationReport } from './report';

/** Task kinds Zeebe accepts as compensation handlers; subprocesses and call activities are accepted too. */
const HANDLER_TASKS = new Set([
  'SERVICE_TASK',
  'USER_TASK',
  'SEND_TASK',
  'SCRIPT_TASK',
  'MANUAL_TASK',
  'TASK',
]);

export interface Association {
  sourceId: string;
  targetId: string;
}

export function wireCompensation(
  process: ExecutableProcess,
  associations: Association[],
  report: ValidationReport,
): void {
  for (const e of process.elements.values()) {
    if (e.type === 'BOUNDARY_EVENT' && e.eventType === 'COMPENSATION')
      wireBoundary(e, process, associations, report);
    if (e.forCompensation) checkHandler(e, report);
    if (e.eventType === 'COMPENSATION' && e.compensationRef !== null) wireActivityRef(e, process, report);
  }
}

function wireBoundary(
  e: ExecutableElement,
  process: ExecutableProcess,
  associations: Association[],
  report: ValidationReport,
): void {
  const association = associations.find((a) => a.sourceId === e.id);
  if (!association || e.outgoing.length > 0) {
    report.error(
      e.id,
      'Compensation boundary events must have a compensation association and no outgoing sequence flows',
    );
    return;
  }
  const handler = process.elements.get(association.targetId);
  if (!handler?.forCompensation) {
    report.error(
      e.id,
      `Expected the association of the compensation boundary event to point to a compensation handler (an activity with isForCompensation="true"), but '${association.targetId}' is none`,
    );
    return;
  }
  e.compensationHandler = handler;
}

function checkHandler(e: ExecutableElement, report: ValidationReport): void {
  if ((e.type.endsWith('_TASK') || e.type === 'TASK') && !HANDLER_TASKS.has(e.type))
    report.error(
      e.id,
      'Compensation task must be one of: service task, user task, send task, script task, manual task, or undefined task.',
    );
  if (e.incoming.length > 0)
    report.error(e.id, 'A compensation handler should have no incoming sequence flows');
  if (e.outgoing.length > 0)
    report.error(e.id, 'A compensation handler should have no outgoing sequence flows');
  if (e.boundaryEvents.length > 0)
    report.error(e.id, 'A compensation handler should have no boundary events');
}

function wireActivityRef(e: ExecutableElement, process: ExecutableProcess, report: ValidationReport): void {
  const id = e.compensationRef!;
  const activity = process.elements.get(id);
  if (!activity) {
    report.error(e.id, `The referenced compensation activity '${id}' doesn't exist`);
    return;
  }
  if (!compensationBoundary(activity) && activity.type !== 'SUB_PROCESS')
    report.error(
      e.id,
      `The referenced compensation activity '${id}' must have either a compensation boundary event or be a subprocess`,
    );
  // From an event subprocess the compensation reaches the scope around it as well (as the docs allow).
  const scope = e.flowScope;
  const outer = scope?.type === 'EVENT_SUB_PROCESS' ? scope.flowScope : null;
  if (activity.flowScope !== scope && activity.flowScope !== outer)
    report.error(
      e.id,
      `The referenced compensation activity '${id}' must be in the same scope as the compensation throw event`,
    );
  e.compensationActivity = activity;
}
