// Process instances: search with the process-instance filter of the API (also used to narrow
// the element statistics), get by key, and the taken sequence flows of an instance.
import type Database from 'better-sqlite3';
import { Where, type FilterProperty } from './filters';
import { search, type PageRequest, type SearchResult, type SortRequest } from './search';
import { defined, isoDate, keyString } from './values';

export interface VariableValueFilter {
  name: string;
  value: FilterProperty<string>;
}

export interface BaseProcessInstanceFilter {
  startDate?: FilterProperty<string>;
  endDate?: FilterProperty<string>;
  state?: FilterProperty<string>;
  hasIncident?: boolean;
  tenantId?: FilterProperty<string>;
  variables?: VariableValueFilter[];
  processInstanceKey?: FilterProperty<string>;
  parentProcessInstanceKey?: FilterProperty<string>;
  parentElementInstanceKey?: FilterProperty<string>;
  errorMessage?: FilterProperty<string>;
  elementInstanceState?: FilterProperty<string>;
  elementId?: FilterProperty<string>;
  hasElementInstanceIncident?: boolean;
}

export interface ProcessInstanceFilterFields extends BaseProcessInstanceFilter {
  processDefinitionId?: FilterProperty<string>;
  processDefinitionName?: FilterProperty<string>;
  processDefinitionVersion?: FilterProperty<number>;
  processDefinitionVersionTag?: FilterProperty<string>;
  processDefinitionKey?: FilterProperty<string>;
}

export interface ProcessInstanceFilter extends ProcessInstanceFilterFields {
  $or?: ProcessInstanceFilterFields[];
}

export interface ProcessInstanceItem {
  processDefinitionId: string;
  processDefinitionName: string;
  processDefinitionVersion: number;
  processDefinitionVersionTag?: string;
  startDate: string;
  endDate?: string;
  state: string;
  hasIncident: boolean;
  tenantId: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  parentProcessInstanceKey?: string;
  parentElementInstanceKey?: string;
}

export interface SequenceFlowItem {
  sequenceFlowId: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  elementId: string;
  tenantId: string;
}

interface InstanceRow {
  key: number;
  process_definition_key: number;
  process_definition_id: string;
  process_definition_name: string;
  process_definition_version: number;
  process_definition_version_tag: string | null;
  state: string;
  start_date: number;
  end_date: number | null;
  incidents: number;
  parent_process_instance_key: number | null;
  parent_element_instance_key: number | null;
  tenant_id: string;
}

const SORTABLE = {
  processInstanceKey: 't.key',
  processDefinitionId: 't.process_definition_id',
  processDefinitionName: 't.process_definition_name',
  processDefinitionVersion: 't.process_definition_version',
  processDefinitionVersionTag: { column: 't.process_definition_version_tag', nullable: true },
  processDefinitionKey: 't.process_definition_key',
  parentProcessInstanceKey: { column: 't.parent_process_instance_key', nullable: true },
  parentElementInstanceKey: { column: 't.parent_element_instance_key', nullable: true },
  startDate: 't.start_date',
  endDate: { column: 't.end_date', nullable: true },
  state: 't.state',
  hasIncident: '(t.incidents > 0)',
  tenantId: 't.tenant_id',
} as const;

function toItem(r: InstanceRow): ProcessInstanceItem {
  return defined({
    processDefinitionId: r.process_definition_id,
    processDefinitionName: r.process_definition_name,
    processDefinitionVersion: r.process_definition_version,
    processDefinitionVersionTag: r.process_definition_version_tag ?? undefined,
    startDate: isoDate(r.start_date),
    endDate: isoDate(r.end_date),
    state: r.state,
    hasIncident: r.incidents > 0,
    tenantId: r.tenant_id,
    processInstanceKey: keyString(r.key),
    processDefinitionKey: keyString(r.process_definition_key),
    parentProcessInstanceKey: keyString(r.parent_process_instance_key),
    parentElementInstanceKey: keyString(r.parent_element_instance_key),
  });
}

