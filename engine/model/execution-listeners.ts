// Execution listeners (zeebe:executionListeners): read into the executable model and validated as
// Zeebe validates them at deployment. This engine runs them on the tasks whose lifecycle it splits
// into "before the element's work" and "after its output mappings"; elsewhere they are refused by
// name rather than silently skipped.
import type { ExecutableElement, ExecutionListener } from './types';
import type { ValidationReport } from './report';
import { extension, list, str, type ModdleElement } from './parse';

/** Element types whose start and end listeners this engine runs (single instances only). */
const RUNS_LISTENERS = new Set([
  'SERVICE_TASK',
  'SEND_TASK',
  'USER_TASK',
  'SCRIPT_TASK',
  'BUSINESS_RULE_TASK',
  'MANUAL_TASK',
  'TASK',
  'RECEIVE_TASK',
]);

const GATEWAYS = new Set([
  'EXCLUSIVE_GATEWAY',
  'INCLUSIVE_GATEWAY',
  'PARALLEL_GATEWAY',
  'EVENT_BASED_GATEWAY',
]);

/** What Zeebe itself refuses (its docs' "Unsupported elements"), whatever the engine. */
function zeebeRefuses(e: ExecutableElement, eventType: 'start' | 'end'): string | undefined {
  if (eventType === 'start' && e.type === 'START_EVENT') return 'start events';
  if (eventType === 'start' && e.type === 'BOUNDARY_EVENT') return 'boundary events';
  if (eventType === 'end' && GATEWAYS.has(e.type)) return 'gateways';
  if (eventType === 'end' && e.type === 'END_EVENT' && e.eventType === 'ERROR') return 'error end events';
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

export function readExecutionListeners(
  el: ModdleElement,
  e: ExecutableElement,
  report: ValidationReport,
): void {
  const container = extension(el, 'zeebe:ExecutionListeners');
  if (!container) return;
  const listeners: ExecutionListener[] = [];
  const seen = new Set<string>();
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
    const refused = zeebeRefuses(e, eventType);
    if (refused) {
      report.error(e.id, `Execution listeners of type '${eventType}' are not supported by ${refused}`);
      continue;
    }
    const pair = `${eventType}|${typeText}`;
    if (seen.has(pair)) {
      report.error(
        e.id,
        `Found element with duplicated execution listener: eventType '${eventType}' and type '${typeText}'`,
      );
      continue;
    }
    seen.add(pair);
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
  if (listeners.length === 0) return;
  if (!RUNS_LISTENERS.has(e.type) || e.loop) {
    const what = e.loop ? 'multi-instance activities' : `elements of type ${e.type}`;
    report.error(e.id, `Execution listeners on ${what} are not supported by this engine yet`);
    return;
  }
  e.executionListeners = listeners;
}
