// User task listeners (zeebe:taskListeners) on Camunda user tasks: read into the executable model and
// checked at deployment.
import type { Expression } from '../feel/expression';
import type { ExecutableElement } from './types';
import type { ValidationReport } from './report';
import { extension, list, str, type ModdleElement } from './parse';

export type TaskListenerEventType = 'creating' | 'assigning' | 'updating' | 'completing' | 'canceling';

export interface TaskListener {
  eventType: TaskListenerEventType;
  type: Expression;
  retries: Expression;
}

/** Zeebe 8.8's event names, and the 8.6 names its model still maps onto them. */
const EVENT_TYPES: Record<string, TaskListenerEventType> = {
  creating: 'creating',
  assigning: 'assigning',
  updating: 'updating',
  completing: 'completing',
  canceling: 'canceling',
  create: 'creating',
  assignment: 'assigning',
  update: 'updating',
  complete: 'completing',
  cancel: 'canceling',
};

export function readTaskListeners(
  el: ModdleElement,
  e: ExecutableElement,
  native: boolean,
  report: ValidationReport,
): TaskListener[] {
  const container = extension(el, 'zeebe:TaskListeners');
  if (!container) return [];
  if (!native) {
    report.error(
      e.id,
      'Task listeners are only supported on Camunda user tasks (with zeebe:userTask), not on job-worker user tasks',
    );
    return [];
  }
  const listeners: TaskListener[] = [];
  for (const l of list(container, 'listeners')) {
    const raw = str(l, 'eventType') ?? '';
    const eventType = EVENT_TYPES[raw];
    if (!eventType) {
      report.error(
        e.id,
        `Expected the task listener's eventType to be one of 'creating', 'assigning', 'updating', 'completing', 'canceling', but found '${raw}'`,
      );
      continue;
    }
    const typeText = str(l, 'type') ?? '';
    if (!typeText.trim()) {
      report.error(e.id, `Expected the ${eventType} task listener to have a non-empty 'type' attribute`);
      continue;
    }
    const type = report.expression(e.id, `${eventType} task listener type`, typeText);
    const retries = report.expression(e.id, `${eventType} task listener retries`, str(l, 'retries') ?? '3');
    if (retries?.static && !/^\d+$/.test(retries.text.trim())) {
      report.error(
        e.id,
        `Expected the ${eventType} task listener's retries to be a non-negative integer, but found '${retries.text}'`,
      );
      continue;
    }
    if (type && retries) listeners.push({ eventType, type, retries });
  }
  return listeners;
}
