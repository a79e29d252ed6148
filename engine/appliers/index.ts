// The applier table: (value type, intent) → the one function that applies that event to state.
import type { EngineRecord } from '../protocol/record';
import type { State } from '../state/state';
import type { ApplierTable, Applier } from './types';
import type { ValueType } from '../protocol/values';
import { modificationAppliers, processInstanceAppliers } from './process-instance';
import { jobAppliers, jobBatchAppliers } from './jobs';
import {
  definitionAppliers,
  incidentAppliers,
  messageAppliers,
  processEventAppliers,
  systemAppliers,
  timerAppliers,
  userTaskAppliers,
  variableAppliers,
} from './others';

const table: ApplierTable = {
  PROCESS_INSTANCE: processInstanceAppliers,
  ...modificationAppliers,
  JOB: jobAppliers,
  JOB_BATCH: jobBatchAppliers,
  ...definitionAppliers,
  ...variableAppliers,
  ...incidentAppliers,
  ...timerAppliers,
  ...messageAppliers,
  ...userTaskAppliers,
  ...processEventAppliers,
  ...systemAppliers,
};

export function applyEvent(state: State, record: EngineRecord): void {
  const byIntent = table[record.valueType] as Record<string, Applier<ValueType>> | undefined;
  const applier = byIntent?.[record.intent];
  if (!applier) throw new Error(`no applier for event ${record.valueType}.${record.intent}`);
  applier(state, record);
}
