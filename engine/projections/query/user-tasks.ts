// User tasks: search by state, assignee, candidate group/user, instance, element, dates,
// priority and variables; get by key; and the variables a task sees (its scope and the scopes
// above it, the innermost value of each name winning).
import type Database from 'better-sqlite3';
import { Where, type FilterProperty } from './filters';
import { search, type PageRequest, type SearchResult, type SortRequest } from './search';
import { defined, isoDate, keyString } from './values';
import type { VariableValueFilter } from './process-instances';
import { VARIABLE_SORTABLE, toVariableItem, type VariableItem, type VariableRow } from './variables';

export interface UserTaskFilter {
  state?: FilterProperty<string>;
  assignee?: FilterProperty<string>;
  priority?: FilterProperty<number>;
  elementId?: string;
  name?: string;
  candidateGroup?: FilterProperty<string>;
  candidateUser?: FilterProperty<string>;
  tenantId?: FilterProperty<string>;
  processDefinitionId?: string;
  creationDate?: FilterProperty<string>;
  completionDate?: FilterProperty<string>;
  followUpDate?: FilterProperty<string>;
  dueDate?: FilterProperty<string>;
  processInstanceVariables?: VariableValueFilter[];
  localVariables?: VariableValueFilter[];
  userTaskKey?: string;
  processDefinitionKey?: string;
  processInstanceKey?: string;
  elementInstanceKey?: string;
}

export interface UserTaskItem {
  name: string;
  state: string;
  assignee?: string;
  elementId: string;
  candidateGroups: string[];
  candidateUsers: string[];
  processDefinitionId: string;
  creationDate: string;
  completionDate?: string;
  followUpDate?: string;
  dueDate?: string;
  tenantId: string;
  externalFormReference?: string;
  processDefinitionVersion: number;
  customHeaders: Record<string, string>;
  priority: number;
  userTaskKey: string;
  elementInstanceKey: string;
  processName: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  formKey?: string;
}

interface TaskRow {
  key: number;
  element_instance_key: number;
  process_instance_key: number;
  process_definition_key: number;
  process_definition_id: string;
  process_definition_version: number;
  process_name: string;
  element_id: string;
  name: string;
  state: string;
  assignee: string | null;
  candidate_groups: string;
  candidate_users: string;
  creation_date: number;
  completion_date: number | null;
  due_date: number | null;
  follow_up_date: number | null;
  priority: number;
  form_key: number | null;
  external_form_reference: string | null;
  custom_headers: string;
  tenant_id: string;
}

const SORTABLE = {
  creationDate: 't.creation_date',
  completionDate: { column: 't.completion_date', nullable: true },
  followUpDate: { column: 't.follow_up_date', nullable: true },
  dueDate: { column: 't.due_date', nullable: true },
  priority: 't.priority',
  name: 't.name',
} as const;

function toItem(r: TaskRow): UserTaskItem {
  return defined({
    name: r.name,
    state: r.state,
    assignee: r.assignee ?? undefined,
    elementId: r.element_id,
    candidateGroups: JSON.parse(r.candidate_groups) as string[],
    candidateUsers: JSON.parse(r.candidate_users) as string[],
    processDefinitionId: r.process_definition_id,
    creationDate: isoDate(r.creation_date),
    completionDate: isoDate(r.completion_date),
    followUpDate: isoDate(r.follow_up_date),
    dueDate: isoDate(r.due_date),
    tenantId: r.tenant_id,
    externalFormReference: r.external_form_reference ?? undefined,
    processDefinitionVersion: r.process_definition_version,
    customHeaders: JSON.parse(r.custom_headers) as Record<string, string>,
    priority: r.priority,
    userTaskKey: keyString(r.key),
    elementInstanceKey: keyString(r.element_instance_key),
    processName: r.process_name,
    processDefinitionKey: keyString(r.process_definition_key),
    processInstanceKey: keyString(r.process_instance_key),
    formKey: keyString(r.form_key),
  });
}

function candidates(kind: 'g' | 'u') {
  return (condition: string) =>
    `EXISTS (SELECT 1 FROM user_task_candidates m WHERE m.kind = '${kind}' AND m.user_task_key = t.key AND ${condition})`;
}

function variables(w: Where, column: string, filters: VariableValueFilter[] | undefined): void {
  for (const v of filters ?? []) w.variable(column, 'scope_key', v.name, v.value);
}

export class UserTaskQueries {
  constructor(private readonly db: Database.Database) {}

  search(filter: UserTaskFilter = {}, sort?: SortRequest[], page?: PageRequest): SearchResult<UserTaskItem> {
    const w = new Where()
      .property('t.state', 'string', filter.state)
      .property('t.assignee', 'string', filter.assignee)
      .property('t.priority', 'int', filter.priority)
      .property('t.element_id', 'string', filter.elementId)
      .property('t.name', 'string', filter.name)
      .property('t.tenant_id', 'string', filter.tenantId)
      .property('t.process_definition_id', 'string', filter.processDefinitionId)
      .property('t.creation_date', 'date', filter.creationDate)
      .property('t.completion_date', 'date', filter.completionDate)
      .property('t.follow_up_date', 'date', filter.followUpDate)
      .property('t.due_date', 'date', filter.dueDate)
      .property('t.key', 'key', filter.userTaskKey)
      .property('t.process_definition_key', 'key', filter.processDefinitionKey)
      .property('t.process_instance_key', 'key', filter.processInstanceKey)
      .property('t.element_instance_key', 'key', filter.elementInstanceKey)
      .member(filter.candidateGroup, candidates('g'))
      .member(filter.candidateUser, candidates('u'));
    variables(w, 't.process_instance_key', filter.processInstanceVariables);
    variables(w, 't.element_instance_key', filter.localVariables);
    return search<TaskRow, UserTaskItem>({
      db: this.db,
      from: 'user_tasks t',
      where: w,
      sortable: SORTABLE,
      keyColumn: 't.key',
      sort,
      page,
      map: toItem,
    });
  }

  get(key: number): UserTaskItem | undefined {
    const r = this.db.prepare('SELECT * FROM user_tasks WHERE key = ?').get(key) as TaskRow | undefined;
    return r && toItem(r);
  }

  /** The variables visible from the task's element instance, innermost scope first. */
  variables(
    userTaskKey: number,
    filter: { name?: FilterProperty<string> } = {},
    sort?: SortRequest[],
    page?: PageRequest,
    truncate = true,
  ): SearchResult<VariableItem> | undefined {
    const task = this.db
      .prepare('SELECT element_instance_key FROM user_tasks WHERE key = ?')
      .get(userTaskKey) as { element_instance_key: number } | undefined;
    if (!task) return undefined;
    const visible = `(WITH RECURSIVE scopes(k, d) AS (
        SELECT ?, 0 UNION ALL
        SELECT e.flow_scope_key, s.d + 1 FROM element_instances e JOIN scopes s ON e.key = s.k)
      SELECT v.*, ROW_NUMBER() OVER (PARTITION BY v.name ORDER BY s.d) AS rn
      FROM variables v JOIN scopes s ON v.scope_key = s.k) t`;
    return search<VariableRow, VariableItem>({
      db: this.db,
      from: visible,
      fromParams: [task.element_instance_key],
      where: new Where().add('t.rn = 1').property('t.name', 'string', filter.name),
      sortable: VARIABLE_SORTABLE,
      keyColumn: 't.key',
      sort,
      page,
      map: (r) => toVariableItem(r, true, truncate),
    });
  }
}
