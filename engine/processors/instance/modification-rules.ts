// The checks Zeebe makes on a MODIFY command before it changes anything (its
// ProcessInstanceModificationModifyProcessor), in Zeebe's order and with its rejection texts: unknown or
// unsupported elements to activate, unknown element instances to terminate, variable scopes, ancestor keys, and
// activations inside a flow scope the same command terminates. The first failing check rejects the command.
import type { ReadonlyState } from '../../state/state';
import type { ExecutableElement, ExecutableProcess } from '../../model/types';
import type { Key } from '../../protocol/keys';
import type { ProcessInstanceModificationValue } from '../../protocol/values';
import { BPMN_ELEMENT_TYPES } from '../../protocol/element-types';

// Zeebe refuses these (for start instructions too); the process element itself is refused here as well
// (activating it would nest the process in itself, which Zeebe does not guard against).
export const UNSUPPORTED = new Set([
  'UNSPECIFIED',
  'START_EVENT',
  'SEQUENCE_FLOW',
  'BOUNDARY_EVENT',
  'PROCESS',
]);
export const SUPPORTED = `[${BPMN_ELEMENT_TYPES.filter((t) => !UNSUPPORTED.has(t)).join(', ')}]`;

export type Rejection = { type: 'INVALID_ARGUMENT' | 'NOT_FOUND'; reason: string };

const modifyInstance = (processId: string) =>
  `Expected to modify instance of process '${processId}' but it contains`;
const invalid = (reason: string): Rejection => ({ type: 'INVALID_ARGUMENT', reason });
const distinct = <T>(xs: T[]) => [...new Set(xs)];

export function isActiveInstance(state: ReadonlyState, key: Key): boolean {
  const s = state.elements.get(key)?.state;
  return s === 'ELEMENT_ACTIVATING' || s === 'ELEMENT_ACTIVATED';
}

/** Whether `scopeId` is a (transitive) flow scope of the element. */
export function isFlowScopeOf(element: ExecutableElement, scopeId: string): boolean {
  for (let s = element.flowScope; s; s = s.flowScope) if (s.id === scopeId) return true;
  return false;
}

export function checkModification(
  state: ReadonlyState,
  process: ExecutableProcess,
  v: ProcessInstanceModificationValue,
): Rejection | undefined {
  const id = process.id;
  const activations = v.activateInstructions;
  const element = (elementId: string) => process.elements.get(elementId);

  const unknown = distinct(activations.map((a) => a.elementId)).filter(
    (e) => !element(e) && !process.flows.has(e),
  );
  if (unknown.length > 0)
    return invalid(
      `${modifyInstance(id)} one or more activate instructions with an element that could not be found: '${unknown.join("', '")}'`,
    );

  const afterEventGateway = distinct(activations.map((a) => a.elementId)).filter((e) =>
    element(e)?.incoming.some((f) => f.source.type === 'EVENT_BASED_GATEWAY'),
  );
  if (afterEventGateway.length > 0)
    return invalid(
      `${modifyInstance(id)} one or more activate instructions for elements that are unsupported: '${afterEventGateway.join("', '")}'. The activation of events belonging to an event-based gateway is not supported.`,
    );

  const typeOf = (e: string) => element(e)?.type ?? 'SEQUENCE_FLOW';
  const unsupported = distinct(activations.map((a) => a.elementId)).filter((e) => UNSUPPORTED.has(typeOf(e)));
  if (unsupported.length > 0) {
    const types = distinct(unsupported.map(typeOf)).join("', '");
    return invalid(
      `${modifyInstance(id)} one or more activate instructions for elements that are unsupported: '${unsupported.join("', '")}'. The activation of elements with type '${types}' is not supported. Supported element types are: ${SUPPORTED}.`,
    );
  }

  // Only instances of this process instance are found (Zeebe would terminate another instance's element too).
  const missing = distinct(v.terminateInstructions.map((t) => t.elementInstanceKey)).filter(
    (k) => state.elements.get(k)?.value.processInstanceKey !== v.processInstanceKey,
  );
  if (missing.length > 0)
    return invalid(
      `${modifyInstance(id)} one or more terminate instructions with an element instance that could not be found: '${missing.join("', '")}'`,
    );

  const scopeIds = activations.flatMap((a) => a.variableInstructions.map((i) => i.elementId)).filter(Boolean);
  const unknownScopes = distinct(scopeIds).filter((s) => !element(s));
  if (unknownScopes.length > 0)
    return invalid(
      `${modifyInstance(id)} one or more variable instructions with a scope element id that could not be found: '${unknownScopes.join("', '")}'`,
    );

  const outsideFlowScope = activations.some((a) =>
    a.variableInstructions.some(
      (i) => i.elementId && i.elementId !== a.elementId && !isFlowScopeOf(element(a.elementId)!, i.elementId),
    ),
  );
  if (outsideFlowScope)
    return invalid(
      `${modifyInstance(id)} one or more variable instructions with a scope element that doesn't belong to the activating element's flow scope. These variables should be set before or after the modification.`,
    );

  return checkAncestors(state, process, v) ?? checkTerminatedFlowScopes(state, process, v);
}

