// Applies process instance, element instance, sequence flow and incident events to the
// projection tables, and keeps the per-element statistics counters in step with them.
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../protocol/record';
import type { IncidentValue, ProcessInstanceValue } from '../protocol/values';

/** Element names and process names from the deployed models. */
export interface ModelNames {
  processName(processDefinitionKey: number): string;
  elementName(processDefinitionKey: number, elementId: string): string;
}

interface ElementRow {
  state: string;
  type: string;
  /** Open incidents of this element instance and of everything below it (called instances too). */
  incidents: number;
  process_definition_key: number;
  element_id: string;
  flow_scope_key: number;
}

type Delta = [
  definitionKey: number,
  elementId: string,
  active: number,
  completed: number,
  canceled: number,
  incidents: number,
];

export class InstanceWriter {
  /** Active element instances as last written, so ending one needs no read (a cache; misses read the table). */
  private readonly active = new Map<number, ElementRow>();
  /** Counter changes of the current transaction, summed per element and written once by flushStatistics. */
  private readonly deltas = new Map<string, Delta>();
  private readonly insertProcess: Database.Statement;
  private readonly endProcess: Database.Statement;
  private readonly insertElement: Database.Statement;
  private readonly getElement: Database.Statement;
  private readonly endElement: Database.Statement;
  private readonly countStats: Database.Statement;
  private readonly insertFlow: Database.Statement;
  private readonly insertIncident: Database.Statement;
  private readonly resolveIncident: Database.Statement;
  private readonly processIncidents: Database.Statement;
  private readonly elementIncidents: Database.Statement;
  private readonly processParent: Database.Statement;
  private readonly migrateProcess: Database.Statement;
  private readonly migrateElement: Database.Statement;
  private readonly migrateIncident: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly names: ModelNames,
  ) {
    this.insertProcess = db.prepare(
      `INSERT OR REPLACE INTO process_instances (key, process_definition_key, process_definition_id,
        process_definition_name, process_definition_version, process_definition_version_tag, state, start_date,
        parent_process_instance_key, parent_element_instance_key, tenant_id)
       VALUES (?, ?, ?, ?, ?, (SELECT version_tag FROM process_definitions WHERE key = ?), 'ACTIVE', ?, ?, ?, ?)`,
    );
    this.endProcess = db.prepare('UPDATE process_instances SET state = ?, end_date = ? WHERE key = ?');
    this.insertElement = db.prepare(
      `INSERT OR REPLACE INTO element_instances (key, process_instance_key, process_definition_key,
        process_definition_id, element_id, element_name, type, state, start_date, flow_scope_key, tenant_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?)`,
    );
    this.getElement = db.prepare(
      'SELECT state, type, incidents, process_definition_key, element_id, flow_scope_key FROM element_instances WHERE key = ?',
    );
    this.endElement = db.prepare('UPDATE element_instances SET state = ?, end_date = ? WHERE key = ?');
    this.countStats = db.prepare(
      `INSERT INTO element_statistics (process_definition_key, element_id, active, completed, canceled, incidents)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (process_definition_key, element_id) DO UPDATE SET
         active = active + excluded.active, completed = completed + excluded.completed,
         canceled = canceled + excluded.canceled, incidents = incidents + excluded.incidents`,
    );
    this.insertFlow = db.prepare(
      `INSERT OR IGNORE INTO sequence_flows (process_instance_key, sequence_flow_id, process_definition_key,
        process_definition_id, tenant_id) VALUES (?, ?, ?, ?, ?)`,
    );
    this.insertIncident = db.prepare(
      `INSERT OR REPLACE INTO incidents (key, process_instance_key, process_definition_key, process_definition_id,
        element_id, element_instance_key, job_key, error_type, error_message, creation_time, state, tenant_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)`,
    );
    this.resolveIncident = db.prepare(
      "UPDATE incidents SET state = 'RESOLVED' WHERE key = ? AND state = 'ACTIVE'",
    );
    this.processIncidents = db.prepare(
      'UPDATE process_instances SET incidents = MAX(0, incidents + ?) WHERE key = ?',
    );
    this.elementIncidents = db.prepare(
      'UPDATE element_instances SET incidents = MAX(0, incidents + ?), incident_key = COALESCE(?, incident_key) WHERE key = ?',
    );
    this.migrateProcess = db.prepare(
      `UPDATE process_instances SET process_definition_key = ?, process_definition_id = ?,
        process_definition_name = ?, process_definition_version = ?,
        process_definition_version_tag = (SELECT version_tag FROM process_definitions WHERE key = ?) WHERE key = ?`,
    );
    this.migrateElement = db.prepare(
      `UPDATE element_instances SET process_definition_key = ?, process_definition_id = ?, element_id = ?,
        element_name = ? WHERE key = ?`,
    );
    this.migrateIncident = db.prepare(
      'UPDATE incidents SET process_definition_key = ?, process_definition_id = ?, element_id = ? WHERE key = ?',
    );
    this.processParent = db.prepare(
      'SELECT parent_element_instance_key AS parent FROM process_instances WHERE key = ?',
    );
  }

  processInstance(r: EngineRecord<'PROCESS_INSTANCE'>): void {
    const v = r.value;
    if (r.intent === 'SEQUENCE_FLOW_TAKEN') {
      this.insertFlow.run(
        v.processInstanceKey,
        v.elementId,
        v.processDefinitionKey,
        v.bpmnProcessId,
        v.tenantId,
      );
      return;
    }
    // A called instance whose ancestor migrated keeps its definition and its parent keys: its rows stay.
    if (r.intent === 'ANCESTOR_MIGRATED') return;
    if (r.intent === 'ELEMENT_MIGRATED') this.migrated(r.key, v);
    else if (v.bpmnElementType === 'PROCESS') this.process(r.key, r.intent, r.timestamp, v);
    else this.element(r.key, r.intent, r.timestamp, v);
  }

  private process(key: number, intent: string, time: number, v: ProcessInstanceValue): void {
    if (intent === 'ELEMENT_ACTIVATING') {
      this.insertProcess.run(
        key,
        v.processDefinitionKey,
        v.bpmnProcessId,
        this.names.processName(v.processDefinitionKey) || v.bpmnProcessId,
        v.version,
        v.processDefinitionKey,
        time,
        v.parentProcessInstanceKey > 0 ? v.parentProcessInstanceKey : null,
        v.parentElementInstanceKey > 0 ? v.parentElementInstanceKey : null,
        v.tenantId,
      );
    } else if (intent === 'ELEMENT_COMPLETED') this.endProcess.run('COMPLETED', time, key);
    else if (intent === 'ELEMENT_TERMINATED') this.endProcess.run('TERMINATED', time, key);
  }

  private element(key: number, intent: string, time: number, v: ProcessInstanceValue): void {
    if (intent === 'ELEMENT_ACTIVATING') {
      this.insertElement.run(
        key,
        v.processInstanceKey,
        v.processDefinitionKey,
        v.bpmnProcessId,
        v.elementId,
        this.names.elementName(v.processDefinitionKey, v.elementId),
        v.bpmnElementType,
        time,
        v.flowScopeKey,
        v.tenantId,
      );
      this.active.set(key, {
        state: 'ACTIVE',
        type: v.bpmnElementType,
        incidents: 0,
        process_definition_key: v.processDefinitionKey,
        element_id: v.elementId,
        flow_scope_key: v.flowScopeKey,
      });
      this.count(v.processDefinitionKey, v.elementId, 1, 0, 0, 0);
      return;
    }
    if (intent !== 'ELEMENT_COMPLETED' && intent !== 'ELEMENT_TERMINATED') return;
    const row = this.row(key);
    this.active.delete(key);
    if (!row || row.state !== 'ACTIVE') return;
    const completed = intent === 'ELEMENT_COMPLETED';
    this.endElement.run(completed ? 'COMPLETED' : 'TERMINATED', time, key);
    const withIncident = row.incidents > 0;
    this.count(
      row.process_definition_key,
      row.element_id,
      withIncident ? 0 : -1,
      completed ? 1 : 0,
      completed ? 0 : 1,
      withIncident ? -1 : 0,
    );
  }

  /** An instance moved to another definition: its row, and its count in the statistics, move with it. */
  private migrated(key: number, v: ProcessInstanceValue): void {
    const name = this.names.elementName(v.processDefinitionKey, v.elementId);
    if (v.bpmnElementType === 'PROCESS') {
      const processName = this.names.processName(v.processDefinitionKey) || v.bpmnProcessId;
      this.migrateProcess.run(
        v.processDefinitionKey,
        v.bpmnProcessId,
        processName,
        v.version,
        v.processDefinitionKey,
        key,
      );
      return;
    }
    const row = this.row(key);
    if (!row) return;
    this.migrateElement.run(v.processDefinitionKey, v.bpmnProcessId, v.elementId, name, key);
    const moved = { ...row, process_definition_key: v.processDefinitionKey, element_id: v.elementId };
    if (this.active.has(key)) this.active.set(key, moved);
    if (row.state !== 'ACTIVE') return;
    const [active, incidents] = row.incidents > 0 ? [0, 1] : [1, 0];
    this.count(row.process_definition_key, row.element_id, -active, 0, 0, -incidents);
    this.count(v.processDefinitionKey, v.elementId, active, 0, 0, incidents);
  }

  incident(r: EngineRecord<'INCIDENT'>): void {
    const v: IncidentValue = r.value;
    if (r.intent === 'MIGRATED') {
      this.migrateIncident.run(v.processDefinitionKey, v.bpmnProcessId, v.elementId, r.key);
      return;
    }
    if (r.intent === 'CREATED') {
      this.insertIncident.run(
        r.key,
        v.processInstanceKey,
        v.processDefinitionKey,
        v.bpmnProcessId,
        v.elementId,
        v.elementInstanceKey,
        v.jobKey > 0 ? v.jobKey : null,
        v.errorType,
        v.errorMessage,
        r.timestamp,
        v.tenantId,
      );
      this.upTheTree(v.elementInstanceKey, r.key, 1);
    } else if (r.intent === 'RESOLVED') {
      if (this.resolveIncident.run(r.key).changes === 0) return;
      this.upTheTree(v.elementInstanceKey, null, -1);
    }
  }

  /**
   * As Camunda 8.8 marks the incident's tree path: the element instance, every element instance
   * containing it, its process instance, and through call activities every parent instance up to
   * the root carry the incident (`hasIncident`) until it is resolved.
   */
  private upTheTree(elementInstanceKey: number, incidentKey: number | null, delta: 1 | -1): void {
    let key: number | null = elementInstanceKey;
    for (let depth = 0; key !== null && depth < 10_000; depth++) {
      const element = this.row(key);
      if (element) {
        this.elementIncident(key, element, key === elementInstanceKey ? incidentKey : null, delta);
        key = element.flow_scope_key;
        continue;
      }
      if (this.processIncidents.run(delta, key).changes === 0) return;
      key = (this.processParent.get(key) as { parent: number | null } | undefined)?.parent ?? null;
    }
  }

  /** An element instance gains or loses an open incident; the diagram moves it between active and incidents. */
  private elementIncident(
    elementInstanceKey: number,
    row: ElementRow,
    incidentKey: number | null,
    delta: 1 | -1,
  ): void {
    this.elementIncidents.run(delta, incidentKey, elementInstanceKey);
    const before = row.incidents;
    const after = Math.max(0, before + delta);
    if (this.active.has(elementInstanceKey))
      this.active.set(elementInstanceKey, { ...row, incidents: after });
    if (row.state !== 'ACTIVE' || before > 0 === after > 0) return;
    const toIncident = after > 0;
    this.count(row.process_definition_key, row.element_id, toIncident ? -1 : 1, 0, 0, toIncident ? 1 : -1);
  }

  private row(key: number): ElementRow | undefined {
    return this.active.get(key) ?? (this.getElement.get(key) as ElementRow | undefined);
  }

  private count(...d: Delta): void {
    const id = `${d[0]}\u0000${d[1]}`;
    const sum = this.deltas.get(id);
    if (!sum) this.deltas.set(id, d);
    else for (let i = 2; i < 6; i++) sum[i] = (sum[i] as number) + (d[i] as number);
  }

  /** Writes the summed counter changes; called at the end of each transaction. */
  flushStatistics(): void {
    for (const d of this.deltas.values()) if (d[2] || d[3] || d[4] || d[5]) this.countStats.run(...d);
    this.deltas.clear();
  }
}
