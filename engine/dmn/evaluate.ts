// Evaluates a decision of a deployed DRG against variables: its required decisions first (depth
// first, each once, in document order), their results visible under their variable names; then the
// decision table (inputs, then each rule's unary tests with `?` bound to the input value, then the
// hit policy) or the literal expression. Every FEEL text runs through the engine's FEEL layer
// (Camunda's extension functions, the engine clock, the time budget for looping expressions).
import { evaluateFeel, evaluateUnaryTests, type VariableLookup } from '../feel/feel';
import type { DecisionTable, ExecutableDecision, ExecutableDrg } from './types';

export interface EvaluatedInput {
  inputId: string;
  inputName: string;
  inputValue: unknown;
}
export interface MatchedRule {
  ruleId: string;
  /** 1-based, as Zeebe counts rules. */
  ruleIndex: number;
  evaluatedOutputs: { outputId: string; outputName: string; outputValue: unknown }[];
}
export interface EvaluatedDecision {
  decisionId: string;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  output: unknown;
  evaluatedInputs: EvaluatedInput[];
  matchedRules: MatchedRule[];
}
export interface DecisionOutcome {
  /** The result of the decision asked for (null when it failed). */
  output: unknown;
  /** Every decision evaluated, required ones first; the failed one last when a failure occurred. */
  evaluated: EvaluatedDecision[];
  failure: { decisionId: string; message: string } | null;
}

class DecisionFailure extends Error {
  constructor(
    readonly decisionId: string,
    message: string,
  ) {
    super(message);
  }
}

export function evaluateDecision(
  drg: ExecutableDrg,
  decisionId: string,
  variables: VariableLookup,
  now: number,
): DecisionOutcome {
  const results = new Map<string, unknown>();
  const evaluated: EvaluatedDecision[] = [];
  const lookupFor = (d: ExecutableDecision): VariableLookup => {
    const visible = new Map<string, unknown>();
    for (const r of d.required) {
      const required = drg.decisions.get(r)!;
      visible.set(required.variableName, results.get(r));
    }
    return (name) => (visible.has(name) ? visible.get(name) : variables(name));
  };
  const run = (id: string): unknown => {
    if (results.has(id)) return results.get(id);
    const d = drg.decisions.get(id)!;
    for (const r of d.required) run(r);
    const record: EvaluatedDecision = {
      decisionId: id,
      decisionType: d.logic.kind === 'table' ? 'DECISION_TABLE' : 'LITERAL_EXPRESSION',
      output: null,
      evaluatedInputs: [],
      matchedRules: [],
    };
    evaluated.push(record);
    const lookup = lookupFor(d);
    if (d.logic.kind === 'literal') {
      const outcome = evaluateFeel(d.logic.expression, lookup, now);
      if (!outcome.ok) throw new DecisionFailure(id, outcome.message);
      record.output = outcome.value;
    } else {
      record.output = evaluateTable(d, d.logic, lookup, now, record);
    }
    results.set(id, record.output);
    return record.output;
  };
  try {
    const output = run(decisionId);
    return { output, evaluated, failure: null };
  } catch (e) {
    if (!(e instanceof DecisionFailure)) throw e;
    return {
      output: null,
      evaluated,
      failure: {
        decisionId: e.decisionId,
        message: `Expected to evaluate decision '${decisionId}', but failed to evaluate decision '${e.decisionId}': ${e.message}`,
      },
    };
  }
}

