// Shared steps of the task listener tests: the listeners' XML, a listener job activated through REST,
// and the job and user task record trails the assertions compare.
import { escape } from '../../support/bpmn';
import type { RecordStream } from '../../support/records';
import type { RestTestEngine } from './rest-harness';

/** `<zeebe:taskListeners>` with one listener per `[eventType, type, retries?]`. */
export function listeners(...ls: [eventType: string, type: string, retries?: number][]): string {
  const items = ls.map(
    ([e, type, retries]) =>
      `<zeebe:taskListener eventType="${e}" type="${escape(type)}"${retries === undefined ? '' : ` retries="${retries}"`} />`,
  );
  return `<zeebe:taskListeners>${items.join('')}</zeebe:taskListeners>`;
}

/** Activates the one job of the type through REST `POST /v2/jobs/activation`. */
export async function activateListenerJob(t: RestTestEngine, type: string) {
  const r = await t.api.activateJobs({ type, timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 3_000 });
  if (r.jobs.length !== 1) throw new Error(`expected a job of type '${type}', got ${r.jobs.length}`);
  return r.jobs[0];
}

/** `INTENT type KIND/EVENT` of every JOB event, in order. */
export function jobTrail(records: RecordStream): string[] {
  return records
    .events('JOB')
    .map(
      (r) =>
        `${r.intent} ${r.value.type} ${r.value.jobKind ?? 'BPMN_ELEMENT'}/${r.value.jobListenerEventType}`,
    );
}

/** The intents of every USER_TASK event, in order. */
export function taskEvents(records: RecordStream): string[] {
  return records.events('USER_TASK').map((r) => r.intent);
}
