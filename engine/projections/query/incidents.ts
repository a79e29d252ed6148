// Incidents, open and resolved: search and get by key.
import type Database from 'better-sqlite3';
import { Where, type FilterProperty } from './filters';
import { search, type PageRequest, type SearchResult, type SortRequest } from './search';
import { defined, isoDate, keyString } from './values';

export interface IncidentFilter {
  processDefinitionId?: string;
  errorType?: string;
  errorMessage?: string;
  elementId?: string;
  creationTime?: FilterProperty<string>;
  state?: string;
  tenantId?: string;
  incidentKey?: string;
  processDefinitionKey?: string;
  processInstanceKey?: string;
  elementInstanceKey?: string;
  jobKey?: string;
}

export interface IncidentItem {
  processDefinitionId: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  creationTime: string;
  state: string;
  tenantId: string;
  incidentKey: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  jobKey?: string;
}

interface IncidentRow {
  key: number;
  process_instance_key: number;
  process_definition_key: number;
  process_definition_id: string;
  element_id: string;
  element_instance_key: number;
  job_key: number | null;
  error_type: string;
  error_message: string;
  creation_time: number;
  state: string;
  tenant_id: string;
}

const SORTABLE = {
  incidentKey: 't.key',
  processDefinitionKey: 't.process_definition_key',
  processDefinitionId: 't.process_definition_id',
  processInstanceKey: 't.process_instance_key',
  errorType: 't.error_type',
  errorMessage: 't.error_message',
  elementId: 't.element_id',
  elementInstanceKey: 't.element_instance_key',
  creationTime: 't.creation_time',
  state: 't.state',
  jobKey: { column: 't.job_key', nullable: true },
  tenantId: 't.tenant_id',
} as const;

function toItem(r: IncidentRow): IncidentItem {
  return defined({
    processDefinitionId: r.process_definition_id,
    errorType: r.error_type,
    errorMessage: r.error_message,
    elementId: r.element_id,
    creationTime: isoDate(r.creation_time),
    state: r.state,
    tenantId: r.tenant_id,
    incidentKey: keyString(r.key),
    processDefinitionKey: keyString(r.process_definition_key),
    processInstanceKey: keyString(r.process_instance_key),
    elementInstanceKey: keyString(r.element_instance_key),
    jobKey: keyString(r.job_key),
  });
}

export class IncidentQueries {
  constructor(private readonly db: Database.Database) {}

  search(filter: IncidentFilter = {}, sort?: SortRequest[], page?: PageRequest): SearchResult<IncidentItem> {
    const w = new Where()
      .property('t.process_definition_id', 'string', filter.processDefinitionId)
      .property('t.error_type', 'string', filter.errorType)
      .property('t.error_message', 'string', filter.errorMessage)
      .property('t.element_id', 'string', filter.elementId)
      .property('t.creation_time', 'date', filter.creationTime)
      .property('t.state', 'string', filter.state)
      .property('t.tenant_id', 'string', filter.tenantId)
      .property('t.key', 'key', filter.incidentKey)
      .property('t.process_definition_key', 'key', filter.processDefinitionKey)
      .property('t.process_instance_key', 'key', filter.processInstanceKey)
      .property('t.element_instance_key', 'key', filter.elementInstanceKey)
      .property('t.job_key', 'key', filter.jobKey);
    return search<IncidentRow, IncidentItem>({
      db: this.db,
      from: 'incidents t',
      where: w,
      sortable: SORTABLE,
      keyColumn: 't.key',
      sort,
      page,
      map: toItem,
    });
  }

  get(key: number): IncidentItem | undefined {
    const r = this.db.prepare('SELECT * FROM incidents WHERE key = ?').get(key) as IncidentRow | undefined;
    return r && toItem(r);
  }
}
