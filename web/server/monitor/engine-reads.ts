// The monitor's reads from the engine through the typed REST v2 client: definitions and their XML, element
// statistics, element instances, user tasks, variables, incidents and sequence flows — each shaped to the
// few fields the pages use. Reads ask for no eventual-consistency wait (the embedded engine is current).
import type { EngineApi } from '../engine/client';
import { engineCall, now, parseValue } from '../tasks/engine-calls';

export interface DefinitionRef {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string;
  version: number;
}

export interface ElementStat {
  elementId: string;
  active: number;
  canceled: number;
  incidents: number;
  completed: number;
}

export interface ElementInstance {
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  elementId: string;
  elementName?: string;
  type: string;
  state: string;
  startDate: string;
  endDate?: string;
  hasIncident?: boolean;
  incidentKey?: string;
}

export interface UserTaskRow {
  userTaskKey: string;
  elementInstanceKey: string;
  processInstanceKey: string;
  candidateGroups?: string[];
  assignee?: string;
  dueDate?: string;
}

export interface VariableRow {
  name: string;
  value: unknown;
  scopeKey: string;
  processInstanceKey: string;
}

type Page<T> = { items: T[]; page: { totalItems: number } };
const MAX_PAGE = 10_000;

async function call<T>(fn: () => Promise<unknown>, notFound?: string): Promise<T> {
  return (await engineCall(fn, notFound)) as T;
}

export async function definitions(engine: EngineApi, processId: string): Promise<DefinitionRef[]> {
  const res = await call<Page<DefinitionRef>>(() =>
    engine.searchProcessDefinitions(
      {
        filter: { processDefinitionId: processId },
        sort: [{ field: 'version', order: 'DESC' }],
        page: { limit: 100 },
      } as never,
      now as never,
    ),
  );
  return res.items;
}

export async function definitionXml(engine: EngineApi, key: string): Promise<string> {
  return String(
    await call(
      () => engine.getProcessDefinitionXml({ processDefinitionKey: key } as never, now as never),
      '未找到该流程版本',
    ),
  );
}

export async function elementStatistics(engine: EngineApi, key: string): Promise<ElementStat[]> {
  const res = await call<{ items: ElementStat[] }>(() =>
    engine.getProcessDefinitionStatistics({ processDefinitionKey: key } as never, now as never),
  );
  return res.items;
}

/** How many times each element of one instance is active, completed, canceled or in an incident. */
export async function instanceStatistics(engine: EngineApi, key: string): Promise<ElementStat[]> {
  const res = await call<{ items?: ElementStat[] }>(() =>
    engine.getProcessInstanceStatistics({ processInstanceKey: key } as never, now as never),
  );
  return res.items ?? [];
}

/** Every element instance matching the filter, page by page (the API caps a page at 10,000). */
export async function elementInstances(
  engine: EngineApi,
  filter: Record<string, unknown>,
  options: { sort?: unknown[]; max?: number } = {},
): Promise<ElementInstance[]> {
  const max = options.max ?? 100_000;
  const out: ElementInstance[] = [];
  for (let from = 0; from < max; from += MAX_PAGE) {
    const res = await call<Page<ElementInstance>>(() =>
      engine.searchElementInstances(
        { filter, sort: options.sort, page: { from, limit: Math.min(MAX_PAGE, max - from) } } as never,
        now as never,
      ),
    );
    out.push(...res.items);
    if (res.items.length < MAX_PAGE || out.length >= res.page.totalItems) break;
  }
  return out;
}

export async function openUserTasks(
  engine: EngineApi,
  filter: Record<string, unknown>,
): Promise<UserTaskRow[]> {
  const out: UserTaskRow[] = [];
  for (let from = 0; ; from += MAX_PAGE) {
    const res = await call<Page<UserTaskRow>>(() =>
      engine.searchUserTasks(
        { filter: { ...filter, state: 'CREATED' }, page: { from, limit: MAX_PAGE } } as never,
        now as never,
      ),
    );
    out.push(...res.items);
    if (res.items.length < MAX_PAGE) return out;
  }
}

/** The named variables of the given instances (values parsed from JSON), in chunks of 1,000 instances. */
export async function variablesOf(
  engine: EngineApi,
  instanceKeys: readonly string[],
  names?: readonly string[],
): Promise<VariableRow[]> {
  const out: VariableRow[] = [];
  for (let i = 0; i < instanceKeys.length; i += 1000) {
    const keys = instanceKeys.slice(i, i + 1000);
    for (let from = 0; ; from += MAX_PAGE) {
      const res = await call<Page<VariableRow>>(() =>
        engine.searchVariables(
          {
            filter: {
              processInstanceKey: { $in: keys },
              ...(names ? { name: { $in: [...names] } } : {}),
            },
            page: { from, limit: MAX_PAGE },
            truncateValues: false,
          } as never,
          now as never,
        ),
      );
      for (const v of res.items) out.push({ ...v, value: parseValue(v.value) });
      if (res.items.length < MAX_PAGE) break;
    }
  }
  return out;
}

export async function countInstances(engine: EngineApi, filter: Record<string, unknown>): Promise<number> {
  const res = await call<Page<unknown>>(() =>
    engine.searchProcessInstances({ filter, page: { limit: 1 } } as never, now as never),
  );
  return res.page.totalItems;
}
