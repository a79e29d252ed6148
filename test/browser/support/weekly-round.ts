// A past week's weekly round run to its end through the real engine and workers, for the 补报 pages: the week is
// published as the schedule publishes it, the workers open it (a report per unit, no due time — the week is
// past) and, the engine clock pinned just past the cut-off the model waits for, every unit that sent nothing is
// marked 未报 and the week is consolidated. The clock goes back afterwards.
import { DateTime } from 'luxon';
import { storedConsolidation } from '../../../domain/weekly-reports/summaries';
import type { BootedSystem } from './system';

/** The ISO week before the current one, in Asia/Shanghai. */
export function lastWeek(now = new Date()): string {
  return DateTime.fromJSDate(now, { zone: 'Asia/Shanghai' }).minus({ weeks: 1 }).toFormat("kkkk-'W'WW");
}

/** Polls until `probe` answers something. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function closePastWeek(booted: BootedSystem, isoWeek: string): Promise<void> {
  const db = booted.system.database.db;
  const summary = await db.weeklySummary.findUnique({ where: { isoWeek } });
  if (summary && storedConsolidation(summary)) return;
  const rest = `${booted.system.engine!.restAddress!}/v2`;
  const headers = { 'content-type': 'application/json', authorization: booted.system.engineAuthorization! };
  const call = async (path: string, body: unknown = {}) => {
    const res = await fetch(rest + path, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`engine ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : ((await res.json()) as unknown);
  };
  await call('/messages/publication', {
    name: 'weekly-report-due',
    correlationKey: isoWeek,
    messageId: isoWeek,
    timeToLive: 3_600_000,
    variables: { isoWeek },
  });
  // openWeek completes with closesAt: the cut-off the model's timer waits for.
  const closesAt = await until('the week opened', async () => {
    const found = (await call('/variables/search', { filter: { name: 'closesAt' } })) as {
      items: { value: string; processInstanceKey: string }[];
    };
    const open = await db.weeklySummary.findUnique({ where: { isoWeek } });
    const item = found.items.find((v) => v.processInstanceKey === open?.processInstanceKey);
    return item ? (JSON.parse(item.value) as string) : undefined;
  });
  const pin = await fetch(`${rest}/clock`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ timestamp: Date.parse(closesAt) + 1_000 }),
  });
  if (!pin.ok) throw new Error(`pinning the engine clock: ${pin.status} ${await pin.text()}`);
  try {
    await until('the week consolidated', async () => {
      const s = await db.weeklySummary.findUnique({ where: { isoWeek } });
      return s && storedConsolidation(s) ? s : undefined;
    });
  } finally {
    await call('/clock/reset');
  }
}
