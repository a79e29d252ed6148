// A min-heap of (due date, key) for everything that falls due: timers, job deadlines and
// back-offs, message TTLs. Removal is lazy: callers confirm an entry still holds when it pops.

export class DueIndex {
  private heap: { due: number; key: number }[] = [];

  add(due: number, key: number): void {
    const h = this.heap;
    h.push({ due, key });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].due <= h[i].due) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  peek(): { due: number; key: number } | undefined {
    return this.heap[0];
  }

  pop(): { due: number; key: number } | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].due < h[m].due) m = l;
        if (r < h.length && h[r].due < h[m].due) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }

  clear(): void {
    this.heap = [];
  }

  get size(): number {
    return this.heap.length;
  }
}

/**
 * Entries due at or before `now`, for which `stillDue(key, due)` confirms the entry is current.
 * Stale entries (entity gone or rescheduled) are dropped on the way.
 */
export function takeDue(
  index: DueIndex,
  now: number,
  stillDue: (key: number, due: number) => boolean,
  limit = Infinity,
): number[] {
  const out: number[] = [];
  while (out.length < limit) {
    const top = index.peek();
    if (!top || top.due > now) break;
    index.pop();
    if (stillDue(top.key, top.due)) out.push(top.key);
  }
  return out;
}

/** The next due date that is still current, or undefined. */
export function nextDue(
  index: DueIndex,
  stillDue: (key: number, due: number) => boolean,
): number | undefined {
  for (;;) {
    const top = index.peek();
    if (!top) return undefined;
    if (stillDue(top.key, top.due)) return top.due;
    index.pop();
  }
}
