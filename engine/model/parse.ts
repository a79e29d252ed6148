// BPMN XML → moddle tree, with Zeebe's extension elements (zeebe-bpmn-moddle) understood.
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';

export type { ModdleElement };

const moddle = new BpmnModdle({ zeebe });

export class BpmnParseError extends Error {}

/** Parses the XML; throws BpmnParseError with the parser's own words when it is not valid BPMN XML. */
export async function parseBpmnXml(xml: string): Promise<{ definitions: ModdleElement; warnings: string[] }> {
  let result;
  try {
    result = await moddle.fromXML(xml, 'bpmn:Definitions');
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new BpmnParseError(`Failed to parse BPMN XML: ${message}`);
  }
  // Unknown BPMN elements are errors (Zeebe cannot run what it does not know); unknown vendor
  // extensions are the modeler's business and are ignored, as Zeebe ignores them.
  const warnings = result.warnings
    .map((w) => {
      const nested = /nested error: (.*)/.exec(w.message)?.[1];
      return nested ?? w.message.split('\n')[0];
    })
    .filter((m) => /<bpmn:/.test(m));
  return { definitions: result.rootElement, warnings };
}

export function list(el: ModdleElement | undefined, prop: string): ModdleElement[] {
  const v = el?.[prop];
  return Array.isArray(v) ? (v as ModdleElement[]) : [];
}

export function str(el: ModdleElement | undefined, prop: string): string | undefined {
  const v = el?.[prop];
  return typeof v === 'string' ? v : undefined;
}

export function ref(el: ModdleElement | undefined, prop: string): ModdleElement | undefined {
  const v = el?.[prop];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as ModdleElement) : undefined;
}

/** The extension elements of the given zeebe type (`zeebe:TaskDefinition`, …). */
export function extensions(el: ModdleElement, type: string): ModdleElement[] {
  return list(ref(el, 'extensionElements'), 'values').filter((v) => v.$type === type);
}

export function extension(el: ModdleElement, type: string): ModdleElement | undefined {
  return extensions(el, type)[0];
}

/** Text of a bpmn:FormalExpression (conditions, timer values, completion conditions). */
export function body(el: ModdleElement | undefined): string | undefined {
  const b = el?.body;
  return typeof b === 'string' ? b : undefined;
}
