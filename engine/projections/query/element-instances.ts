// Element instances (active and finished, with their incident flag) and the per-element
// statistics of a definition or of one instance — the numbers on a live diagram.
import type Database from 'better-sqlite3';
import { Where, type FilterProperty } from './filters';
import { search, type PageRequest, type SearchResult, type SortRequest } from './search';
import { defined, isoDate, keyString } from './values';
import { instanceWhere, type BaseProcessInstanceFilter } from './process-instances';

export interface ElementInstanceFilter {
  processDefinitionId?: string;
  state?: FilterProperty<string>;
  type?: string;
  elementId?: string;
  elementName?: string;
  hasIncident?: boolean;
  tenantId?: string;
  elementInstanceKey?: string;
  processInstanceKey?: string;
  processDefinitionKey?: string;
  incidentKey?: string;
  startDate?: FilterProperty<string>;
  endDate?: FilterProperty<string>;
  elementInstanceScopeKey?: string;
}

export interface ElementInstanceItem {
  processDefinitionId: string;
  startDate: string;
  endDate?: string;
  elementId: string;
  elementName: string;
  type: string;
  state: string;
  hasIncident: boolean;
  tenantId: string;
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  incidentKey?: string;
}

export interface ElementStatistics {
  elementId: string;
  active: number;
  canceled: number;
  incidents: number;
  completed: number;
}

export interface StatisticsFilter extends BaseProcessInstanceFilter {
  $or?: BaseProcessInstanceFilter[];
}

interface ElementRow {
  key: number;
  process_instance_key: number;
  process_definition_key: number;
  process_definition_id: string;
  element_id: string;
  element_name: string;
  type: string;
  state: string;
  start_date: number;
  end_date: number | null;
  incident_key: number | null;
  incidents: number;
  tenant_id: string;
}

const SORTABLE = {
  elementInstanceKey: 't.key',
  processInstanceKey: 't.process_instance_key',
  processDefinitionKey: 't.process_definition_key',
  processDefinitionId: 't.process_definition_id',
  startDate: 't.start_date',
  endDate: { column: 't.end_date', nullable: true },
  elementId: 't.element_id',
  elementName: 't.element_name',
  type: 't.type',
  state: 't.state',
  incidentKey: { column: 't.incident_key', nullable: true },
  tenantId: 't.tenant_id',
} as const;

function toItem(r: ElementRow): ElementInstanceItem {
  return defined({
    processDefinitionId: r.process_definition_id,
    startDate: isoDate(r.start_date),
    endDate: isoDate(r.end_date),
    elementId: r.element_id,
    elementName: r.element_name || r.element_id,
    type: r.type,
    state: r.state,
    hasIncident: r.incidents > 0,
    tenantId: r.tenant_id,
    elementInstanceKey: keyString(r.key),
    processInstanceKey: keyString(r.process_instance_key),
    processDefinitionKey: keyString(r.process_definition_key),
    incidentKey: keyString(r.incident_key),
  });
}

/** The counters per element over element instances under alias `e`. */
const STATISTICS_COLUMNS = `e.element_id AS elementId,
  SUM(e.state = 'ACTIVE' AND e.incidents = 0) AS active, SUM(e.state = 'TERMINATED') AS canceled,
  SUM(e.state = 'ACTIVE' AND e.incidents > 0) AS incidents, SUM(e.state = 'COMPLETED') AS completed`;

export class ElementInstanceQueries {
  constructor(private readonly db: Database.Database) {}

  search(
    filter: ElementInstanceFilter = {},
    sort?: SortRequest[],
    page?: PageRequest,
  ): SearchResult<ElementInstanceItem> {
    const w = new Where()
      .property('t.process_definition_id', 'string', filter.processDefinitionId)
      .property('t.state', 'string', filter.state)
      .property('t.type', 'string', filter.type)
      .property('t.element_id', 'string', filter.elementId)
      .property('t.element_name', 'string', filter.elementName)
      .property('t.tenant_id', 'string', filter.tenantId)
      .property('t.key', 'key', filter.elementInstanceKey)
      .property('t.process_instance_key', 'key', filter.processInstanceKey)
      .property('t.process_definition_key', 'key', filter.processDefinitionKey)
      .property('t.incident_key', 'key', filter.incidentKey)
      .property('t.start_date', 'date', filter.startDate)
      .property('t.end_date', 'date', filter.endDate)
      .property('t.flow_scope_key', 'key', filter.elementInstanceScopeKey);
    if (filter.hasIncident !== undefined) w.add(filter.hasIncident ? 't.incidents > 0' : 't.incidents = 0');
    return search<ElementRow, ElementInstanceItem>({
      db: this.db,
      from: 'element_instances t',
      where: w,
      sortable: SORTABLE,
      keyColumn: 't.key',
      sort,
      page,
      map: toItem,
    });
  }

  get(key: number): ElementInstanceItem | undefined {
    const r = this.db.prepare('SELECT * FROM element_instances WHERE key = ?').get(key) as
      ElementRow | undefined;
    return r && toItem(r);
  }

  /**
   * Per element of a definition: active (without incident), completed, canceled, with incident.
   * Unfiltered, the counters kept with the stream answer; a filter narrows the instances counted.
   */
  definitionStatistics(definitionKey: number, filter: StatisticsFilter = {}): ElementStatistics[] {
    const filtered = Object.keys(filter).length > 0;
    if (!filtered) {
      return this.db
        .prepare(
          `SELECT element_id AS elementId, active, canceled, incidents, completed FROM element_statistics
           WHERE process_definition_key = ? AND (active + canceled + incidents + completed) > 0
           ORDER BY element_id`,
        )
        .all(definitionKey) as ElementStatistics[];
    }
    // The instances that pass the filter drive the join (CROSS JOIN keeps that order), each
    // reaching its element instances by index: cost follows the instances counted, not history.
    const w = instanceWhere(filter).add('t.process_definition_key = ?', definitionKey);
    return this.db
      .prepare(
        `SELECT ${STATISTICS_COLUMNS}
         FROM process_instances t CROSS JOIN element_instances e ON e.process_instance_key = t.key
         ${w.sql}
         GROUP BY e.element_id ORDER BY e.element_id`,
      )
      .all(...w.params) as ElementStatistics[];
  }

  instanceStatistics(processInstanceKey: number): ElementStatistics[] {
    return this.db
      .prepare(
        `SELECT ${STATISTICS_COLUMNS} FROM element_instances e
         WHERE e.process_instance_key = ? AND (e.type != 'MULTI_INSTANCE_BODY' OR e.incidents > 0)
         GROUP BY e.element_id ORDER BY e.element_id`,
      )
      .all(processInstanceKey) as ElementStatistics[];
  }
}
