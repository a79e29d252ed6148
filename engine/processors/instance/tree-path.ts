// The tree path Zeebe 8.8 gives an element instance (its ElementTreePathBuilder): for every process instance from
// the root down, the keys from that process instance to the call activity (or, last, to the element itself); the
// process definition keys along the way; and which call activity each parent called through, as the call
// activity's index among the call activity ids of its resource sorted (model/call-activity-index.ts). The state
// keeps no paths (appliers drop them, see withoutTreePath): they are computed when a record carries them —
// ELEMENT_ACTIVATING, ELEMENT_MIGRATED, ANCESTOR_MIGRATED and incidents.
import type { Key } from '../../protocol/keys';
import type { ProcessInstanceValue } from '../../protocol/values';
import type { ReadonlyState } from '../../state/state';

export interface TreePath {
  elementInstancePath: Key[][];
  processDefinitionPath: Key[];
  callingElementPath: number[];
}

/** The paths of an element instance in the state. */
export function treePath(state: ReadonlyState, elementInstanceKey: Key): TreePath {
  const path: TreePath = { elementInstancePath: [], processDefinitionPath: [], callingElementPath: [] };
  const instance = state.elements.get(elementInstanceKey);
  if (instance) addPaths(state, instance.key, instance.value, path);
  return path;
}

/** The paths of an element instance being written with this value (not yet, or not so, in the state). */
export function treePathOf(state: ReadonlyState, key: Key, value: ProcessInstanceValue): TreePath {
  const path: TreePath = { elementInstancePath: [], processDefinitionPath: [], callingElementPath: [] };
  addPaths(state, key, value, path);
  return path;
}

function addPaths(state: ReadonlyState, key: Key, value: ProcessInstanceValue, path: TreePath): void {
  for (;;) {
    const segment: Key[] = [key];
    let processValue = value;
    if (value.bpmnElementType !== 'PROCESS') {
      let scope = state.elements.get(value.flowScopeKey);
      while (scope && scope.value.bpmnElementType !== 'PROCESS') {
        segment.unshift(scope.key);
        scope = state.elements.get(scope.value.flowScopeKey);
      }
      if (!scope) return;
      segment.unshift(scope.key);
      processValue = scope.value;
    }
    path.elementInstancePath.unshift(segment);
    path.processDefinitionPath.unshift(value.processDefinitionKey);
    const caller = state.elements.get(processValue.parentElementInstanceKey);
    if (!caller) return;
    const callActivity = state.definitions
      .model(caller.value.processDefinitionKey)
      .elements.get(caller.value.elementId);
    path.callingElementPath.unshift(callActivity?.calledElement?.lexicographicIndex ?? -1);
    key = caller.key;
    value = caller.value;
  }
}

// A value written with paths remembers the value it was made from: appliers keep that one (so the records after
// ELEMENT_ACTIVATING share it, as they did before paths were written) and the journal codec writes the paths next
// to a reference to it instead of a second copy of the value.
const bases = new WeakMap<ProcessInstanceValue, ProcessInstanceValue>();

/** The value with the paths added, for a record; `value` itself stays as it is. */
export function withTreePath(value: ProcessInstanceValue, paths: TreePath): ProcessInstanceValue {
  const written = { ...value, ...paths };
  bases.set(written, value);
  return written;
}

/** The value a record with paths was made from, if it was made by withTreePath. */
export function treePathBase(value: object): ProcessInstanceValue | undefined {
  return bases.get(value as ProcessInstanceValue);
}

/** The value an applier keeps: Zeebe writes the paths on the record, the state here holds none. */
export function withoutTreePath(value: ProcessInstanceValue): ProcessInstanceValue {
  if (value.elementInstancePath === undefined) return value;
  const base = bases.get(value);
  if (base) return base;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { elementInstancePath, processDefinitionPath, callingElementPath, ...rest } = value;
  return rest;
}
