// The tree path Zeebe 8.8 gives an element instance (its ElementTreePathBuilder): for every process instance from
// the root down, the keys from that process instance to the call activity (or, last, to the element itself); the
// process definition keys along the way; and which call activity each parent called through, as the index of
// its id among the definition's call activity ids sorted. This engine keeps no paths in its state: they are
// computed when a record must carry them (ANCESTOR_MIGRATED).
import type { Key } from '../../protocol/keys';
import type { ReadonlyState } from '../../state/state';

export interface TreePath {
  elementInstancePath: Key[][];
  processDefinitionPath: Key[];
  callingElementPath: number[];
}

export function treePath(state: ReadonlyState, elementInstanceKey: Key): TreePath {
  const path: TreePath = { elementInstancePath: [], processDefinitionPath: [], callingElementPath: [] };
  let key = elementInstanceKey;
  for (;;) {
    const segment: Key[] = [];
    let instance = state.elements.get(key);
    while (instance && instance.value.bpmnElementType !== 'PROCESS') {
      segment.unshift(instance.key);
      instance = state.elements.get(instance.value.flowScopeKey);
    }
    if (!instance) break;
    segment.unshift(instance.key);
    path.elementInstancePath.unshift(segment);
    path.processDefinitionPath.unshift(instance.value.processDefinitionKey);
    const caller = state.elements.get(instance.value.parentElementInstanceKey);
    if (!caller) break;
    path.callingElementPath.unshift(
      callActivityIndex(state, caller.value.processDefinitionKey, caller.value.elementId),
    );
    key = caller.key;
  }
  return path;
}

/** Zeebe sorts the call activity ids of every process in the deployed resource; this engine those of the
 * definition itself, which differs only for a file holding several processes. */
function callActivityIndex(state: ReadonlyState, processDefinitionKey: Key, elementId: string): number {
  const ids = [...state.definitions.model(processDefinitionKey).elements.values()]
    .filter((e) => e.type === 'CALL_ACTIVITY')
    .map((e) => e.id)
    .sort();
  return ids.indexOf(elementId);
}
