// The record: the one unit the engine journals, replays and exports. A command asks, an event
// states what happened (and is the only thing that changes state), a rejection refuses a command.
import type { Key } from './keys';
import type { ValueByType, ValueType } from './values';

export type RecordType = 'COMMAND' | 'EVENT' | 'COMMAND_REJECTION';

export type RejectionType =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'PROCESSING_ERROR'
  | 'EXCEEDED_BATCH_RECORD_SIZE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  /** Not a Zeebe rejection type: the gateway's answer under back-pressure. */
  | 'RESOURCE_EXHAUSTED';

export interface EngineRecord<T extends ValueType = ValueType> {
  position: number;
  /** Position of the command whose processing wrote this record; -1 for commands from clients. */
  sourceRecordPosition: number;
  /** The key of the entity the record is about; -1 when there is none (e.g. a rejected create). */
  key: Key;
  timestamp: number;
  recordType: RecordType;
  valueType: T;
  intent: string;
  rejectionType?: RejectionType;
  rejectionReason?: string;
  value: ValueByType[T];
}

export type AnyRecord = { [T in ValueType]: EngineRecord<T> }[ValueType];

export function isEvent(r: EngineRecord): boolean {
  return r.recordType === 'EVENT';
}
