// Applies decision deployment, deletion and evaluation events to the projection tables. An
// evaluation becomes one decision instance per decision it evaluated (its required decisions
// first), the one that failed marked FAILED with the failure, as Camunda's exporter writes them.
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../protocol/record';

/** Keys of evaluations outside a process instance are -1 in the record; absent in the read model. */
const positive = (k: number) => (k > 0 ? k : null);

export class DecisionWriter {
  private readonly insertDrg: Database.Statement;
  private readonly deleteDrg: Database.Statement;
  private readonly insertDecision: Database.Statement;
  private readonly deleteDecision: Database.Statement;
  private readonly insertInstance: Database.Statement;

  constructor(db: Database.Database) {
    this.insertDrg = db.prepare(
      `INSERT OR REPLACE INTO decision_requirements (key, decision_requirements_id, name, version, resource_name,
        tenant_id, resource) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deleteDrg = db.prepare('DELETE FROM decision_requirements WHERE key = ?');
    this.insertDecision = db.prepare(
      `INSERT OR REPLACE INTO decision_definitions (key, decision_definition_id, name, version,
        decision_requirements_id, decision_requirements_key, tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deleteDecision = db.prepare('DELETE FROM decision_definitions WHERE key = ?');
    this.insertInstance = db.prepare(
      `INSERT OR REPLACE INTO decision_instances (instance_key, evaluation_key, position, state, evaluation_date,
        evaluation_failure, decision_definition_id, decision_definition_name, decision_definition_version,
        decision_definition_type, decision_definition_key, result, evaluated_inputs, matched_rules,
        process_definition_key, process_instance_key, element_instance_key, tenant_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  decisionRequirements(r: EngineRecord<'DECISION_REQUIREMENTS'>): void {
    const v = r.value;
    if (r.intent === 'DELETED') return void this.deleteDrg.run(v.decisionRequirementsKey);
    if (r.intent !== 'CREATED') return;
    this.insertDrg.run(
      v.decisionRequirementsKey,
      v.decisionRequirementsId,
      v.decisionRequirementsName,
      v.decisionRequirementsVersion,
      v.resourceName,
      v.tenantId,
      v.resource,
    );
  }

  decision(r: EngineRecord<'DECISION'>): void {
    const v = r.value;
    if (r.intent === 'DELETED') return void this.deleteDecision.run(v.decisionKey);
    if (r.intent !== 'CREATED') return;
    this.insertDecision.run(
      v.decisionKey,
      v.decisionId,
      v.decisionName,
      v.version,
      v.decisionRequirementsId,
      v.decisionRequirementsKey,
      v.tenantId,
    );
  }

  evaluation(r: EngineRecord<'DECISION_EVALUATION'>): void {
    if (r.intent !== 'EVALUATED' && r.intent !== 'FAILED') return;
    const v = r.value;
    v.evaluatedDecisions.forEach((d, i) => {
      const failed = r.intent === 'FAILED' && d.decisionId === v.failedDecisionId;
      this.insertInstance.run(
        `${r.key}-${i + 1}`,
        r.key,
        i + 1,
        failed ? 'FAILED' : 'EVALUATED',
        r.timestamp,
        failed ? v.evaluationFailureMessage : null,
        d.decisionId,
        d.decisionName,
        d.decisionVersion,
        d.decisionType,
        d.decisionKey,
        d.decisionOutput,
        JSON.stringify(d.evaluatedInputs),
        JSON.stringify(d.matchedRules),
        positive(v.processDefinitionKey),
        positive(v.processInstanceKey),
        positive(v.elementInstanceKey),
        d.tenantId,
      );
    });
  }
}
