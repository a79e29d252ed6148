// What the monitor needs to know of a deployed model, read from its XML: each flow element's name and type,
// the timer and message a waiting element waits for (with the boundary events attached to it), and the
// candidate-group expression of user tasks. A small reader over the Zeebe-dialect XML, not a full parser.

export interface WaitDefinition {
  kind: 'timer' | 'message';
  eventId: string;
  eventName?: string;
  /** FEEL expression or literal: the timer's date/duration/cycle, or the message's correlation key. */
  expression?: string;
  timerKind?: 'date' | 'duration' | 'cycle';
  messageName?: string;
}

export interface ElementFacts {
  id: string;
  type: string;
  name?: string;
  candidateGroups?: string;
  waits: WaitDefinition[];
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : undefined;
};

const cache = new Map<string, Map<string, ElementFacts>>();

/** The facts per element id (cached per definition key: a deployed version never changes). */
export function bpmnFacts(definitionKey: string, xml: string): Map<string, ElementFacts> {
  const hit = cache.get(definitionKey);
  if (hit) return hit;
  const messages = new Map<string, { name?: string; correlationKey?: string }>();
  for (const m of xml.matchAll(/<bpmn:message\b([^>]*?)(\/>|>([\s\S]*?)<\/bpmn:message>)/g)) {
    const id = attr(m[1]!, 'id');
    const sub = m[3] ? /<zeebe:subscription\b([^>]*)>/.exec(m[3]) : null;
    if (id)
      messages.set(id, {
        name: attr(m[1]!, 'name'),
        correlationKey: sub ? attr(sub[1]!, 'correlationKey') : undefined,
      });
  }
  const facts = new Map<string, ElementFacts>();
  const attached: { host: string; wait: WaitDefinition }[] = [];
  const re =
    /<bpmn:(userTask|serviceTask|sendTask|receiveTask|scriptTask|businessRuleTask|task|manualTask|subProcess|callActivity|startEvent|endEvent|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|exclusiveGateway|parallelGateway|inclusiveGateway|eventBasedGateway)\b([^>]*?)(\/>|>)/g;
  for (const m of xml.matchAll(re)) {
    const [, type, attrs, close] = m;
    const id = attr(attrs!, 'id');
    if (!id) continue;
    // The element's own content up to its closing tag (subprocesses: only up to the first child element's end
    // is wrong, so timers and messages are read only for events, which have no flow children).
    let body = '';
    if (close === '>' && /Event$/.test(type!)) {
      const end = xml.indexOf(`</bpmn:${type}>`, m.index! + m[0].length);
      body = end > 0 ? xml.slice(m.index! + m[0].length, end) : '';
    }
    if (close === '>' && type === 'userTask') {
      const end = xml.indexOf('</bpmn:userTask>', m.index!);
      body = end > 0 ? xml.slice(m.index!, end) : '';
    }
    const f: ElementFacts = { id, type: type!, name: attr(attrs!, 'name'), waits: [] };
    const groups = /<zeebe:assignmentDefinition\b([^>]*)>/.exec(body);
    if (groups) f.candidateGroups = attr(groups[1]!, 'candidateGroups');
    const timer = /<bpmn:time(Date|Duration|Cycle)\b[^>]*>([\s\S]*?)<\/bpmn:time\1>/.exec(body);
    const wait: WaitDefinition | undefined = timer
      ? {
          kind: 'timer',
          eventId: id,
          eventName: f.name,
          timerKind: timer[1]!.toLowerCase() as 'date' | 'duration' | 'cycle',
          expression: unescape(timer[2]!.trim()),
        }
      : undefined;
    const messageRef = /<bpmn:messageEventDefinition\b([^>]*)>/.exec(body);
    const message = messageRef ? messages.get(attr(messageRef[1]!, 'messageRef') ?? '') : undefined;
    const msgWait: WaitDefinition | undefined = messageRef
      ? {
          kind: 'message',
          eventId: id,
          eventName: f.name,
          messageName: message?.name,
          expression: message?.correlationKey,
        }
      : undefined;
    if (type === 'receiveTask') {
      const ref = messages.get(attr(attrs!, 'messageRef') ?? '');
      f.waits.push({
        kind: 'message',
        eventId: id,
        eventName: f.name,
        messageName: ref?.name,
        expression: ref?.correlationKey,
      });
    }
    const host = attr(attrs!, 'attachedToRef');
    for (const w of [wait, msgWait]) {
      if (!w) continue;
      if (type === 'boundaryEvent' && host) attached.push({ host, wait: w });
      else f.waits.push(w);
    }
    facts.set(id, f);
  }
  for (const { host, wait } of attached) facts.get(host)?.waits.push(wait);
  cache.set(definitionKey, facts);
  return facts;
}

/**
 * A FEEL expression evaluated over an instance's variables, as far as the models use them: a literal, a
 * variable (`=opinionDueAt`), a path (`=a.b`) or a one-element list (`=[unitCode]`). Anything else is shown
 * as written.
 */
export function evaluateSimple(expression: string | undefined, vars: Record<string, unknown>): unknown {
  if (expression === undefined) return undefined;
  if (!expression.startsWith('=')) return expression;
  const body = expression.slice(1).trim();
  const list = /^\[\s*([A-Za-z_][\w.]*)\s*\]$/.exec(body);
  if (list) {
    const v = path(vars, list[1]!);
    return v === undefined ? undefined : [v];
  }
  if (/^[A-Za-z_][\w.]*$/.test(body)) return path(vars, body);
  const str = /^"([^"]*)"$/.exec(body);
  if (str) return str[1];
  return undefined;
}

function path(vars: Record<string, unknown>, p: string): unknown {
  let cur: unknown = vars;
  for (const part of p.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
