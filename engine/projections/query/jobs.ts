// Jobs: POST /v2/jobs/search (Camunda 8.8 filter, sort and page shapes).
import type Database from 'better-sqlite3';
import { Where, type FilterProperty } from './filters';
import { search, type PageRequest, type SearchResult, type SortRequest } from './search';
import { defined, isoDate, keyString } from './values';

export interface JobFilter {
  deadline?: FilterProperty<string> | null;
  deniedReason?: FilterProperty<string>;
  elementId?: FilterProperty<string>;
  elementInstanceKey?: FilterProperty<string>;
  endTime?: FilterProperty<string>;
  errorCode?: FilterProperty<string>;
  errorMessage?: FilterProperty<string>;
  hasFailedWithRetriesLeft?: boolean;
  isDenied?: boolean | null;
  jobKey?: FilterProperty<string>;
  kind?: FilterProperty<string>;
  listenerEventType?: FilterProperty<string>;
  processDefinitionId?: FilterProperty<string>;
  processDefinitionKey?: FilterProperty<string>;
  processInstanceKey?: FilterProperty<string>;
  retries?: FilterProperty<number>;
  state?: FilterProperty<string>;
  tenantId?: FilterProperty<string>;
  type?: FilterProperty<string>;
  worker?: FilterProperty<string>;
}

export interface JobItem {
  customHeaders: Record<string, string>;
  deadline?: string | null;
  deniedReason?: string | null;
  elementId: string;
  elementInstanceKey: string;
  endTime?: string;
  errorCode?: string | null;
  errorMessage?: string | null;
  hasFailedWithRetriesLeft: boolean;
  isDenied?: boolean | null;
  jobKey: string;
  kind: string;
  listenerEventType: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  retries: number;
  state: string;
  tenantId: string;
  type: string;
  worker: string;
}

interface JobRow {
  key: number;
  type: string;
  worker: string;
  state: string;
  kind: string;
  listener_event_type: string;
  retries: number;
  error_message: string | null;
  error_code: string | null;
  deadline: number | null;
  end_time: number | null;
  failed_with_retries_left: number;
  is_denied: number | null;
  denied_reason: string | null;
  custom_headers: string;
  element_id: string;
  element_instance_key: number;
  process_instance_key: number;
  process_definition_key: number;
  process_definition_id: string;
  tenant_id: string;
}

const SORTABLE = {
  deadline: { column: 't.deadline', nullable: true },
  deniedReason: { column: 't.denied_reason', nullable: true },
  elementId: 't.element_id',
  elementInstanceKey: 't.element_instance_key',
  endTime: { column: 't.end_time', nullable: true },
  errorCode: { column: 't.error_code', nullable: true },
  errorMessage: { column: 't.error_message', nullable: true },
  isDenied: { column: 't.is_denied', nullable: true },
  jobKey: 't.key',
  kind: 't.kind',
  listenerEventType: 't.listener_event_type',
  processDefinitionId: 't.process_definition_id',
  processDefinitionKey: 't.process_definition_key',
  processInstanceKey: 't.process_instance_key',
  retries: 't.retries',
  state: 't.state',
  tenantId: 't.tenant_id',
  type: 't.type',
  worker: 't.worker',
} as const;

function toItem(r: JobRow): JobItem {
  return defined({
    customHeaders: JSON.parse(r.custom_headers) as Record<string, string>,
    deadline: r.deadline === null ? null : isoDate(r.deadline),
    deniedReason: r.denied_reason,
    elementId: r.element_id,
    elementInstanceKey: keyString(r.element_instance_key),
    endTime: r.end_time === null ? undefined : isoDate(r.end_time),
    errorCode: r.error_code,
    errorMessage: r.error_message,
    hasFailedWithRetriesLeft: r.failed_with_retries_left === 1,
    isDenied: r.is_denied === null ? null : r.is_denied === 1,
    jobKey: keyString(r.key),
    kind: r.kind,
    listenerEventType: r.listener_event_type,
    processDefinitionId: r.process_definition_id,
    processDefinitionKey: keyString(r.process_definition_key),
    processInstanceKey: keyString(r.process_instance_key),
    retries: r.retries,
    state: r.state,
    tenantId: r.tenant_id,
    type: r.type,
    worker: r.worker,
  }) as JobItem;
}

export class JobQueries {
  constructor(private readonly db: Database.Database) {}

  search(filter: JobFilter = {}, sort?: SortRequest[], page?: PageRequest): SearchResult<JobItem> {
    const w = new Where()
      .property('t.element_id', 'string', filter.elementId)
      .property('t.element_instance_key', 'key', filter.elementInstanceKey)
      .property('t.end_time', 'date', filter.endTime)
      .property('t.error_code', 'string', filter.errorCode)
      .property('t.error_message', 'string', filter.errorMessage)
      .property('t.key', 'key', filter.jobKey)
      .property('t.kind', 'string', filter.kind)
      .property('t.listener_event_type', 'string', filter.listenerEventType)
      .property('t.process_definition_id', 'string', filter.processDefinitionId)
      .property('t.process_definition_key', 'key', filter.processDefinitionKey)
      .property('t.process_instance_key', 'key', filter.processInstanceKey)
      .property('t.retries', 'int', filter.retries)
      .property('t.state', 'string', filter.state)
      .property('t.tenant_id', 'string', filter.tenantId)
      .property('t.type', 'string', filter.type)
      .property('t.worker', 'string', filter.worker)
      .property('t.denied_reason', 'string', filter.deniedReason);
    if (filter.deadline === null) w.add('t.deadline IS NULL');
    else w.property('t.deadline', 'date', filter.deadline);
    if (filter.hasFailedWithRetriesLeft !== undefined)
      w.add(`t.failed_with_retries_left = ${filter.hasFailedWithRetriesLeft ? 1 : 0}`);
    // Only task listener jobs have a verdict: `false` matches approving listeners, not every job.
    if (filter.isDenied === true) w.add('t.is_denied = 1');
    else if (filter.isDenied === false) w.add('t.is_denied = 0');
    return search<JobRow, JobItem>({
      db: this.db,
      from: 'jobs t',
      where: w,
      sortable: SORTABLE,
      keyColumn: 't.key',
      sort,
      page,
      map: toItem,
    });
  }
}
