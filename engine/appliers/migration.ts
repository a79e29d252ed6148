// Appliers for a process instance migration: each MIGRATED event gives the entity its value in the target
// process definition (definition key, version, process id, element id) and leaves its state as it was.
import type { Applier, ApplierTable } from './types';
import { withoutTreePath } from '../processors/instance/tree-path';

const nothing = () => undefined;

export const elementMigrated: Applier<'PROCESS_INSTANCE'> = (state, r) => {
  const instance = state.elements.get(r.key);
  if (instance) instance.value = withoutTreePath(r.value);
};

// Zeebe stores the called tree's new paths; this engine keeps no paths in its state (tree-path.ts computes them
// for the records), and nothing else of the called instances changes.
export const ancestorMigrated: Applier<'PROCESS_INSTANCE'> = nothing;

export const jobMigrated: Applier<'JOB'> = (state, r) =>
  state.jobs.replaceValue(r.key, { ...r.value, variables: {} });

export const migrationAppliers: ApplierTable = {
  PROCESS_INSTANCE_MIGRATION: { MIGRATED: nothing },
};

export const migratedAppliers = {
  INCIDENT: ((state, r) => {
    if (state.incidents.get(r.key)) state.incidents.add(r.key, r.value);
  }) as Applier<'INCIDENT'>,
  USER_TASK: ((state, r) => {
    const task = state.userTasks.get(r.key);
    if (task) state.userTasks.put(r.key, task.state, { ...r.value, variables: {} });
  }) as Applier<'USER_TASK'>,
  VARIABLE: nothing as Applier<'VARIABLE'>,
  TIMER: ((state, r) => state.timers.replace(r.key, r.value)) as Applier<'TIMER'>,
  // This engine keeps both halves of a message subscription in one entity. The message side (MIGRATEd by a
  // follow-up command) carries the whole target value; the process side comes first and, as Zeebe writes it, still
  // names the source definition — the entity takes the definition its element instance was just moved to, which
  // correlation reads the target element from.
  MESSAGE_SUBSCRIPTION: ((state, r) =>
    state.subscriptions.replaceMessage(r.key, r.value)) as Applier<'MESSAGE_SUBSCRIPTION'>,
  PROCESS_MESSAGE_SUBSCRIPTION: ((state, r) => {
    const { subscriptionPartitionId: _partition, ...value } = r.value;
    const instance = state.elements.get(value.elementInstanceKey);
    const processDefinitionKey = instance?.value.processDefinitionKey ?? value.processDefinitionKey;
    state.subscriptions.replaceMessage(r.key, { ...value, processDefinitionKey });
  }) as Applier<'PROCESS_MESSAGE_SUBSCRIPTION'>,
  COMPENSATION_SUBSCRIPTION: ((state, r) =>
    state.compensations.put(r.key, r.value)) as Applier<'COMPENSATION_SUBSCRIPTION'>,
  SIGNAL_SUBSCRIPTION: ((state, r) =>
    state.subscriptions.replaceSignal(r.key, r.value)) as Applier<'SIGNAL_SUBSCRIPTION'>,
};
