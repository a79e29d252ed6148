// The answer to CreateProcessInstanceWithResult: the instance's root variables (only the requested
// ones, if named) when it completed, a rejection when it was terminated first.
import type { Key } from '../../protocol/keys';
import type { VariableDocument } from '../../protocol/values';
import type { CommandResult } from '../writers';

export function instanceResult(
  key: Key,
  outcome: 'completed' | 'terminated',
  variables: VariableDocument,
  fetchVariables: string[],
): CommandResult {
  if (outcome === 'terminated') {
    return {
      ok: false,
      rejectionType: 'INVALID_STATE',
      reason: `The process instance '${key}' was terminated before it completed`,
    };
  }
  const filtered =
    fetchVariables.length > 0
      ? Object.fromEntries(Object.entries(variables).filter(([k]) => fetchVariables.includes(k)))
      : variables;
  return { ok: true, value: { processInstanceKey: key, variables: filtered } };
}
