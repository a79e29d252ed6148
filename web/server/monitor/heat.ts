// The heat view: per element, how long its finished instances took (average and p90) in a period, from the
// element history — where the work is slow, at a glance. Shared between viewers for 10 s per period.
import { z } from 'zod';
import type { EngineApi } from '../engine/client';
import { HttpError } from '../http/problem';
import { elementInstances } from './engine-reads';
import { chooseDefinition } from './monitor';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为日期（年-月-日）');
const heatQuery = z.object({ from: day.optional(), to: day.optional(), version: z.unknown().optional() });

const cache = new Map<string, { at: number; value: Promise<unknown> }>();

export async function heat(engine: EngineApi, processId: string, query: unknown) {
  const q = heatQuery.safeParse(query);
  if (!q.success) {
    const issue = q.error.issues[0]!;
    throw new HttpError(400, '输入有误', `${String(issue.path[0])}：${issue.message}`, {
      errors: q.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })),
    });
  }
  const to = q.data.to ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const from =
    q.data.from ?? new Date(Date.parse(`${to}T00:00:00+08:00`) - 29 * 86_400_000).toISOString().slice(0, 10);
  if (from > to)
    throw new HttpError(400, '输入有误', '开始日期不能晚于结束日期', {
      errors: [{ field: 'from', message: '开始日期不能晚于结束日期' }],
    });
  const { def } = await chooseDefinition(engine, processId, q.data.version);
  const key = `${def.processDefinitionKey}|${from}|${to}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < 10_000) return hit.value;
  const value = compute(engine, def.processDefinitionKey, from, to).then((elements) => ({
    from,
    to,
    version: def.version,
    elements,
  }));
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

async function compute(engine: EngineApi, definitionKey: string, from: string, to: string) {
  const finished = await elementInstances(engine, {
    processDefinitionKey: definitionKey,
    state: 'COMPLETED',
    endDate: {
      $gte: new Date(`${from}T00:00:00+08:00`).toISOString(),
      $lt: new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString(),
    },
  });
  const byElement = new Map<string, number[]>();
  for (const e of finished) {
    if (e.type === 'PROCESS' || e.type === 'MULTI_INSTANCE_BODY' || !e.endDate) continue;
    const list = byElement.get(e.elementId) ?? byElement.set(e.elementId, []).get(e.elementId)!;
    list.push(Math.max(0, Date.parse(e.endDate) - Date.parse(e.startDate)));
  }
  const out: Record<string, { count: number; averageMs: number; p90Ms: number }> = {};
  for (const [id, list] of byElement) {
    list.sort((a, b) => a - b);
    const sum = list.reduce((s, x) => s + x, 0);
    out[id] = {
      count: list.length,
      averageMs: Math.round(sum / list.length),
      p90Ms: list[Math.min(list.length - 1, Math.ceil(list.length * 0.9) - 1)]!,
    };
  }
  return out;
}
