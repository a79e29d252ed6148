// BPMN builders for event tests: event definitions (timer, message, signal, error), the root
// elements they refer to, catch/throw/start/end events, boundary events and event subprocesses.
// Small on purpose; compose them with definitions()/process()/flow() from bpmn.ts.
import { escape, flow } from './bpmn';

export type TimerKind = 'timeDate' | 'timeDuration' | 'timeCycle';

export function timerDef(kind: TimerKind, value: string): string {
  return `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${escape(value)}</bpmn:${kind}></bpmn:timerEventDefinition>`;
}

export function messageDef(messageRef: string): string {
  return `<bpmn:messageEventDefinition messageRef="${messageRef}" />`;
}

export function signalDef(signalRef: string): string {
  return `<bpmn:signalEventDefinition signalRef="${signalRef}" />`;
}

export function errorDef(errorRef?: string): string {
  return errorRef ? `<bpmn:errorEventDefinition errorRef="${errorRef}" />` : '<bpmn:errorEventDefinition />';
}

/** Root `bpmn:message`; the correlation key is a FEEL expression (omit it for start-event-only messages). */
export function message(id: string, name: string, correlationKey?: string): string {
  const sub =
    correlationKey === undefined
      ? ''
      : `<bpmn:extensionElements><zeebe:subscription correlationKey="${escape(correlationKey)}" /></bpmn:extensionElements>`;
  return `<bpmn:message id="${id}" name="${escape(name)}">${sub}</bpmn:message>`;
}

export function signal(id: string, name: string): string {
  return `<bpmn:signal id="${id}" name="${escape(name)}" />`;
}

export function error(id: string, code: string): string {
  return `<bpmn:error id="${id}" errorCode="${escape(code)}" />`;
}

type EventTag = 'startEvent' | 'intermediateCatchEvent' | 'intermediateThrowEvent' | 'endEvent';

/** An event with an optional definition and extension elements (e.g. ioMapping(…)). */
export function event(tag: EventTag, id: string, definition = '', ext = '', attrs = ''): string {
  const extension = ext ? `<bpmn:extensionElements>${ext}</bpmn:extensionElements>` : '';
  return `<bpmn:${tag} id="${id}"${attrs ? ` ${attrs}` : ''}>${extension}${definition}</bpmn:${tag}>`;
}

/** A start event of an event subprocess (`isInterrupting`). */
export function espStart(id: string, definition: string, interrupting: boolean, ext = ''): string {
  return event('startEvent', id, definition, ext, `isInterrupting="${interrupting}"`);
}

export function boundary(
  id: string,
  attachedTo: string,
  definition: string,
  interrupting = true,
  ext = '',
): string {
  const extension = ext ? `<bpmn:extensionElements>${ext}</bpmn:extensionElements>` : '';
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">${extension}${definition}</bpmn:boundaryEvent>`;
}

export function receiveTask(id: string, messageRef: string, ext = ''): string {
  const extension = ext ? `<bpmn:extensionElements>${ext}</bpmn:extensionElements>` : '';
  return `<bpmn:receiveTask id="${id}" messageRef="${messageRef}">${extension}</bpmn:receiveTask>`;
}

/** An embedded subprocess, or with `triggeredByEvent` an event subprocess, holding `content`. */
export function subprocess(id: string, content: string, triggeredByEvent = false): string {
  return `<bpmn:subProcess id="${id}"${triggeredByEvent ? ' triggeredByEvent="true"' : ''}>${content}</bpmn:subProcess>`;
}

/** The given elements connected in order by flows named `${prefix}0`, `${prefix}1`, …. */
export function path(prefix: string, ...elements: string[]): string {
  const ids = elements.map((e) => /id="([^"]+)"/.exec(e)![1]);
  const flows = ids.slice(1).map((target, i) => flow(`${prefix}${i}`, ids[i], target));
  return [...elements, ...flows].join('\n');
}