function evaluateTable(
  d: ExecutableDecision,
  table: DecisionTable,
  lookup: VariableLookup,
  now: number,
  record: EvaluatedDecision,
): unknown {
  const inputValues = table.inputs.map((input) => {
    const outcome = evaluateFeel(input.expression, lookup, now);
    if (!outcome.ok) throw new DecisionFailure(d.id, outcome.message);
    record.evaluatedInputs.push({
      inputId: input.id,
      inputName: input.label || input.expression.source.trim(),
      inputValue: outcome.value,
    });
    return outcome.value;
  });
  const matched: { index: number; values: unknown[] }[] = [];
  table.rules.forEach((rule, r) => {
    for (let i = 0; i < rule.inputEntries.length; i++) {
      const tests = rule.inputEntries[i];
      if (!tests) continue;
      const outcome = evaluateUnaryTests(tests, inputValues[i], lookup, now);
      if (!outcome.ok) throw new DecisionFailure(d.id, `rule '${rule.id}': ${outcome.message}`);
      if (!outcome.value) return;
    }
    const values = rule.outputEntries.map((entry) => {
      if (!entry) return null;
      const outcome = evaluateFeel(entry, lookup, now);
      if (!outcome.ok) throw new DecisionFailure(d.id, `rule '${rule.id}': ${outcome.message}`);
      return outcome.value;
    });
    matched.push({ index: r, values });
  });
  const chosen = applyHitPolicy(d.id, table, matched);
  for (const m of chosen.rules) {
    const rule = table.rules[m.index];
    record.matchedRules.push({
      ruleId: rule.id,
      ruleIndex: m.index + 1,
      evaluatedOutputs: table.outputs.map((o, i) => ({
        outputId: o.id,
        outputName: o.name,
        outputValue: m.values[i],
      })),
    });
  }
  return chosen.output;
}

type Match = { index: number; values: unknown[] };

function applyHitPolicy(
  decisionId: string,
  table: DecisionTable,
  matched: Match[],
): { rules: Match[]; output: unknown } {
  const shape = (m: Match): unknown =>
    table.outputs.length === 1
      ? m.values[0]
      : Object.fromEntries(table.outputs.map((o, i) => [o.name, m.values[i]]));
  const single = (m: Match | undefined) => ({ rules: m ? [m] : [], output: m ? shape(m) : null });
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1)
        throw new DecisionFailure(
          decisionId,
          `hit policy UNIQUE expects at most one matching rule, but ${matched.length} matched: ${matched.map((m) => `'${table.rules[m.index].id}'`).join(', ')}`,
        );
      return single(matched[0]);
    case 'FIRST':
      return single(matched[0]);
    case 'ANY': {
      const outputs = matched.map((m) => JSON.stringify(shape(m)));
      if (new Set(outputs).size > 1)
        throw new DecisionFailure(
          decisionId,
          `hit policy ANY expects the matching rules to have equal outputs, but found ${[...new Set(outputs)].join(' and ')}`,
        );
      return single(matched[0]);
    }
    case 'PRIORITY':
      return single(byPriority(table, matched)[0]);
    case 'RULE ORDER':
      return { rules: matched, output: matched.map(shape) };
    case 'OUTPUT ORDER': {
      const sorted = byPriority(table, matched);
      return { rules: sorted, output: sorted.map(shape) };
    }
    case 'COLLECT':
      return {
        rules: matched,
        output: table.aggregation ? aggregate(decisionId, table, matched) : matched.map(shape),
      };
  }
}

/** Orders matches by the position of their outputs in the outputs' value lists (first output first). */
function byPriority(table: DecisionTable, matched: Match[]): Match[] {
  const rank = (m: Match) =>
    table.outputs.map((o, i) => {
      const at = o.values.findIndex((v) => JSON.stringify(v) === JSON.stringify(m.values[i]));
      return at < 0 ? Number.MAX_SAFE_INTEGER : at;
    });
  return [...matched].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return a.index - b.index;
  });
}

/** COLLECT with an aggregation over the (single) output: COUNT of the matched rules, or SUM/MIN/MAX of numbers. */
function aggregate(decisionId: string, table: DecisionTable, matched: Match[]): unknown {
  if (table.aggregation === 'COUNT') return matched.length;
  const values = matched.map((m) => m.values[0]).filter((v) => v !== null);
  if (values.length === 0) return null;
  const nonNumber = values.find((v) => typeof v !== 'number');
  if (nonNumber !== undefined)
    throw new DecisionFailure(
      decisionId,
      `hit policy COLLECT with aggregation ${table.aggregation} expects numbers, but an output is ${JSON.stringify(nonNumber)}`,
    );
  const numbers = values as number[];
  if (table.aggregation === 'SUM') return numbers.reduce((a, b) => a + b, 0);
  return table.aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
}
