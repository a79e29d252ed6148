// The answer to CreateProcessInstanceWithResult: what the creation answered (definition, keys, tenant) with the
// instance's root variables (only the requested ones, if named) when it completed, a rejection when it was
// terminated first.
import type { ProcessInstanceResultValue, VariableDocument } from '../../protocol/values';
import type { CommandResult } from '../writers';

export function instanceResult(
  created: Omit<ProcessInstanceResultValue, 'variables'>,
  outcome: 'completed' | 'terminated',
  variables: VariableDocument,
  fetchVariables: string[],
): CommandResult {
  if (outcome === 'terminated') {
    return {
      ok: false,
      rejectionType: 'INVALID_STATE',
      reason: `The process instance '${created.processInstanceKey}' was terminated before it completed`,
    };
  }
  const filtered =
    fetchVariables.length > 0
      ? Object.fromEntries(Object.entries(variables).filter(([k]) => fetchVariables.includes(k)))
      : variables;
  const value: ProcessInstanceResultValue = { ...created, variables: filtered };
  return { ok: true, value };
}
