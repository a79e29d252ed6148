// The dashboard's answer shared by the leaders who load it. Fifty leaders opening the page at once would
// otherwise count the same year of data fifty times on one event loop; instead one computation per scope is
// served, as the same JSON text, for at most `dashboardTtlMs`. A change made through this process's API drops
// it at once (dataChanged, called by the route wrapper); a change written by another process (the workers
// beside `zhuanban web`) shows within the TTL, which the page states beside the time of the figures.
import type { UnitScope } from '../../../domain/auth/roles';
import type { Db } from '../../../domain/db/client';
import { dashboardPage } from './dashboard-page';

export const dashboardTtlMs = 10_000;

interface Entry {
  at: number;
  version: number;
  json: Promise<string>;
}

const entries = new WeakMap<Db, Map<string, Entry>>();
const versions = new WeakMap<Db, number>();

/** The cache key: the scope a principal sees, so one scope's answer never reaches another. */
export const scopeKey = (scope: UnitScope): string =>
  scope.all ? 'district' : `unit:${scope.unitId ?? 'none'}`;

/** A change was committed: the next load computes the figures afresh. */
export function dataChanged(db: Db): void {
  versions.set(db, (versions.get(db) ?? 0) + 1);
}

/**
 * The page's answer for `scope` as JSON text: computed at most once per TTL and per change, with concurrent
 * requests waiting for the same computation; a failed computation is not kept.
 */
export function sharedDashboard(
  db: Db,
  scope: UnitScope,
  longPendingMonths: number,
  nowMs = Date.now(),
): Promise<string> {
  let byScope = entries.get(db);
  if (!byScope) entries.set(db, (byScope = new Map()));
  const key = scopeKey(scope);
  const version = versions.get(db) ?? 0;
  const hit = byScope.get(key);
  // A clock set back does not keep an answer longer than the TTL.
  const age = hit ? nowMs - hit.at : -1;
  if (hit && hit.version === version && age >= 0 && age < dashboardTtlMs) return hit.json;
  const json = dashboardPage(
    db,
    scope,
    { longPendingMonths, maxAgeMs: dashboardTtlMs },
    new Date(nowMs),
  ).then((answer) => JSON.stringify(answer));
  const entry = { at: nowMs, version, json };
  byScope.set(key, entry);
  json.catch(() => byScope.get(key) === entry && byScope.delete(key));
  return json;
}

/** Drops the shared answers, so the next request computes them afresh (after a bulk load of data). */
export function forgetDashboard(db: Db): void {
  entries.delete(db);
}
