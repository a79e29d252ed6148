// Execution listeners (zeebe:executionListeners): read into the executable model and validated as
// Zeebe 8.8 validates them at deployment. Every element Zeebe accepts them on runs them here; the
// element kinds whose processing leaves no room for a phase are refused with Zeebe's own texts.
import type { ExecutableElement, ExecutionListener } from './types';
import type { ValidationReport } from './report';
import { extension, list, str, type ModdleElement } from './parse';

const GATEWAYS = new Set([
  'EXCLUSIVE_GATEWAY',
  'INCLUSIVE_GATEWAY',
  'PARALLEL_GATEWAY',
  'EVENT_BASED_GATEWAY',
]);

/**
 * Zeebe's refusal of one event type on this element (its StartEvent, BoundaryEvent, EndEvent and
 * Gateway validators): a start event is already running when it activates, a boundary event was
 * triggered before it exists, a gateway leaves as it completes, an error end event never completes
 * and a compensation boundary event only links its activity to the handler (the handler runs them).
 */
function zeebeRefuses(e: ExecutableElement, eventType: 'start' | 'end'): string | undefined {
  const refused = (what: string, type: string = eventType) =>
    `Execution listeners of type '${type}' are not supported by ${what}`;
  if (e.type === 'BOUNDARY_EVENT' && e.eventType === 'COMPENSATION')
    return refused('[compensation] boundary events', "start' and 'end");
  if (eventType === 'start' && e.type === 'START_EVENT') return refused('start events');
  if (eventType === 'start' && e.type === 'BOUNDARY_EVENT') return refused('boundary events');
  if (eventType === 'end' && GATEWAYS.has(e.type)) return refused('gateway element');
  if (eventType === 'end' && e.type === 'END_EVENT' && e.eventType === 'ERROR')
    return refused('[error] end events');
  return undefined;
}

function listenerHeaders(l: ModdleElement): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of list(l.headers as ModdleElement | undefined, 'values')) {
    const key = str(h, 'key');
    if (key !== undefined) headers[key] = str(h, 'value') ?? '';
  }
  return headers;
}

/** Reads the listeners once the element's type and event type are known (the refusals depend on both). */
export function readExecutionListeners(
  el: ModdleElement,
  e: ExecutableElement,
  report: ValidationReport,
): void {
  const container = extension(el, 'zeebe:ExecutionListeners');
  if (!container) return;
  const listeners: ExecutionListener[] = [];
  const refused = new Set<string>();
  const counts = new Map<string, { eventType: string; type: string; count: number }>();
  for (const l of list(container, 'listeners')) {
    const eventType = str(l, 'eventType') ?? 'start';
    if (eventType !== 'start' && eventType !== 'end') {
      report.error(
        e.id,
        `Expected the execution listener's eventType to be 'start' or 'end', but found '${eventType}'`,
      );
      continue;
    }
    const typeText = str(l, 'type') ?? '';
    if (!typeText.trim()) {
      report.error(e.id, `Expected the ${eventType} execution listener to have a non-empty 'type' attribute`);
      continue;
    }
    const pair = `${eventType}|${typeText}`;
    const seen = counts.get(pair) ?? { eventType, type: typeText, count: 0 };
    seen.count += 1;
    counts.set(pair, seen);
    const refusal = zeebeRefuses(e, eventType);
    if (refusal) {
      refused.add(refusal);
      continue;
    }
    if (seen.count > 1) continue;
    const type = report.expression(e.id, `${eventType} execution listener type`, typeText);
    const retries = report.expression(
      e.id,
      `${eventType} execution listener retries`,
      str(l, 'retries') ?? '3',
    );
    if (retries?.static && !/^\d+$/.test(retries.text.trim())) {
      report.error(
        e.id,
        `Expected the ${eventType} execution listener's retries to be a non-negative integer, but found '${retries.text}'`,
      );
    }
    if (!type || !retries) continue;
    listeners.push({ eventType, type, retries, headers: listenerHeaders(l) });
  }
  // One message per refused kind and per duplicated pair, as Zeebe's validators report them.
  for (const message of refused) report.error(e.id, message);
  for (const { eventType, type, count } of counts.values()) {
    if (count < 2) continue;
    report.error(
      e.id,
      `Found '${count}' duplicates based on eventType[${eventType}] and type[${type}], these combinations should be unique.`,
    );
  }
  e.executionListeners = listeners;
}