/** The conditions of a process-instance filter on the instance table under alias `t`. */
export function instanceConditions(f: ProcessInstanceFilterFields, w = new Where()): Where {
  w.property('t.start_date', 'date', f.startDate)
    .property('t.end_date', 'date', f.endDate)
    .property('t.state', 'string', f.state)
    .property('t.tenant_id', 'string', f.tenantId)
    .property('t.key', 'key', f.processInstanceKey)
    .property('t.parent_process_instance_key', 'key', f.parentProcessInstanceKey)
    .property('t.parent_element_instance_key', 'key', f.parentElementInstanceKey)
    .property('t.process_definition_id', 'string', f.processDefinitionId)
    .property('t.process_definition_name', 'string', f.processDefinitionName)
    .property('t.process_definition_version', 'int', f.processDefinitionVersion)
    .property('t.process_definition_version_tag', 'string', f.processDefinitionVersionTag)
    .property('t.process_definition_key', 'key', f.processDefinitionKey);
  if (f.hasIncident !== undefined) w.add(f.hasIncident ? 't.incidents > 0' : 't.incidents = 0');
  for (const v of f.variables ?? []) w.variable('t.key', 'process_instance_key', v.name, v.value);
  if (f.errorMessage !== undefined) {
    const inner = new Where().property('i.error_message', 'string', f.errorMessage);
    w.add(
      `EXISTS (SELECT 1 FROM incidents i WHERE i.process_instance_key = t.key AND i.state = 'ACTIVE' AND ${inner.condition})`,
      ...inner.params,
    );
  }
  if (
    f.elementId !== undefined ||
    f.elementInstanceState !== undefined ||
    f.hasElementInstanceIncident !== undefined
  ) {
    const inner = new Where()
      .property('e.element_id', 'string', f.elementId)
      .property('e.state', 'string', f.elementInstanceState);
    if (f.hasElementInstanceIncident !== undefined)
      inner.add(f.hasElementInstanceIncident ? 'e.incidents > 0' : 'e.incidents = 0');
    w.add(
      `EXISTS (SELECT 1 FROM element_instances e WHERE e.process_instance_key = t.key AND ${inner.condition})`,
      ...inner.params,
    );
  }
  return w;
}

export function instanceWhere(filter: ProcessInstanceFilter): Where {
  const { $or, ...fields } = filter;
  return instanceConditions(fields).or(($or ?? []).map((f) => instanceConditions(f)));
}

export class ProcessInstanceQueries {
  constructor(private readonly db: Database.Database) {}

  search(
    filter: ProcessInstanceFilter = {},
    sort?: SortRequest[],
    page?: PageRequest,
  ): SearchResult<ProcessInstanceItem> {
    return search<InstanceRow, ProcessInstanceItem>({
      db: this.db,
      from: 'process_instances t',
      where: instanceWhere(filter),
      sortable: SORTABLE,
      keyColumn: 't.key',
      sort,
      page,
      map: toItem,
    });
  }

  get(key: number): ProcessInstanceItem | undefined {
    const r = this.db.prepare('SELECT * FROM process_instances WHERE key = ?').get(key) as
      InstanceRow | undefined;
    return r && toItem(r);
  }

  sequenceFlows(key: number): SequenceFlowItem[] {
    const rows = this.db
      .prepare('SELECT * FROM sequence_flows WHERE process_instance_key = ? ORDER BY sequence_flow_id')
      .all(key) as {
      process_instance_key: number;
      sequence_flow_id: string;
      process_definition_key: number;
      process_definition_id: string;
      tenant_id: string;
    }[];
    return rows.map((r) => ({
      sequenceFlowId: `${r.process_instance_key}_${r.sequence_flow_id}`,
      processInstanceKey: keyString(r.process_instance_key),
      processDefinitionKey: keyString(r.process_definition_key),
      processDefinitionId: r.process_definition_id,
      elementId: r.sequence_flow_id,
      tenantId: r.tenant_id,
    }));
  }
}
