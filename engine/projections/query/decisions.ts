// Decision definitions, decision requirements graphs (with their DMN XML) and decision instances:
// search and get, in the shapes of the REST API v2.
import type Database from 'better-sqlite3';
import { Where, type FilterProperty } from './filters';
import { search, type PageRequest, type SortRequest } from './search';
import { defined, isoDate, keyString } from './values';

export interface DecisionDefinitionFilter {
  decisionDefinitionId?: string;
  name?: string;
  version?: number;
  decisionRequirementsId?: string;
  tenantId?: string;
  decisionDefinitionKey?: string;
  decisionRequirementsKey?: string;
}

export interface DecisionRequirementsFilter {
  decisionRequirementsName?: string;
  version?: number;
  decisionRequirementsId?: string;
  tenantId?: string;
  decisionRequirementsKey?: string;
  resourceName?: string;
}

export interface DecisionInstanceFilter {
  decisionEvaluationInstanceKey?: string;
  state?: string;
  evaluationFailure?: string;
  evaluationDate?: FilterProperty<string>;
  decisionDefinitionId?: string;
  decisionDefinitionName?: string;
  decisionDefinitionVersion?: number;
  decisionDefinitionType?: string;
  tenantId?: string;
  decisionEvaluationKey?: string;
  processDefinitionKey?: string;
  processInstanceKey?: string;
  decisionDefinitionKey?: FilterProperty<string>;
  elementInstanceKey?: FilterProperty<string>;
}

interface DefinitionRow {
  key: number;
  decision_definition_id: string;
  name: string;
  version: number;
  decision_requirements_id: string;
  decision_requirements_key: number;
  tenant_id: string;
}

interface RequirementsRow {
  key: number;
  decision_requirements_id: string;
  name: string;
  version: number;
  resource_name: string;
  tenant_id: string;
  resource: string;
}

interface InstanceRow {
  instance_key: string;
  evaluation_key: number;
  state: string;
  evaluation_date: number;
  evaluation_failure: string | null;
  decision_definition_id: string;
  decision_definition_name: string;
  decision_definition_version: number;
  decision_definition_type: string;
  decision_definition_key: number;
  result: string;
  evaluated_inputs: string;
  matched_rules: string;
  process_definition_key: number | null;
  process_instance_key: number | null;
  element_instance_key: number | null;
  tenant_id: string;
}

const definitionItem = (r: DefinitionRow) => ({
  decisionDefinitionId: r.decision_definition_id,
  name: r.name,
  version: r.version,
  decisionRequirementsId: r.decision_requirements_id,
  tenantId: r.tenant_id,
  decisionDefinitionKey: keyString(r.key),
  decisionRequirementsKey: keyString(r.decision_requirements_key),
});

const requirementsItem = (r: RequirementsRow) => ({
  decisionRequirementsName: r.name,
  version: r.version,
  decisionRequirementsId: r.decision_requirements_id,
  resourceName: r.resource_name,
  tenantId: r.tenant_id,
  decisionRequirementsKey: keyString(r.key),
});

const instanceItem = (r: InstanceRow) =>
  defined({
    decisionEvaluationInstanceKey: r.instance_key,
    state: r.state,
    evaluationDate: isoDate(r.evaluation_date),
    evaluationFailure: r.evaluation_failure ?? undefined,
    decisionDefinitionId: r.decision_definition_id,
    decisionDefinitionName: r.decision_definition_name,
    decisionDefinitionVersion: r.decision_definition_version,
    decisionDefinitionType: r.decision_definition_type,
    result: r.result,
    tenantId: r.tenant_id,
    decisionEvaluationKey: keyString(r.evaluation_key),
    processDefinitionKey: keyString(r.process_definition_key),
    processInstanceKey: keyString(r.process_instance_key),
    decisionDefinitionKey: keyString(r.decision_definition_key),
    elementInstanceKey: keyString(r.element_instance_key),
  });

export type DecisionInstanceItem = ReturnType<typeof instanceItem>;

export class DecisionQueries {
  constructor(private readonly db: Database.Database) {}

  searchDefinitions(filter: DecisionDefinitionFilter = {}, sort?: SortRequest[], page?: PageRequest) {
    const w = new Where()
      .property('t.decision_definition_id', 'string', filter.decisionDefinitionId)
      .property('t.name', 'string', filter.name)
      .property('t.version', 'int', filter.version)
      .property('t.decision_requirements_id', 'string', filter.decisionRequirementsId)
      .property('t.tenant_id', 'string', filter.tenantId)
      .property('t.key', 'key', filter.decisionDefinitionKey)
      .property('t.decision_requirements_key', 'key', filter.decisionRequirementsKey);
    return search<DefinitionRow, ReturnType<typeof definitionItem>>({
      db: this.db,
      from: 'decision_definitions t',
      where: w,
      sortable: {
        decisionDefinitionKey: 't.key',
        decisionDefinitionId: 't.decision_definition_id',
        name: 't.name',
        version: 't.version',
        decisionRequirementsId: 't.decision_requirements_id',
        decisionRequirementsKey: 't.decision_requirements_key',
        tenantId: 't.tenant_id',
      },
      keyColumn: 't.key',
      sort,
      page,
      map: definitionItem,
    });
  }

