// The engine's notion of "now", for the overdue rule. The REST API v2 can pin the clock (PUT /v2/clock) but has
// no read, so the web reads it off the engine's own records: the newest element instance's start is stamped by
// the engine clock. Now = the later of that and the server's clock — equal to the server's clock in
// production, and a pinned test clock counts as soon as the engine has done anything at the pinned time
// (a pinned clock fires the timers that fall due, and those stamp their elements).
import type { EngineApi } from '../engine/client';
import { elementInstances } from '../monitor/engine-reads';

const MAX_AGE_MS = 500;

interface Reading {
  at: number;
  newest: number;
  pending?: Promise<number>;
}

const readings = new WeakMap<EngineApi, Reading>();

export async function engineNow(engine: EngineApi): Promise<number> {
  let r = readings.get(engine);
  if (!r) readings.set(engine, (r = { at: 0, newest: 0 }));
  const reading = r;
  if (Date.now() - reading.at > MAX_AGE_MS) {
    reading.pending ??= elementInstances(
      engine,
      {},
      { sort: [{ field: 'startDate', order: 'DESC' }], max: 1 },
    )
      .then((items) => {
        reading.newest = items[0] ? Date.parse(items[0].startDate) : 0;
        reading.at = Date.now();
        return reading.newest;
      })
      .finally(() => (reading.pending = undefined));
    await reading.pending;
  }
  return Math.max(Date.now(), reading.newest);
}
