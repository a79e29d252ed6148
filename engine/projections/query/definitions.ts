// Deployed process definitions and forms: search, get by key, the BPMN XML, linked forms.
import type Database from 'better-sqlite3';
import { Where, type FilterProperty } from './filters';
import { search, type PageRequest, type SearchResult, type SortRequest } from './search';
import { defined, keyString } from './values';

export interface ProcessDefinitionFilter {
  name?: FilterProperty<string>;
  isLatestVersion?: boolean;
  resourceName?: string;
  version?: number;
  versionTag?: string;
  processDefinitionId?: FilterProperty<string>;
  tenantId?: string;
  processDefinitionKey?: string;
  hasStartForm?: boolean;
}

export interface ProcessDefinitionItem {
  name?: string;
  resourceName: string;
  version: number;
  versionTag?: string;
  processDefinitionId: string;
  tenantId: string;
  processDefinitionKey: string;
  hasStartForm: boolean;
}

export interface FormItem {
  tenantId: string;
  formId: string;
  schema: Record<string, unknown>;
  version: number;
  formKey: string;
}

interface DefinitionRow {
  key: number;
  process_definition_id: string;
  name: string | null;
  version: number;
  version_tag: string | null;
  resource_name: string;
  tenant_id: string;
  deployment_key: number;
  has_start_form: number;
  start_form_id: string | null;
  resource: string;
}

interface FormRow {
  key: number;
  form_id: string;
  version: number;
  tenant_id: string;
  schema: string;
}

const SORTABLE = {
  processDefinitionKey: 't.key',
  name: { column: 't.name', nullable: true },
  resourceName: 't.resource_name',
  version: 't.version',
  versionTag: { column: 't.version_tag', nullable: true },
  processDefinitionId: 't.process_definition_id',
  tenantId: 't.tenant_id',
} as const;

function toItem(r: DefinitionRow): ProcessDefinitionItem {
  return defined({
    name: r.name ?? undefined,
    resourceName: r.resource_name,
    version: r.version,
    versionTag: r.version_tag ?? undefined,
    processDefinitionId: r.process_definition_id,
    tenantId: r.tenant_id,
    processDefinitionKey: keyString(r.key),
    hasStartForm: r.has_start_form === 1,
  });
}

function toForm(r: FormRow): FormItem {
  let schema: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(r.schema);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      schema = parsed as Record<string, unknown>;
  } catch {
    // a form that is not JSON was rejected at deployment; keep the empty schema
  }
  return { tenantId: r.tenant_id, formId: r.form_id, schema, version: r.version, formKey: keyString(r.key) };
}

export class DefinitionQueries {
  constructor(private readonly db: Database.Database) {}

  search(
    filter: ProcessDefinitionFilter = {},
    sort?: SortRequest[],
    page?: PageRequest,
  ): SearchResult<ProcessDefinitionItem> {
    const w = new Where()
      .property('t.name', 'string', filter.name)
      .property('t.resource_name', 'string', filter.resourceName)
      .property('t.version', 'int', filter.version)
      .property('t.version_tag', 'string', filter.versionTag)
      .property('t.process_definition_id', 'string', filter.processDefinitionId)
      .property('t.tenant_id', 'string', filter.tenantId)
      .property('t.key', 'key', filter.processDefinitionKey);
    if (filter.isLatestVersion !== undefined)
      w.add(
        `${filter.isLatestVersion ? '' : 'NOT '}t.version = (SELECT MAX(x.version) FROM process_definitions x WHERE x.process_definition_id = t.process_definition_id AND x.tenant_id = t.tenant_id)`,
      );
    if (filter.hasStartForm !== undefined) w.add('t.has_start_form = ?', filter.hasStartForm ? 1 : 0);
    return search<DefinitionRow, ProcessDefinitionItem>({
      db: this.db,
      from: 'process_definitions t',
      where: w,
      sortable: SORTABLE,
      keyColumn: 't.key',
      sort,
      page,
      map: toItem,
    });
  }

  private row(key: number): DefinitionRow | undefined {
    return this.db.prepare('SELECT * FROM process_definitions WHERE key = ?').get(key) as
      DefinitionRow | undefined;
  }

  get(key: number): ProcessDefinitionItem | undefined {
    const r = this.row(key);
    return r && toItem(r);
  }

  /** The BPMN XML of the definition. */
  xml(key: number): string | undefined {
    return this.row(key)?.resource;
  }

  form(key: number): FormItem | undefined {
    const r = this.db.prepare('SELECT * FROM forms WHERE key = ?').get(key) as FormRow | undefined;
    return r && toForm(r);
  }

  /** The latest version of the form the definition's start event links by id (read when it was deployed). */
  startForm(key: number): FormItem | undefined {
    const r = this.db
      .prepare(
        `SELECT f.* FROM process_definitions d JOIN forms f ON f.form_id = d.start_form_id
         WHERE d.key = ? ORDER BY f.version DESC LIMIT 1`,
      )
      .get(key);
    return r ? toForm(r as FormRow) : undefined;
  }
}
