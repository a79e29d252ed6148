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
