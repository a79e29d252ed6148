// Decisions as the engine evaluates them: read once from the DMN file at deploy time, with every
// FEEL text compiled (and so validated) up front.
import type { CompiledFeel, CompiledUnaryTests } from '../feel/feel';

export const HIT_POLICIES = [
  'UNIQUE',
  'FIRST',
  'PRIORITY',
  'ANY',
  'COLLECT',
  'RULE ORDER',
  'OUTPUT ORDER',
] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface TableInput {
  id: string;
  label: string;
  expression: CompiledFeel;
}

export interface TableOutput {
  id: string;
  name: string;
  label: string;
  /** The allowed values in their order (PRIORITY, OUTPUT ORDER); empty when none are listed. */
  values: unknown[];
}

export interface TableRule {
  id: string;
  /** One per input; null for '' and '-', which match anything. */
  inputEntries: (CompiledUnaryTests | null)[];
  /** One per output; null when the entry is empty (its output is null). */
  outputEntries: (CompiledFeel | null)[];
}

export interface DecisionTable {
  kind: 'table';
  hitPolicy: HitPolicy;
  aggregation: Aggregation | null;
  inputs: TableInput[];
  outputs: TableOutput[];
  rules: TableRule[];
}

export interface LiteralExpression {
  kind: 'literal';
  expression: CompiledFeel;
}

export interface ExecutableDecision {
  id: string;
  name: string;
  versionTag: string;
  /** The decision's result variable for the decisions that require it (DMN's `variable`, else its id). */
  variableName: string;
  /** Ids of the decisions whose results this one reads, in document order. */
  required: string[];
  logic: DecisionTable | LiteralExpression;
}

export interface ExecutableDrg {
  id: string;
  name: string;
  namespace: string;
  decisions: Map<string, ExecutableDecision>;
}