  definition(key: number) {
    const r = this.db.prepare('SELECT * FROM decision_definitions WHERE key = ?').get(key) as
      DefinitionRow | undefined;
    return r && definitionItem(r);
  }

  searchRequirements(filter: DecisionRequirementsFilter = {}, sort?: SortRequest[], page?: PageRequest) {
    const w = new Where()
      .property('t.name', 'string', filter.decisionRequirementsName)
      .property('t.version', 'int', filter.version)
      .property('t.decision_requirements_id', 'string', filter.decisionRequirementsId)
      .property('t.tenant_id', 'string', filter.tenantId)
      .property('t.key', 'key', filter.decisionRequirementsKey)
      .property('t.resource_name', 'string', filter.resourceName);
    return search<RequirementsRow, ReturnType<typeof requirementsItem>>({
      db: this.db,
      from: 'decision_requirements t',
      where: w,
      sortable: {
        decisionRequirementsKey: 't.key',
        decisionRequirementsName: 't.name',
        version: 't.version',
        decisionRequirementsId: 't.decision_requirements_id',
        tenantId: 't.tenant_id',
      },
      keyColumn: 't.key',
      sort,
      page,
      map: requirementsItem,
    });
  }

  private requirementsRow(key: number) {
    return this.db.prepare('SELECT * FROM decision_requirements WHERE key = ?').get(key) as
      RequirementsRow | undefined;
  }

  requirements(key: number) {
    const r = this.requirementsRow(key);
    return r && requirementsItem(r);
  }

  /** The DMN XML of a decision requirements graph. */
  requirementsXml(key: number): string | undefined {
    return this.requirementsRow(key)?.resource;
  }

  /** The DMN XML a decision definition was deployed in (its graph's). */
  definitionXml(key: number): string | undefined {
    const r = this.db
      .prepare(
        `SELECT g.resource FROM decision_definitions d JOIN decision_requirements g
          ON g.key = d.decision_requirements_key WHERE d.key = ?`,
      )
      .get(key) as { resource: string } | undefined;
    return r?.resource;
  }

  searchInstances(filter: DecisionInstanceFilter = {}, sort?: SortRequest[], page?: PageRequest) {
    const w = new Where()
      .property('t.state', 'string', filter.state)
      .property('t.evaluation_failure', 'string', filter.evaluationFailure)
      .property('t.evaluation_date', 'date', filter.evaluationDate)
      .property('t.decision_definition_id', 'string', filter.decisionDefinitionId)
      .property('t.decision_definition_name', 'string', filter.decisionDefinitionName)
      .property('t.decision_definition_version', 'int', filter.decisionDefinitionVersion)
      .property('t.decision_definition_type', 'string', filter.decisionDefinitionType)
      .property('t.tenant_id', 'string', filter.tenantId)
      .property('t.evaluation_key', 'key', filter.decisionEvaluationKey)
      .property('t.process_definition_key', 'key', filter.processDefinitionKey)
      .property('t.process_instance_key', 'key', filter.processInstanceKey)
      .property('t.decision_definition_key', 'key', filter.decisionDefinitionKey)
      .property('t.element_instance_key', 'key', filter.elementInstanceKey);
    if (filter.decisionEvaluationInstanceKey !== undefined)
      w.add('t.instance_key = ?', filter.decisionEvaluationInstanceKey);
    return search<InstanceRow, DecisionInstanceItem>({
      db: this.db,
      from: 'decision_instances t',
      where: w,
      sortable: {
        decisionDefinitionId: 't.decision_definition_id',
        decisionDefinitionKey: 't.decision_definition_key',
        decisionDefinitionName: 't.decision_definition_name',
        decisionDefinitionType: 't.decision_definition_type',
        decisionDefinitionVersion: 't.decision_definition_version',
        decisionEvaluationInstanceKey: 't.instance_key',
        decisionEvaluationKey: 't.evaluation_key',
        elementInstanceKey: { column: 't.element_instance_key', nullable: true },
        evaluationDate: 't.evaluation_date',
        evaluationFailure: { column: 't.evaluation_failure', nullable: true },
        processDefinitionKey: { column: 't.process_definition_key', nullable: true },
        processInstanceKey: { column: 't.process_instance_key', nullable: true },
        state: 't.state',
        tenantId: 't.tenant_id',
      },
      keyColumn: 't.instance_key',
      sort,
      page,
      map: instanceItem,
    });
  }

  /** One decision instance with what it evaluated: its inputs and the rules that matched. */
  instance(instanceKey: string) {
    const r = this.db.prepare('SELECT * FROM decision_instances WHERE instance_key = ?').get(instanceKey) as
      InstanceRow | undefined;
    if (!r) return undefined;
    return {
      ...instanceItem(r),
      evaluatedInputs: JSON.parse(r.evaluated_inputs) as unknown[],
      matchedRules: JSON.parse(r.matched_rules) as unknown[],
    };
  }
}
