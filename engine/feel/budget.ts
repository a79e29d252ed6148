// A time budget for FEEL that can loop: `for` (ranges of any length, nested), `some`/`every` and user-defined
// functions (recursion) would otherwise run — synchronously, in the engine's one thread — for as long as a model
// author or a hostile deployment likes, and stop the engine serving anyone. Such expressions run under vm's
// watchdog, which terminates the evaluation after the budget; the caller turns that into an incident. Everything
// else (paths, arithmetic, comparisons, builtins on the given values) is bounded by its size and runs unguarded:
// the watchdog thread costs about a millisecond per evaluation.
import vm from 'node:vm';

/** Parse-tree nodes that can make an evaluation run unboundedly long. */
export const loopingNodes: ReadonlySet<string> = new Set([
  'ForExpression',
  'QuantifiedExpression',
  'FunctionDefinition',
]);

/** How long one guarded evaluation may run. */
export const feelBudgetMillis = 1_000;

export class FeelBudgetExceeded extends Error {}

const sandbox = vm.createContext({});
const call = new vm.Script('run()');

export function withinBudget<T>(run: () => T, millis = feelBudgetMillis): T {
  sandbox.run = run;
  try {
    return call.runInContext(sandbox, { timeout: millis }) as T;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
      throw new FeelBudgetExceeded(`evaluation took longer than ${millis} ms and was stopped`);
    throw e;
  } finally {
    sandbox.run = undefined;
  }
}
