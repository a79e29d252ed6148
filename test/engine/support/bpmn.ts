// Small BPMN builders for tests that need many variants of one shape; fixtures saved by Camunda
// Modeler (with diagram interchange) live next to the tests that use them.

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** Wraps process content (and optional root elements: messages, errors, signals) into definitions. */
export function definitions(processes: string, roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ${NS} id="defs" targetNamespace="http://bpmn.io/schema/bpmn">\n${processes}\n${roots}\n</bpmn:definitions>`;
}

export function process(id: string, body: string, executable = true): string {
  return `<bpmn:process id="${id}" isExecutable="${executable}">\n${body}\n</bpmn:process>`;
}

export function flow(id: string, source: string, target: string, condition?: string): string {
  const cond =
    condition === undefined
      ? ''
      : `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escape(condition)}</bpmn:conditionExpression>`;
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">${cond}</bpmn:sequenceFlow>`;
}

export function serviceTask(id: string, type: string, extra = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${escape(type)}" />${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
}

export function ioMapping(inputs: [string, string][] = [], outputs: [string, string][] = []): string {
  const i = inputs.map(([s, t]) => `<zeebe:input source="${escape(s)}" target="${t}" />`).join('');
  const o = outputs.map(([s, t]) => `<zeebe:output source="${escape(s)}" target="${t}" />`).join('');
  return `<zeebe:ioMapping>${i}${o}</zeebe:ioMapping>`;
}

/** start → the given elements in a chain (connected by flows f0, f1, …) → end. */
export function chain(id: string, ...elements: string[]): string {
  const ids = elements.map((e) => /id="([^"]+)"/.exec(e)![1]);
  const all = ['start', ...ids, 'end'];
  const flows = all.slice(1).map((target, i) => flow(`f${i}`, all[i], target));
  return definitions(
    process(
      id,
      [`<bpmn:startEvent id="start" />`, ...elements, `<bpmn:endEvent id="end" />`, ...flows].join('\n'),
    ),
  );
}

export function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Any BPMN element: `<bpmn:tag id attrs><extensionElements>ext</extensionElements>body</bpmn:tag>`. */
export function element(
  tag: string,
  id: string,
  opts: { attrs?: Record<string, string>; ext?: string; body?: string } = {},
): string {
  const attrs = Object.entries(opts.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escape(v)}"`)
    .join('');
  const ext = opts.ext ? `<bpmn:extensionElements>${opts.ext}</bpmn:extensionElements>` : '';
  return `<bpmn:${tag} id="${id}"${attrs}>${ext}${opts.body ?? ''}</bpmn:${tag}>`;
}

/** A Camunda user task (`zeebe:userTask`); `ext` adds assignment, schedule, form, mappings. */
export function userTask(id: string, ext = ''): string {
  return element('userTask', id, { ext: `<zeebe:userTask />${ext}` });
}

/** A script task evaluated by the engine (`zeebe:script`). */
export function scriptTask(id: string, expression: string, resultVariable: string, ext = ''): string {
  return element('scriptTask', id, {
    ext: `<zeebe:script expression="${escape(expression)}" resultVariable="${resultVariable}" />${ext}`,
  });
}

/** A call activity; `called` holds the zeebe:calledElement attributes besides processId. */
export function callActivity(
  id: string,
  processId: string,
  called: Record<string, string> = {},
  ext = '',
  body = '',
): string {
  const attrs = Object.entries(called)
    .map(([k, v]) => ` ${k}="${escape(v)}"`)
    .join('');
  return element('callActivity', id, {
    ext: `<zeebe:calledElement processId="${escape(processId)}"${attrs} />${ext}`,
    body,
  });
}

/** An embedded subprocess holding `content` (which needs its own start event). */
export function subProcess(id: string, content: string, ext = '', body = ''): string {
  return element('subProcess', id, { ext, body: `${body}${content}` });
}

/** Multi-instance loop characteristics, to pass as the `body` of an activity. */
export function multiInstance(
  inputCollection: string,
  opts: {
    sequential?: boolean;
    inputElement?: string;
    outputCollection?: string;
    outputElement?: string;
    completionCondition?: string;
  } = {},
): string {
  const attrs = [
    `inputCollection="${escape(inputCollection)}"`,
    opts.inputElement ? `inputElement="${opts.inputElement}"` : '',
    opts.outputCollection ? `outputCollection="${opts.outputCollection}"` : '',
    opts.outputElement ? `outputElement="${escape(opts.outputElement)}"` : '',
  ].join(' ');
  const condition = opts.completionCondition
    ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${escape(opts.completionCondition)}</bpmn:completionCondition>`
    : '';
  return `<bpmn:multiInstanceLoopCharacteristics isSequential="${opts.sequential ? 'true' : 'false'}"><bpmn:extensionElements><zeebe:loopCharacteristics ${attrs} /></bpmn:extensionElements>${condition}</bpmn:multiInstanceLoopCharacteristics>`;
}

/** A boundary event; `definition` is its event definition (e.g. errorDefinition('err')). */
export function boundaryEvent(
  id: string,
  attachedTo: string,
  definition: string,
  interrupting = true,
): string {
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">${definition}</bpmn:boundaryEvent>`;
}

/** An error event definition referring to a `bpmn:error` (none: catch-all). */
export function errorDefinition(errorRef?: string): string {
  return errorRef ? `<bpmn:errorEventDefinition errorRef="${errorRef}" />` : '<bpmn:errorEventDefinition />';
}

/** A root `bpmn:error` element, for definitions(…, roots). */
export function bpmnError(id: string, code: string): string {
  return `<bpmn:error id="${id}" errorCode="${escape(code)}" />`;
}
