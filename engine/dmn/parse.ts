// Reads a DMN 1.3 file (as Camunda Modeler saves it, diagram layout included) into an executable
// decision requirements graph, validating what Zeebe validates when it deploys one: every problem
// is reported against the id of the element it concerns, and any problem rejects the deployment.
import { DmnModdle, type DmnElement } from 'dmn-moddle';
import {
  compileFeel,
  compileUnaryTests,
  FeelSyntaxError,
  type CompiledFeel,
  type CompiledUnaryTests,
} from '../feel/feel';
import { ValidationReport } from '../model/report';
import {
  HIT_POLICIES,
  type Aggregation,
  type DecisionTable,
  type ExecutableDecision,
  type ExecutableDrg,
  type HitPolicy,
  type LiteralExpression,
  type TableRule,
} from './types';

export interface PreparedDrg {
  checksum: string;
  drg: ExecutableDrg | null;
  report: ValidationReport;
  /** Set when the file is not readable DMN 1.3 XML. */
  parseError: string | null;
}

const moddle = new DmnModdle();
const AGGREGATIONS = new Set(['SUM', 'MIN', 'MAX', 'COUNT']);

export async function prepareDrg(checksum: string, xml: string): Promise<PreparedDrg> {
  const report = new ValidationReport();
  let root: DmnElement;
  try {
    const parsed = await moddle.fromXML(xml, 'dmn:Definitions');
    root = parsed.rootElement;
    for (const w of parsed.warnings)
      report.error(w.element?.id ?? String(root?.id ?? 'definitions'), w.message);
  } catch (e) {
    return { checksum, drg: null, report, parseError: `the DMN file is not readable XML: ${message(e)}` };
  }
  if (!root || root.$type !== 'dmn:Definitions')
    return {
      checksum,
      drg: null,
      report,
      parseError:
        "expected a DMN 1.3 'definitions' element (namespace https://www.omg.org/spec/DMN/20191111/MODEL/)",
    };
  const drgId = root.id ?? '';
  if (!drgId) report.error('definitions', "Expected the decision requirements graph to have an 'id'");
  const elements = list(root.drgElement).filter((e) => e.$type === 'dmn:Decision');
  if (elements.length === 0)
    report.error(drgId || 'definitions', 'Expected at least one decision, but found none');
  const decisions = new Map<string, ExecutableDecision>();
  const requirements = new Map<string, string[]>();
  for (const element of elements) {
    if (element.id && requirements.has(element.id))
      report.error(element.id, `Expected decision ids to be unique, but '${element.id}' is used twice`);
    if (element.id) requirements.set(element.id, requiredOf(element));
    const d = readDecision(element, report);
    if (d) decisions.set(d.id, d);
  }
  checkRequirements(requirements, report);
  const drg: ExecutableDrg = {
    id: drgId,
    name: str(root.name) || drgId,
    namespace: str(root.namespace),
    decisions,
  };
  return { checksum, drg, report, parseError: null };
}

function readDecision(element: DmnElement, report: ValidationReport): ExecutableDecision | null {
  const id = element.id;
  if (!id) {
    report.error(str(element.name) || 'decision', "Expected the decision to have an 'id'");
    return null;
  }
  const variable = element.variable as DmnElement | undefined;
  const logic = element.decisionLogic as DmnElement | undefined;
  let read: DecisionTable | LiteralExpression | null = null;
  if (!logic)
    report.error(
      id,
      'Expected the decision to have a decision table or a literal expression, but it has neither',
    );
  else if (logic.$type === 'dmn:DecisionTable') read = readTable(id, logic, report);
  else if (logic.$type === 'dmn:LiteralExpression') {
    const expression = feel(logic.id ?? id, 'the literal expression', str(logic.text), report);
    if (expression) read = { kind: 'literal', expression };
  } else
    report.error(
      id,
      `Expected a decision table or a literal expression, but found '${logic.$type.replace('dmn:', '')}' (not supported by Zeebe)`,
    );
  if (!read) return null;
  return {
    id,
    name: str(element.name) || id,
    versionTag: versionTagOf(element),
    variableName: str(variable?.name) || id,
    required: requiredOf(element),
    logic: read,
  };
}