function checkAncestors(
  state: ReadonlyState,
  process: ExecutableProcess,
  v: ProcessInstanceModificationValue,
): Rejection | undefined {
  const selected = v.activateInstructions.filter((a) => a.ancestorScopeKey > 0);
  const inactive = distinct(selected.map((a) => a.ancestorScopeKey)).filter(
    (k) => !isActiveInstance(state, k),
  );
  if (inactive.length > 0)
    return invalid(
      `${modifyInstance(process.id)} one or more activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${inactive.join("', '")}'`,
    );
  const foreign = distinct(selected.map((a) => a.ancestorScopeKey)).filter(
    (k) => state.elements.get(k)!.value.processInstanceKey !== v.processInstanceKey,
  );
  if (foreign.length > 0)
    return invalid(
      `${modifyInstance(process.id)} one or more activate instructions with an ancestor scope key that does not belong to the modified process instance: '${foreign.join("', '")}'`,
    );
  const notAncestors = selected
    .map((a) => ({ a, ancestorId: state.elements.get(a.ancestorScopeKey)!.value.elementId }))
    .filter(({ a, ancestorId }) => !isFlowScopeOf(process.elements.get(a.elementId)!, ancestorId))
    .map(
      ({ a, ancestorId }) =>
        `\n- instance '${a.ancestorScopeKey}' of element '${ancestorId}' is not an ancestor of element '${a.elementId}'`,
    );
  if (notAncestors.length > 0)
    return invalid(
      `${modifyInstance(process.id)} one or more activate instructions with an ancestor scope key that is not an ancestor of the element to activate:${notAncestors.join('')}`,
    );
  return undefined;
}

function checkTerminatedFlowScopes(
  state: ReadonlyState,
  process: ExecutableProcess,
  v: ProcessInstanceModificationValue,
): Rejection | undefined {
  const conflicts: string[] = [];
  for (const terminated of distinct(v.terminateInstructions.map((t) => t.elementInstanceKey))) {
    const terminatedId = state.elements.get(terminated)!.value.elementId;
    for (const a of v.activateInstructions) {
      const inside =
        a.ancestorScopeKey > 0
          ? a.ancestorScopeKey === terminated
          : isFlowScopeOf(process.elements.get(a.elementId)!, terminatedId);
      if (inside)
        conflicts.push(
          `element '${a.elementId}' requires flow scope instance '${terminated}' which is being terminated`,
        );
    }
  }
  if (conflicts.length === 0) return undefined;
  return invalid(
    `${modifyInstance(process.id)} one or more activate instructions for elements whose required flow scope instance is also being terminated: ${conflicts.join(', ')}. Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.`,
  );
}
