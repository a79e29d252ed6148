// The applier table: (value type, intent) → the one function that applies that event to state.
import type { EngineRecord } from '../protocol/record';
import type { State } from '../state/state';
import type { ApplierTable, Applier } from './types';
import type { ValueType } from '../protocol/values';
import { modificationAppliers, processInstanceAppliers } from './process-instance';
import { jobAppliers, jobBatchAppliers } from './jobs';
import {
  ancestorMigrated,
  elementMigrated,
  jobMigrated,
  migratedAppliers,
  migrationAppliers,
} from './migration';
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
  PROCESS_INSTANCE: {
    ...processInstanceAppliers,
    ELEMENT_MIGRATED: elementMigrated,
    ANCESTOR_MIGRATED: ancestorMigrated,
  },
  ...modificationAppliers,
  ...migrationAppliers,
  JOB: { ...jobAppliers, MIGRATED: jobMigrated },
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

for (const [valueType, applier] of Object.entries(migratedAppliers))
  (table as Record<string, Record<string, unknown>>)[valueType] = {
    ...table[valueType as ValueType],
    MIGRATED: applier,
  };

export function applyEvent(state: State, record: EngineRecord): void {
  const byIntent = table[record.valueType] as Record<string, Applier<ValueType>> | undefined;
  const applier = byIntent?.[record.intent];
  if (!applier) throw new Error(`no applier for event ${record.valueType}.${record.intent}`);
  applier(state, record);
}
