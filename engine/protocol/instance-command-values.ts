// The values of the commands that create, modify and migrate a process instance, as Zeebe writes them (with
// this engine's additions marked).
import type { Key } from './keys';
import type { VariableDocument } from './values';

export interface ProcessInstanceCreationValue {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  variables: VariableDocument;
  startInstructions: { elementId: string }[];
  fetchVariables: string[];
  tenantId: string;
}

/** A variable instruction of a modification: variables created local to the instance of `elementId` ('' = the process). */
export interface ModificationVariableInstruction {
  variables: VariableDocument;
  elementId: string;
}

export interface ModificationActivateInstruction {
  elementId: string;
  /** The chosen ancestor instance, or -1 to let the engine find (or create) the flow scopes. */
  ancestorScopeKey: Key;
  variableInstructions: ModificationVariableInstruction[];
  /** Set on MODIFIED: the flow scope instances used or created, outermost (the process) first. */
  ancestorScopeKeys: Key[];
}

export interface ProcessInstanceModificationValue {
  processInstanceKey: Key;
  activateInstructions: ModificationActivateInstruction[];
  terminateInstructions: { elementInstanceKey: Key }[];
  /** Set on MODIFIED: the union of the instructions' ancestorScopeKeys. */
  ancestorScopeKeys: Key[];
  /** Set on MODIFIED (this engine's, not Zeebe's): the flow scope instances the modification created. */
  createdScopeKeys: Key[];
  tenantId: string;
}

/** PROCESS_INSTANCE_MIGRATION MIGRATE / MIGRATED: move a running instance to another process definition. */
export interface ProcessInstanceMigrationValue {
  processInstanceKey: Key;
  targetProcessDefinitionKey: Key;
  mappingInstructions: { sourceElementId: string; targetElementId: string }[];
  tenantId: string;
}
