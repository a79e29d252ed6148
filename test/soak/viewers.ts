// Live-badge viewers for the soak: each holds GET /api/live/rectification open as a monitor page would and, like a
// tab that is closed and reopened, drops and reopens it (with Last-Event-ID) every minute or so — so a subscriber,
// timer or socket the server failed to release on close would show in the soak's handles and heap.
import type { ApiClient } from '../support/api-client';

export interface ViewerCounts {
  streams: number;
  badgeEvents: number;
}

/** Reads one stream until `untilMs` or its end; returns the last event id seen. Throws on anything but a clean read. */
async function watchOnce(
  c: ApiClient,
  path: string,
  lastEventId: string | undefined,
  untilMs: number,
  counts: ViewerCounts,
): Promise<string | undefined> {
  const controller = new AbortController();
  const headers: Record<string, string> = {
    accept: 'text/event-stream',
    cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await fetch(c.baseUrl + path, { headers, signal: controller.signal });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  counts.streams++;
  const timer = setTimeout(() => controller.abort(), Math.max(0, untilMs - Date.now()));
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let lastId = lastEventId;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`${path}: the server closed the stream`);
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const id = /^id: (.*)$/m.exec(block)?.[1];
        if (event === 'failure') throw new Error(`${path}: ${/^data: (.*)$/m.exec(block)?.[1]}`);
        if (event === 'badges') counts.badgeEvents++;
        if (id) lastId = id;
      }
    }
  } catch (e) {
    if (controller.signal.aborted) return lastId;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

export async function view(
  c: ApiClient,
  stopAt: number,
  counts: ViewerCounts,
  fail: (what: string, e: unknown) => void,
): Promise<void> {
  const path = '/api/live/rectification';
  let lastId: string | undefined;
  while (Date.now() < stopAt) {
    const until = Math.min(stopAt, Date.now() + 45_000 + Math.random() * 30_000);
    try {
      lastId = await watchOnce(c, path, lastId, until, counts);
    } catch (e) {
      fail(`GET ${path}`, e);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
