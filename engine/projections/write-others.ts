// Applies deployment (process, form), user task and variable events to the projection tables.
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../protocol/record';
import type { UserTaskValue } from '../protocol/values';
import type { ModelNames } from './write-instances';

/** The user task state each USER_TASK event leaves the task in (transitions end back in CREATED). */
const TASK_STATE: Record<string, string> = {
  CREATING: 'CREATING',
  CREATED: 'CREATED',
  ASSIGNING: 'ASSIGNING',
  CLAIMING: 'ASSIGNING', // the 8.8 search has no CLAIMING state
  ASSIGNED: 'CREATED',
  UPDATING: 'UPDATING',
  UPDATED: 'CREATED',
  COMPLETING: 'COMPLETING',
  COMPLETED: 'COMPLETED',
  CANCELING: 'CANCELING',
  CANCELED: 'CANCELED',
  COMPLETION_DENIED: 'CREATED',
  ASSIGNMENT_DENIED: 'CREATED',
  UPDATE_DENIED: 'CREATED',
};

function dateMillis(iso: string): number | null {
  if (!iso) return null;
  // a modelled date as Zeebe keeps it may name its region after the offset: `…T10:00+08:00[Asia/Shanghai]`
  const ms = Date.parse(iso.replace(/\[[^\]]*\]$/, ''));
  return Number.isNaN(ms) ? null : ms;
}

