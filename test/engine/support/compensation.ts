// BPMN builders for compensation tests: a compensable service task (its compensation boundary event, the
// association and the handler marked isForCompensation), compensation throw and end events, and the
// COMPENSATION_SUBSCRIPTION records of an instance read as short lines.
import { element } from './bpmn';
import type { RecordStream } from './records';

export function compensateDef(activityRef?: string): string {
  return activityRef
    ? `<bpmn:compensateEventDefinition activityRef="${activityRef}" />`
    : '<bpmn:compensateEventDefinition />';
}

/** `<id>-comp` on the activity, associated with `handler` (an element built with isForCompensation). */
export function compensationBoundary(activityId: string, handlerId: string): string {
  return [
    `<bpmn:boundaryEvent id="${activityId}-comp" attachedToRef="${activityId}">${compensateDef()}</bpmn:boundaryEvent>`,
    `<bpmn:association id="${activityId}-assoc" associationDirection="One" sourceRef="${activityId}-comp" targetRef="${handlerId}" />`,
  ].join('\n');
}

/** A service task marked as compensation handler. */
export function handlerTask(id: string, jobType: string, ext = ''): string {
  return element('serviceTask', id, {
    attrs: { isForCompensation: 'true' },
    ext: `<zeebe:taskDefinition type="${jobType}" />${ext}`,
  });
}

/** The service task `id` (job type = id) with its boundary and handler `undo-<id>` (job type `undo-<id>`). */
export function compensable(id: string, body = ''): string {
  return [
    element('serviceTask', id, { ext: `<zeebe:taskDefinition type="${id}" />`, body }),
    handlerTask(`undo-${id}`, `undo-${id}`),
    compensationBoundary(id, `undo-${id}`),
  ].join('\n');
}

export function compensationThrow(id: string, activityRef?: string): string {
  return `<bpmn:intermediateThrowEvent id="${id}">${compensateDef(activityRef)}</bpmn:intermediateThrowEvent>`;
}

export function compensationEnd(id: string, activityRef?: string): string {
  return `<bpmn:endEvent id="${id}">${compensateDef(activityRef)}</bpmn:endEvent>`;
}

/** `INTENT activity [handler] by throw` of every COMPENSATION_SUBSCRIPTION event of the instance, in order. */
export function subscriptionLog(records: RecordStream, processInstanceKey: number | string): string[] {
  return records
    .events('COMPENSATION_SUBSCRIPTION')
    .filter((r) => r.value.processInstanceKey === Number(processInstanceKey))
    .map((r) => {
      const v = r.value;
      const handler = v.compensationHandlerId ? ` [${v.compensationHandlerId}]` : '';
      const by = v.throwEventId ? ` by ${v.throwEventId}` : '';
      return `${r.intent} ${v.compensableActivityId}${handler}${by}`;
    });
}
