// An applier changes state for one kind of event. Appliers are deterministic: they read only the
// event and the state (models included), never the clock or anything outside.
import type { EngineRecord } from '../protocol/record';
import type { ValueType } from '../protocol/values';
import type { State } from '../state/state';

export type Applier<T extends ValueType> = (state: State, record: EngineRecord<T>) => void;

export type ApplierTable = { [T in ValueType]?: Record<string, Applier<T>> };