function readTable(decisionId: string, table: DmnElement, report: ValidationReport): DecisionTable | null {
  const tableId = table.id ?? decisionId;
  const before = report.problems.length;
  const hitPolicy = str(table.hitPolicy) || 'UNIQUE';
  if (!(HIT_POLICIES as readonly string[]).includes(hitPolicy))
    report.error(tableId, `Expected a hit policy of ${HIT_POLICIES.join(', ')}, but found '${hitPolicy}'`);
  const aggregation = str(table.aggregation) || null;
  if (aggregation && hitPolicy !== 'COLLECT')
    report.error(
      tableId,
      `Expected an aggregation only with the hit policy COLLECT, but found it with '${hitPolicy}'`,
    );
  if (aggregation && !AGGREGATIONS.has(aggregation))
    report.error(tableId, `Expected an aggregation of SUM, MIN, MAX or COUNT, but found '${aggregation}'`);
  const inputs = list(table.input).map((input, i) => {
    const ie = input.inputExpression as DmnElement | undefined;
    const text = str(ie?.text);
    const expression = feel(input.id ?? tableId, `the input expression of input ${i + 1}`, text, report);
    return { id: input.id ?? `input${i + 1}`, label: str(input.label), expression: expression! };
  });
  const outputElements = list(table.output);
  if (outputElements.length === 0)
    report.error(tableId, 'Expected the decision table to have at least one output');
  const outputs = outputElements.map((output, i) => {
    const outputId = output.id ?? `output${i + 1}`;
    const name = str(output.name);
    if (!name && outputElements.length > 1)
      report.error(
        outputId,
        `Expected every output of a table with several outputs to have a name, but output ${i + 1} has none`,
      );
    return { id: outputId, name, label: str(output.label), values: outputValues(outputId, output, report) };
  });
  if (aggregation && aggregation !== 'COUNT' && outputs.length > 1)
    report.error(
      tableId,
      `Expected one output for the aggregation ${aggregation}, but found ${outputs.length}`,
    );
  const rules: TableRule[] = list(table.rule).map((rule, r) => {
    const ruleId = rule.id ?? `rule${r + 1}`;
    const inputEntries = list(rule.inputEntry).map((e, i) =>
      unaryTests(e.id ?? ruleId, `input entry ${i + 1} of rule ${r + 1}`, str(e.text).trim(), report),
    );
    const outputEntries = list(rule.outputEntry).map((e, i) => {
      const text = str(e.text);
      return text.trim() === ''
        ? null
        : feel(e.id ?? ruleId, `output entry ${i + 1} of rule ${r + 1}`, text, report);
    });
    if (inputEntries.length !== inputs.length)
      report.error(
        ruleId,
        `Expected ${inputs.length} input entries (one per input), but found ${inputEntries.length}`,
      );
    if (outputEntries.length !== outputs.length)
      report.error(
        ruleId,
        `Expected ${outputs.length} output entries (one per output), but found ${outputEntries.length}`,
      );
    return { id: ruleId, inputEntries, outputEntries };
  });
  if (report.problems.length > before) return null;
  return {
    kind: 'table',
    hitPolicy: hitPolicy as HitPolicy,
    aggregation: aggregation as Aggregation | null,
    inputs,
    outputs,
    rules,
  };
}

/** `"high","low"` → ['high', 'low']: the order PRIORITY and OUTPUT ORDER rank outputs by. */
function outputValues(outputId: string, output: DmnElement, report: ValidationReport): unknown[] {
  const text = str((output.outputValues as DmnElement | undefined)?.text).trim();
  if (!text) return [];
  const compiled = feel(outputId, 'the output values', `[${text}]`, report);
  if (!compiled) return [];
  const values = constantList(compiled);
  if (!values)
    report.error(outputId, `Expected the output values to be a list of literal values, but found '${text}'`);
  return values ?? [];
}

function constantList(expr: CompiledFeel): unknown[] | null {
  if (expr.names.length > 0) return null;
  try {
    const value = JSON.parse(expr.source) as unknown;
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function requiredOf(element: DmnElement): string[] {
  const required: string[] = [];
  for (const ir of list(element.informationRequirement)) {
    const href = str((ir.requiredDecision as DmnElement | undefined)?.href);
    if (href) required.push(href.replace(/^#/, ''));
  }
  return required;
}

/** Every required decision exists in the same graph, and no decision requires itself through others. */
function checkRequirements(decisions: Map<string, string[]>, report: ValidationReport): void {
  for (const [id, required] of decisions)
    for (const r of required)
      if (!decisions.has(r))
        report.error(
          id,
          `Expected the required decision '${r}' to be in the same decision requirements graph, but it is not`,
        );
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      report.error(
        id,
        `Expected the decision requirements to be acyclic, but found the cycle ${[...path, id].join(' → ')}`,
      );
      return;
    }
    state.set(id, 'visiting');
    for (const r of decisions.get(id) ?? []) if (decisions.has(r)) visit(r, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of decisions.keys()) visit(id, []);
}

function feel(elementId: string, what: string, text: string, report: ValidationReport): CompiledFeel | null {
  if (text.trim() === '') {
    report.error(elementId, `Expected ${what} to be a FEEL expression, but it is empty`);
    return null;
  }
  try {
    return compileFeel(text);
  } catch (e) {
    if (!(e instanceof FeelSyntaxError)) throw e;
    report.error(elementId, `failed to parse ${what} '${text.trim()}': ${e.message}`);
    return null;
  }
}

function unaryTests(
  elementId: string,
  what: string,
  text: string,
  report: ValidationReport,
): CompiledUnaryTests | null {
  if (text === '' || text === '-') return null;
  try {
    const compiled = compileUnaryTests(text);
    // The FEEL sandbox (time and memory budget) evaluates expressions only: an input entry that can
    // loop would run unguarded on the engine's thread, so it is refused.
    if (compiled.looping) {
      report.error(
        elementId,
        `${what} '${text}' can loop (for, some/every or a function definition), which input entries may not; compute it in the input expression instead`,
      );
      return null;
    }
    return compiled;
  } catch (e) {
    if (!(e instanceof FeelSyntaxError)) throw e;
    report.error(elementId, `failed to parse ${what} '${text}' as FEEL unary tests: ${e.message}`);
    return null;
  }
}

function versionTagOf(element: DmnElement): string {
  const attrs = (element.$attrs ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(attrs)) if (/(^|:)versionTag$/.test(name)) return String(value);
  return '';
}

function list(value: unknown): DmnElement[] {
  return Array.isArray(value) ? (value as DmnElement[]) : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
