// BPMN XML → moddle tree, with Zeebe's extension elements (zeebe-bpmn-moddle) understood.
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';

export type { ModdleElement };

const moddle = new BpmnModdle({ zeebe });

export class BpmnParseError extends Error {}

export interface ParseProblem {
  /** Id of the element concerned; undefined when the problem concerns the file as a whole. */
  elementId?: string;
  message: string;
}

/**
 * References in the XML that point at no element (`messageRef="Message_404"`), by element and
 * property, so the reader of that property can name the dangling id.
 */
const unresolvedRefs = new WeakMap<ModdleElement, Map<string, string>>();

/** The id an element's reference property named, when no element has that id. */
export function unresolvedRef(el: ModdleElement | undefined, prop: string): string | undefined {
  return el ? unresolvedRefs.get(el)?.get(prop) : undefined;
}

/**
 * Parses the XML; throws BpmnParseError with the parser's own words (and the position) when it is
 * not well-formed BPMN XML. Unknown BPMN elements and duplicate ids come back as problems.
 */
export async function parseBpmnXml(
  xml: string,
): Promise<{ definitions: ModdleElement; problems: ParseProblem[] }> {
  let result;
  try {
    result = await moddle.fromXML(xml, 'bpmn:Definitions');
  } catch (e) {
    throw new BpmnParseError(
      `Failed to parse BPMN XML: ${describeXmlError(e instanceof Error ? e.message : String(e))}`,
    );
  }
  const lines = xml.split('\n');
  const problems: ParseProblem[] = [];
  for (const w of result.warnings) {
    if (w.property !== undefined && w.element && /^unresolved reference/.test(w.message)) {
      const prop = w.property.replace(/^bpmn:/, '');
      const refs = unresolvedRefs.get(w.element) ?? new Map<string, string>();
      refs.set(prop, String(w.value));
      unresolvedRefs.set(w.element, refs);
      continue;
    }
    const nested = /nested error: (.*)/.exec(w.message)?.[1] ?? '';
    const duplicate = /^duplicate ID <(.*)>$/.exec(nested);
    if (duplicate) {
      problems.push({
        elementId: duplicate[1],
        message: `Duplicate id '${duplicate[1]}': every element of the file needs its own id`,
      });
      continue;
    }
    // Unknown BPMN elements are errors (Zeebe cannot run what it does not know); unknown vendor
    // extensions are the modeler's business and are ignored, as Zeebe ignores them.
    const unknown = /^unknown type <(.*)>$/.exec(nested);
    if (unknown) {
      if (!unknown[1].startsWith('bpmn:')) continue;
      const tag = `${/unparsable content (<[^\s>/]+)/.exec(w.message)?.[1] ?? `<${unknown[1]}`}>`;
      problems.push({
        elementId: idAt(lines, w.message),
        message: `Unknown BPMN element ${tag}: it is not part of BPMN 2.0 and cannot be executed`,
      });
      continue;
    }
    problems.push({ message: `Malformed BPMN XML: ${describeXmlError(w.message)}` });
  }
  return { definitions: result.rootElement, problems };
}

/** "closing tag mismatch at line 3, column 12 (unparsable content </bpmn:process> detected)". */
function describeXmlError(raw: string): string {
  const first = raw.split('\n')[0].trim();
  const nested = /nested error: (.*)/.exec(raw)?.[1];
  const line = /line: (\d+)/.exec(raw)?.[1];
  const column = /column: (\d+)/.exec(raw)?.[1];
  if (!nested) return first;
  const where = line !== undefined ? ` at line ${Number(line) + 1}, column ${Number(column ?? 0) + 1}` : '';
  return `${nested}${where} (${first})`;
}

/** The id attribute of the element a parser warning points at (by line and column), if any. */
function idAt(lines: string[], warning: string): string | undefined {
  const line = /line: (\d+)/.exec(warning)?.[1];
  const column = /column: (\d+)/.exec(warning)?.[1];
  if (line === undefined) return undefined;
  const text = (lines[Number(line)] ?? '').slice(Number(column ?? 0));
  return /^<[^>]*?\sid="([^"]*)"/.exec(text)?.[1] ?? /\sid="([^"]*)"/.exec(text)?.[1];
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