export class DefinitionAndTaskWriter {
  private readonly insertProcess: Database.Statement;
  private readonly insertForm: Database.Statement;
  private readonly insertTask: Database.Statement;
  private readonly updateTask: Database.Statement;
  private readonly taskState: Database.Statement;
  private readonly endTask: Database.Statement;
  private readonly deleteCandidates: Database.Statement;
  private readonly insertCandidate: Database.Statement;
  private readonly insertVariable: Database.Statement;
  private readonly migrateTask: Database.Statement;
  private readonly updateVariable: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly names: ModelNames,
  ) {
    this.insertProcess = db.prepare(
      `INSERT OR REPLACE INTO process_definitions (key, process_definition_id, name, version, version_tag,
        resource_name, tenant_id, deployment_key, resource) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertForm = db.prepare(
      `INSERT OR REPLACE INTO forms (key, form_id, version, version_tag, resource_name, tenant_id, deployment_key,
        schema) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertTask = db.prepare(
      `INSERT OR REPLACE INTO user_tasks (key, element_instance_key, process_instance_key, process_definition_key,
        process_definition_id, process_definition_version, process_name, element_id, name, state, assignee,
        candidate_groups, candidate_users, creation_date, due_date, follow_up_date, priority, form_key,
        external_form_reference, custom_headers, tenant_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateTask = db.prepare(
      `UPDATE user_tasks SET state = ?, assignee = ?, candidate_groups = ?, candidate_users = ?, due_date = ?,
        follow_up_date = ?, priority = ? WHERE key = ?`,
    );
    this.taskState = db.prepare('UPDATE user_tasks SET state = ? WHERE key = ?');
    this.endTask = db.prepare('UPDATE user_tasks SET state = ?, completion_date = ? WHERE key = ?');
    this.deleteCandidates = db.prepare('DELETE FROM user_task_candidates WHERE user_task_key = ?');
    this.insertCandidate = db.prepare(
      'INSERT OR IGNORE INTO user_task_candidates (kind, value, user_task_key) VALUES (?, ?, ?)',
    );
    this.migrateTask = db.prepare(
      `UPDATE user_tasks SET process_definition_key = ?, process_definition_id = ?, process_definition_version = ?,
        process_name = ?, element_id = ?, name = ? WHERE key = ?`,
    );
    this.insertVariable = db.prepare(
      `INSERT OR REPLACE INTO variables (key, name, value, scope_key, process_instance_key, tenant_id)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.updateVariable = db.prepare('UPDATE variables SET value = ? WHERE key = ?');
  }

  process(r: EngineRecord<'PROCESS'>): void {
    if (r.intent !== 'CREATED') return;
    const v = r.value;
    this.insertProcess.run(
      v.processDefinitionKey,
      v.bpmnProcessId,
      this.names.processName(v.processDefinitionKey) || null,
      v.version,
      v.versionTag || null,
      v.resourceName,
      v.tenantId,
      v.deploymentKey,
      v.resource,
    );
  }

  form(r: EngineRecord<'FORM'>): void {
    if (r.intent !== 'CREATED') return;
    const v = r.value;
    this.insertForm.run(
      v.formKey,
      v.formId,
      v.version,
      v.versionTag || null,
      v.resourceName,
      v.tenantId,
      v.deploymentKey,
      v.resource,
    );
  }

  userTask(r: EngineRecord<'USER_TASK'>): void {
    if (r.intent === 'MIGRATED') return this.migrated(r.key, r.value);
    const state = TASK_STATE[r.intent];
    if (!state) return;
    const v = r.value;
    if (r.intent === 'CREATING') this.createTask(r.key, v, r.timestamp);
    else if (
      r.intent === 'CREATED' ||
      r.intent === 'ASSIGNED' ||
      r.intent === 'UPDATED' ||
      r.intent === 'COMPLETED' ||
      r.intent === 'CANCELED'
    ) {
      // COMPLETED and CANCELED too: a completing or canceling listener's corrections arrive with them.
      this.updateTask.run(
        state,
        v.assignee || null,
        JSON.stringify(v.candidateGroupsList),
        JSON.stringify(v.candidateUsersList),
        dateMillis(v.dueDate),
        dateMillis(v.followUpDate),
        v.priority,
        r.key,
      );
      if (r.intent !== 'ASSIGNED') this.candidates(r.key, v);
      if (r.intent === 'COMPLETED' || r.intent === 'CANCELED') this.endTask.run(state, r.timestamp, r.key);
    } else this.taskState.run(state, r.key);
  }

  private migrated(key: number, v: UserTaskValue): void {
    this.migrateTask.run(
      v.processDefinitionKey,
      v.bpmnProcessId,
      v.processDefinitionVersion,
      this.names.processName(v.processDefinitionKey) || v.bpmnProcessId,
      v.elementId,
      this.names.elementName(v.processDefinitionKey, v.elementId) || v.elementId,
      key,
    );
  }

  private createTask(key: number, v: UserTaskValue, time: number): void {
    this.insertTask.run(
      key,
      v.elementInstanceKey,
      v.processInstanceKey,
      v.processDefinitionKey,
      v.bpmnProcessId,
      v.processDefinitionVersion,
      this.names.processName(v.processDefinitionKey) || v.bpmnProcessId,
      v.elementId,
      this.names.elementName(v.processDefinitionKey, v.elementId) || v.elementId,
      'CREATING',
      v.assignee || null,
      JSON.stringify(v.candidateGroupsList),
      JSON.stringify(v.candidateUsersList),
      v.creationTimestamp > 0 ? v.creationTimestamp : time,
      dateMillis(v.dueDate),
      dateMillis(v.followUpDate),
      v.priority,
      v.formKey > 0 ? v.formKey : null,
      v.externalFormReference || null,
      JSON.stringify(v.customHeaders ?? {}),
      v.tenantId,
    );
    this.candidates(key, v);
  }

  private candidates(key: number, v: UserTaskValue): void {
    this.deleteCandidates.run(key);
    for (const g of v.candidateGroupsList) this.insertCandidate.run('g', g, key);
    for (const u of v.candidateUsersList) this.insertCandidate.run('u', u, key);
  }

  variable(r: EngineRecord<'VARIABLE'>): void {
    const v = r.value;
    if (r.intent === 'CREATED')
      this.insertVariable.run(r.key, v.name, v.value, v.scopeKey, v.processInstanceKey, v.tenantId);
    else if (r.intent === 'UPDATED' && this.updateVariable.run(v.value, r.key).changes === 0)
      this.insertVariable.run(r.key, v.name, v.value, v.scopeKey, v.processInstanceKey, v.tenantId);
  }
}
