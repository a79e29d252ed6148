// The engine's record stream as tests see it: every committed record in order, with helpers to
// wait for a record and to read the lifecycle of a process instance element by element.
import type { Engine } from '../../../engine/engine';
import type { EngineRecord } from '../../../engine/protocol/record';
import type { ValueType } from '../../../engine/protocol/values';

export type Predicate = (r: EngineRecord) => boolean;

export class RecordStream {
  readonly all: EngineRecord[] = [];
  private waiters: { predicate: Predicate; resolve: (r: EngineRecord) => void }[] = [];

  constructor(engine: Engine) {
    engine.onRecords((records) => {
      for (const r of records) {
        this.all.push(r);
        this.waiters = this.waiters.filter((w) => {
          if (!w.predicate(r)) return true;
          w.resolve(r);
          return false;
        });
      }
    });
  }

  events<T extends ValueType>(valueType: T, intent?: string): EngineRecord<T>[] {
    return this.all.filter(
      (r) => r.recordType === 'EVENT' && r.valueType === valueType && (!intent || r.intent === intent),
    ) as EngineRecord<T>[];
  }

  /** Resolves with the first record (already seen or coming) that matches. */
  waitFor(predicate: Predicate, timeoutMs = 5_000, description = 'record'): Promise<EngineRecord> {
    const seen = this.all.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      const done = (r: EngineRecord) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.waiters.push({ predicate, resolve: done });
    });
  }

  waitForEvent(
    valueType: ValueType,
    intent: string,
    match: (value: Record<string, unknown>) => boolean = () => true,
    timeoutMs?: number,
  ) {
    return this.waitFor(
      (r) =>
        r.recordType === 'EVENT' &&
        r.valueType === valueType &&
        r.intent === intent &&
        match(r.value as unknown as Record<string, unknown>),
      timeoutMs,
      `${valueType}.${intent}`,
    );
  }

  /** Waits until the process instance completed (or was terminated). */
  waitForInstanceEnd(processInstanceKey: number | string, timeoutMs?: number) {
    const key = Number(processInstanceKey);
    return this.waitFor(
      (r) =>
        r.recordType === 'EVENT' &&
        r.valueType === 'PROCESS_INSTANCE' &&
        r.key === key &&
        (r.intent === 'ELEMENT_COMPLETED' || r.intent === 'ELEMENT_TERMINATED'),
      timeoutMs,
      `end of process instance ${key}`,
    );
  }

  /** `elementId:INTENT` of every PROCESS_INSTANCE event of the instance, in order. */
  lifecycle(processInstanceKey: number | string): string[] {
    const key = Number(processInstanceKey);
    return this.all
      .filter(
        (r) =>
          r.recordType === 'EVENT' &&
          r.valueType === 'PROCESS_INSTANCE' &&
          (r.value as { processInstanceKey: number }).processInstanceKey === key,
      )
      .map((r) => `${(r.value as { elementId: string }).elementId}:${r.intent}`);
  }

  /** Root-scope variable values of the instance as last written, parsed. */
  variables(processInstanceKey: number | string): Record<string, unknown> {
    const key = Number(processInstanceKey);
    const out: Record<string, unknown> = {};
    for (const r of this.events('VARIABLE')) {
      if (r.value.scopeKey === key) out[r.value.name] = JSON.parse(r.value.value);
    }
    return out;
  }

  rejections(): EngineRecord[] {
    return this.all.filter((r) => r.recordType === 'COMMAND_REJECTION');
  }
}
