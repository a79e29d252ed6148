// What a processor may do while it handles one command: append events (applied to state at once,
// so later steps see them), append follow-up commands, reject, answer the client, and schedule
// side effects that run only after the batch is durable.
import type { EngineRecord, RejectionType } from '../protocol/record';
import type { ValueByType, ValueType } from '../protocol/values';
import type { Key } from '../protocol/keys';
import type { State } from '../state/state';
import { applyEvent } from '../appliers';

export type CommandResult =
  { ok: true; value: unknown } | { ok: false; rejectionType: RejectionType; reason: string };

export interface Responder {
  (result: CommandResult): void;
}

export class Batch {
  records: EngineRecord[] = [];
  /** Positions of commands processed in this batch (follow-ups written earlier included). */
  processed: number[] = [];
  responses: { responder: Responder; result: CommandResult }[] = [];
  sideEffects: (() => void)[] = [];
}

export class Writers {
  batch = new Batch();
  /** The command being processed. */
  command!: EngineRecord;
  now = 0;
  private responder: Responder | undefined;
  private responded = false;

  constructor(
    private readonly state: State,
    private readonly nextPosition: () => number,
    private readonly onFollowUp: (command: EngineRecord) => void,
  ) {}

  begin(command: EngineRecord, now: number, responder: Responder | undefined): void {
    this.command = command;
    this.now = now;
    this.responder = responder;
    this.responded = false;
    this.batch.processed.push(command.position);
  }

  appendEvent<T extends ValueType>(
    key: Key,
    valueType: T,
    intent: string,
    value: ValueByType[T],
  ): EngineRecord<T> {
    const record: EngineRecord<T> = {
      position: this.nextPosition(),
      sourceRecordPosition: this.command.position,
      key,
      timestamp: this.now,
      recordType: 'EVENT',
      valueType,
      intent,
      value,
    };
    this.batch.records.push(record as EngineRecord);
    applyEvent(this.state, record as EngineRecord);
    return record;
  }

  appendCommand<T extends ValueType>(key: Key, valueType: T, intent: string, value: ValueByType[T]): void {
    const record: EngineRecord<T> = {
      position: this.nextPosition(),
      sourceRecordPosition: this.command.position,
      key,
      timestamp: this.now,
      recordType: 'COMMAND',
      valueType,
      intent,
      value,
    };
    this.batch.records.push(record as EngineRecord);
    this.onFollowUp(record as EngineRecord);
  }

  /** Rejects the current command: a rejection record, and the client (if any) is told why. */
  reject(rejectionType: RejectionType, reason: string): void {
    const c = this.command;
    this.batch.records.push({
      ...c,
      position: this.nextPosition(),
      sourceRecordPosition: c.position,
      timestamp: this.now,
      recordType: 'COMMAND_REJECTION',
      rejectionType,
      rejectionReason: reason,
    });
    this.respondWith({ ok: false, rejectionType, reason });
  }

  respond(value: unknown): void {
    this.respondWith({ ok: true, value });
  }

  private respondWith(result: CommandResult): void {
    if (!this.responder || this.responded) return;
    this.responded = true;
    this.batch.responses.push({ responder: this.responder, result });
  }

  /** Takes the responder away from this command so it can be answered later (with-result). */
  detachResponder(): Responder | undefined {
    const r = this.responder;
    this.responder = undefined;
    return r;
  }

  sideEffect(fn: () => void): void {
    this.batch.sideEffects.push(fn);
  }

  takeBatch(): Batch {
    const b = this.batch;
    this.batch = new Batch();
    return b;
  }
}
