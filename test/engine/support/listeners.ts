// Execution-listener test helpers: the zeebe:executionListeners extension and the record trail of
// one element instance (its lifecycle events interleaved with its jobs' events).
import { escape } from './bpmn';
import type { TestEngine } from './harness';
import type { EngineRecord } from '../../../engine/protocol/record';

/** `<zeebe:executionListeners>` with [eventType, type, extra attributes] per listener. */
export function listeners(...ls: [eventType: string, type: string, extra?: string][]): string {
  const items = ls.map(
    ([e, type, extra = '']) => `<zeebe:executionListener eventType="${e}" type="${escape(type)}"${extra} />`,
  );
  return `<zeebe:executionListeners>${items.join('')}</zeebe:executionListeners>`;
}

/** The events of one element instance and of its jobs, in order, listener jobs named with kind and event. */
export function trail(t: TestEngine, key: number): string[] {
  return t.records.all
    .filter((r) => r.recordType === 'EVENT')
    .filter(
      (r) =>
        (r.valueType === 'PROCESS_INSTANCE' && r.key === key) ||
        (r.valueType === 'JOB' && (r as EngineRecord<'JOB'>).value.elementInstanceKey === key),
    )
    .map((r) => {
      if (r.valueType !== 'JOB') return r.intent;
      const v = (r as EngineRecord<'JOB'>).value;
      return `JOB ${r.intent} ${v.type} ${v.jobKind ?? 'BPMN_ELEMENT'}/${v.jobListenerEventType ?? 'UNSPECIFIED'}`;
    });
}

/** Types of the listener jobs created in the whole stream, in order. */
export function listenerJobsCreated(t: TestEngine): string[] {
  return t.records
    .events('JOB', 'CREATED')
    .filter((r) => r.value.jobKind === 'EXECUTION_LISTENER')
    .map((r) => r.value.type);
}
