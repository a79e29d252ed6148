// Carrying out a planned activation (modification or start instruction), as Zeebe's ElementActivationBehavior
// does: each flow scope on the path reused (its variable instructions set) or created by events — ACTIVATING,
// its variables, ACTIVATED, its event subscriptions; no start event runs — then ACTIVATE_ELEMENT for the
// element, with its own variables.
import type { EngineContext } from '../context';
import type { BpmnElementContext } from '../bpmn/types';
import type { Key } from '../../protocol/keys';
import type {
  ModificationActivateInstruction,
  ProcessInstanceValue,
  VariableDocument,
} from '../../protocol/values';
import { ownerOf } from '../../behaviors/variables';
import {
  variablesFor,
  type ModificationPlan,
  type ModificationPlanner,
  type PlannedActivation,
} from './modification-plan';

/** A flow scope instance that starts without a token or start event; its subscriptions were checked beforehand. */
export function activateScopeByEvents(
  ctx: EngineContext,
  key: Key,
  value: ProcessInstanceValue,
  variables: VariableDocument,
): void {
  const { w, b } = ctx;
  w.appendEvent(key, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', value);
  b.variables.setLocalDocument(key, variables, ownerOf(value));
  w.appendEvent(key, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', value);
  b.subscriptions.open(b.transitions.scopeContext(key) as BpmnElementContext);
}

/** Activates the planned element; `createdKeys` holds the keys of the plan's new scopes across instructions. */
export function activateAlongPath(
  ctx: EngineContext,
  a: PlannedActivation,
  plan: ModificationPlan,
  createdKeys: Key[],
  planner: ModificationPlanner,
  root: ProcessInstanceValue,
): ModificationActivateInstruction {
  const { state, b, keys } = ctx;
  const processId = root.bpmnProcessId;
  const variables = (elementId: string) => variablesFor(a.instruction, elementId, processId);
  const path: Key[] = [];
  for (const ref of a.path) {
    const parentKey = path[path.length - 1];
    let key: Key;
    if ('key' in ref) key = ref.key;
    else if (createdKeys[ref.created] !== undefined) key = createdKeys[ref.created];
    else {
      key = createdKeys[ref.created] = keys.next();
      const scope = plan.created[ref.created];
      const value = planner.scopeValue(state.elements.get(parentKey)!.value, scope, parentKey);
      activateScopeByEvents(ctx, key, value, variables(scope.element.id));
      path.push(key);
      continue;
    }
    b.variables.setLocalDocument(key, variables(state.elements.get(key)!.value.elementId), ownerOf(root));
    path.push(key);
  }
  const flowScope = state.elements.get(path[path.length - 1])!;
  const elementKey = b.transitions.activateChild(flowScope.key, flowScope.value, a.element);
  b.variables.setLocalDocument(elementKey, variables(a.element.id), ownerOf(root));
  return { ...a.instruction, ancestorScopeKeys: path };
}
