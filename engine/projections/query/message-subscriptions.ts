// Message subscriptions: POST /v2/message-subscriptions/search (Camunda 8.8 shapes).
import type Database from 'better-sqlite3';
import { Where, type FilterProperty } from './filters';
import { search, type PageRequest, type SearchResult, type SortRequest } from './search';
import { isoDate, keyString } from './values';

export interface MessageSubscriptionFilter {
  messageSubscriptionKey?: FilterProperty<string>;
  processDefinitionId?: FilterProperty<string>;
  processInstanceKey?: FilterProperty<string>;
  elementId?: FilterProperty<string>;
  elementInstanceKey?: FilterProperty<string>;
  messageSubscriptionState?: FilterProperty<string>;
  lastUpdatedDate?: FilterProperty<string>;
  messageName?: FilterProperty<string>;
  correlationKey?: FilterProperty<string>;
  tenantId?: FilterProperty<string>;
}

export interface MessageSubscriptionItem {
  messageSubscriptionKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  messageSubscriptionState: string;
  lastUpdatedDate: string;
  messageName: string;
  correlationKey: string;
  tenantId: string;
}

interface SubscriptionRow {
  key: number;
  process_definition_id: string;
  process_definition_key: number;
  process_instance_key: number;
  element_id: string;
  element_instance_key: number;
  state: string;
  last_updated_date: number;
  message_name: string;
  correlation_key: string;
  tenant_id: string;
}

const SORTABLE = {
  messageSubscriptionKey: 't.key',
  processDefinitionId: 't.process_definition_id',
  processInstanceKey: 't.process_instance_key',
  elementId: 't.element_id',
  elementInstanceKey: 't.element_instance_key',
  messageSubscriptionState: 't.state',
  lastUpdatedDate: 't.last_updated_date',
  messageName: 't.message_name',
  correlationKey: 't.correlation_key',
  tenantId: 't.tenant_id',
} as const;

function toItem(r: SubscriptionRow): MessageSubscriptionItem {
  return {
    messageSubscriptionKey: keyString(r.key),
    processDefinitionId: r.process_definition_id,
    processDefinitionKey: keyString(r.process_definition_key),
    processInstanceKey: keyString(r.process_instance_key),
    elementId: r.element_id,
    elementInstanceKey: keyString(r.element_instance_key),
    messageSubscriptionState: r.state,
    lastUpdatedDate: isoDate(r.last_updated_date),
    messageName: r.message_name,
    correlationKey: r.correlation_key,
    tenantId: r.tenant_id,
  };
}

export class MessageSubscriptionQueries {
  constructor(private readonly db: Database.Database) {}

  search(
    filter: MessageSubscriptionFilter = {},
    sort?: SortRequest[],
    page?: PageRequest,
  ): SearchResult<MessageSubscriptionItem> {
    const w = new Where()
      .property('t.key', 'key', filter.messageSubscriptionKey)
      .property('t.process_definition_id', 'string', filter.processDefinitionId)
      .property('t.process_instance_key', 'key', filter.processInstanceKey)
      .property('t.element_id', 'string', filter.elementId)
      .property('t.element_instance_key', 'key', filter.elementInstanceKey)
      .property('t.state', 'string', filter.messageSubscriptionState)
      .property('t.last_updated_date', 'date', filter.lastUpdatedDate)
      .property('t.message_name', 'string', filter.messageName)
      .property('t.correlation_key', 'string', filter.correlationKey)
      .property('t.tenant_id', 'string', filter.tenantId);
    return search<SubscriptionRow, MessageSubscriptionItem>({
      db: this.db,
      from: 'message_subscriptions t',
      where: w,
      sortable: SORTABLE,
      keyColumn: 't.key',
      sort,
      page,
      map: toItem,
    });
  }
}
