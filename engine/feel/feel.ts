// FEEL evaluation for the engine: feelin with Camunda's extension functions and the engine clock.
// Each expression is parsed once at deploy time to validate it and to learn which variables it
// reads, so an evaluation builds a context of those variables only.
import { evaluate, parseExpression, parseUnaryTests, unaryTest, type Warning } from 'feelin';
import { camundaExtensions, clockFunctions, extensionNames, FeelAssertionError } from './builtins';
import { evaluateSandboxed, FeelBudgetExceeded } from './sandbox';
import { toPlain } from './plain';

export interface CompiledFeel {
  /** The expression text without the leading `=`. */
  source: string;
  /** Root names the expression reads (variables, and function names it calls). */
  names: string[];
  /** Set when the expression is a plain variable or path (`a`, `a.b.c`): evaluated without feelin. */
  path?: string[];
  /** Set when the expression can loop: evaluated in the sandbox under a time and memory budget (sandbox.ts). */
  looping?: boolean;
}

export interface VariableLookup {
  /** The parsed value of the visible variable, or undefined when no such variable exists. */
  (name: string): unknown;
}

export type FeelOutcome = { ok: true; value: unknown; warnings: Warning[] } | { ok: false; message: string };

/** Parse-tree nodes that can make an evaluation run unboundedly long or large. */
const loopingNodes: ReadonlySet<string> = new Set([
  'ForExpression',
  'QuantifiedExpression',
  'FunctionDefinition',
]);

const extensions = camundaExtensions();
const parseContext: Record<string, unknown> = Object.fromEntries(extensionNames.map((n) => [n, () => null]));
const cache = new Map<string, CompiledFeel>();
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const KEYWORDS = new Set([
  'true',
  'false',
  'null',
  'not',
  'and',
  'or',
  'if',
  'then',
  'else',
  'for',
  'in',
  'return',
]);

export class FeelSyntaxError extends Error {}

/** Parses with `parse` and walks the tree once: the names it reads, whether it can loop; FeelSyntaxError if bad. */
function scan(
  source: string,
  parse: typeof parseExpression | typeof parseUnaryTests,
): { names: string[]; looping: boolean } {
  let tree;
  try {
    tree = parse(source, parseContext, 'camunda');
  } catch (e) {
    throw new FeelSyntaxError(e instanceof Error ? e.message : String(e));
  }
  const names = new Set<string>();
  let looping = false;
  let error: string | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError && !error) {
        error = `syntax error at position ${node.from}: '${source.slice(Math.max(0, node.from - 10), node.to + 10)}'`;
      }
      if (node.name === 'VariableName') names.add(source.slice(node.from, node.to));
      if (loopingNodes.has(node.name)) looping = true;
    },
  });
  if (error) throw new FeelSyntaxError(error);
  return { names: [...names], looping };
}

/** The visible values of the names an expression reads (absent ones left out). */
function variablesOf(names: string[], lookup: VariableLookup): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const name of names) {
    const value = lookup(name);
    if (value !== undefined) variables[name] = value;
  }
  return variables;
}

/** Parses once; throws FeelSyntaxError with the parser's message for an invalid expression. */
export function compileFeel(source: string): CompiledFeel {
  const cached = cache.get(source);
  if (cached) return cached;
  const trimmed = source.trim();
  let compiled: CompiledFeel;
  if (PATH.test(trimmed) && !KEYWORDS.has(trimmed.split('.')[0])) {
    const path = trimmed.split('.');
    compiled = { source, names: [path[0]], path };
  } else {
    const { names, looping } = scan(source, parseExpression);
    compiled = looping ? { source, names, looping } : { source, names };
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(source, compiled);
  return compiled;
}

function readPath(value: unknown, path: string[]): unknown {
  let current = value;
  for (let i = 1; i < path.length; i++) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return null;
    current = (current as Record<string, unknown>)[path[i]];
    if (current === undefined) return null;
  }
  return current;
}

/** Evaluates a compiled expression; never throws. FEEL's own errors become null plus warnings. */
export function evaluateFeel(expr: CompiledFeel, lookup: VariableLookup, now: number): FeelOutcome {
  if (expr.path) {
    const root = lookup(expr.path[0]);
    if (root === undefined) {
      return {
        ok: true,
        value: null,
        warnings: [noVariable(expr.path[0])],
      };
    }
    return { ok: true, value: readPath(root, expr.path), warnings: [] };
  }
  const variables = variablesOf(expr.names, lookup);
  try {
    if (expr.looping) {
      const answer = evaluateSandboxed(expr.source, variables, now);
      if (answer.ok) return answer;
      throw answer.assertion ? new FeelAssertionError(answer.message) : new Error(answer.message);
    }
    const result = evaluate(expr.source, { ...extensions, ...clockFunctions(now), ...variables }, 'camunda');
    return { ok: true, value: toPlain(result.value), warnings: result.warnings };
  } catch (e) {
    if (e instanceof FeelBudgetExceeded)
      return { ok: false, message: `failed to evaluate expression '${expr.source}': ${e.message}` };
    if (e instanceof FeelAssertionError)
      return {
        ok: false,
        message: `Assertion failure on evaluate the expression '${expr.source}': ${e.message}`,
      };
    return {
      ok: false,
      message: `failed to evaluate expression '${expr.source}': ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/** A DMN input entry, parsed once: the names it reads and whether it can loop. */
export interface CompiledUnaryTests {
  source: string;
  names: string[];
  looping: boolean;
}

/** Parses DMN unary tests (`> 5`, `"a","b"`, `not(1)`, `[1..5]`); throws FeelSyntaxError when they do not parse. */
export function compileUnaryTests(source: string): CompiledUnaryTests {
  return { source, ...scan(source, parseUnaryTests) };
}

/** Whether `input` satisfies the unary tests; a failure (or a non-boolean outcome) is a message. */
export function evaluateUnaryTests(
  tests: CompiledUnaryTests,
  input: unknown,
  lookup: VariableLookup,
  now: number,
): { ok: true; value: boolean } | { ok: false; message: string } {
  const context = { ...extensions, ...clockFunctions(now), ...variablesOf(tests.names, lookup), '?': input };
  try {
    if (tests.looping) throw new Error('unary tests that can loop are refused at deployment');
    const result = unaryTest(tests.source, context, 'camunda');
    return { ok: true, value: result.value === true };
  } catch (e) {
    return {
      ok: false,
      message: `failed to evaluate unary tests '${tests.source}': ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

function noVariable(name: string): Warning {
  return {
    type: 'NO_VARIABLE_FOUND',
    message: `No variable found with name '${name}'`,
    position: { from: 0, to: name.length },
    details: { template: '', values: {} },
  };
}

export { toPlain };

export function formatWarnings(warnings: Warning[]): string {
  if (warnings.length === 0) return '';
  return ` The evaluation reported the following warnings:\n${warnings.map((w) => `[${w.type}] ${w.message}`).join('\n')}`;
}
