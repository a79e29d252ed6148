// DMN record values — decision requirements graphs, decisions and evaluations — as Zeebe writes them.
import type { Key } from './keys';
import type { VariableDocument } from './values';

export interface DecisionRequirementsMetadata {
  decisionRequirementsId: string;
  decisionRequirementsName: string;
  decisionRequirementsVersion: number;
  decisionRequirementsKey: Key;
  namespace: string;
  resourceName: string;
  checksum: string;
  duplicate: boolean;
  tenantId: string;
}

export interface DecisionRequirementsValue extends DecisionRequirementsMetadata {
  resource: string;
  deploymentKey: Key;
}

export interface DecisionValue {
  decisionId: string;
  decisionName: string;
  version: number;
  versionTag: string;
  decisionKey: Key;
  decisionRequirementsId: string;
  decisionRequirementsKey: Key;
  duplicate: boolean;
  tenantId: string;
  deploymentKey: Key;
}

export interface EvaluatedDecisionValue {
  decisionId: string;
  decisionName: string;
  decisionKey: Key;
  decisionVersion: number;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  /** JSON text, as Zeebe writes it. */
  decisionOutput: string;
  evaluatedInputs: { inputId: string; inputName: string; inputValue: string }[];
  matchedRules: {
    ruleId: string;
    ruleIndex: number;
    evaluatedOutputs: { outputId: string; outputName: string; outputValue: string }[];
  }[];
  tenantId: string;
}

export interface DecisionEvaluationValue {
  decisionKey: Key;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: Key;
  /** JSON text of the result; 'null' when the evaluation failed. */
  decisionOutput: string;
  variables: VariableDocument;
  bpmnProcessId: string;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  elementInstanceKey: Key;
  elementId: string;
  evaluatedDecisions: EvaluatedDecisionValue[];
  evaluationFailureMessage: string;
  failedDecisionId: string;
  tenantId: string;
}
