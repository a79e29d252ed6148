// One poller per deployed process version, shared by every viewer: it asks the engine for the element
// statistics every POLL_MS, and when they change (or every FULL_MS, so deadlines passing and moves that
// leave the counts equal are caught) it takes a full snapshot. Viewers are grouped by unit scope; each group's
// badges are computed once per snapshot, diffed against what the group last got, and only the changed
// elements are pushed. The poller stops when nobody has watched for LINGER_MS.
import type { EngineApi } from '../engine/client';
import { elementStatistics } from '../monitor/engine-reads';
import { engineNow } from './engine-clock';
import {
  countsFor,
  scopeKeyOf,
  takeSnapshot,
  type ElementCounts,
  type ScopeFilter,
  type Snapshot,
} from './snapshot';

export const timing = { POLL_MS: 150, FULL_MS: 2000, LINGER_MS: 30_000 };

export interface LiveEvent {
  id: string;
  full: boolean;
  elements: Record<string, ElementCounts | null>;
  engineNow: number;
}

export type Listener = (event: LiveEvent) => void;

interface Group {
  scope: ScopeFilter;
  state: Record<string, ElementCounts>;
  /** The snapshot sequence at which this group's state last changed (or the group was made). */
  changedAt: number;
  listeners: Set<Listener>;
}

const same = (a: ElementCounts | undefined, b: ElementCounts | undefined) =>
  (a?.active ?? 0) === (b?.active ?? 0) &&
  (a?.incidents ?? 0) === (b?.incidents ?? 0) &&
  (a?.overdue ?? 0) === (b?.overdue ?? 0) &&
  a?.completed === b?.completed;

export class LivePoller {
  private seq = 0;
  private snapshot?: Snapshot;
  private statsSig = '';
  private lastFull = 0;
  /** How long the last snapshot took, ms. */
  private lastCost = 0;
  private timer?: NodeJS.Timeout;
  private running = false;
  private lastUse = Date.now();
  private first?: Promise<Snapshot>;
  private readonly groups = new Map<string, Group>();
  /** Statistics polls made (the cost that does not grow with viewers). */
  polls = 0;
  /** Failures in a row (engine unreachable): the poller keeps trying, viewers keep their last badges. */
  failures = 0;

  constructor(
    private readonly engine: EngineApi,
    readonly def: { processDefinitionKey: string; processDefinitionId: string },
    private readonly epoch: string,
    private readonly unitCodes: () => Promise<ReadonlySet<string>>,
    private readonly onIdle: () => void,
  ) {}

  eventId(seq = this.seq): string {
    return `${this.epoch}.${seq}`;
  }

  /** The current snapshot, waiting for the first poll when the poller has just started. */
  async current(): Promise<Snapshot> {
    this.lastUse = Date.now();
    this.start();
    if (this.snapshot) return this.snapshot;
    return (this.first ??= new Promise<Snapshot>((resolve, reject) => {
      const check = setInterval(() => {
        if (this.snapshot) {
          clearInterval(check);
          resolve(this.snapshot);
        } else if (this.failures >= 3) {
          clearInterval(check);
          this.first = undefined;
          reject(new Error('engine unavailable'));
        }
      }, 20);
    }));
  }

  /**
   * Adds a viewer. With the id of the last event it saw (Last-Event-ID), a viewer whose scope has not
   * changed since gets nothing; otherwise it first gets the whole state of its scope.
   */
  async subscribe(scope: ScopeFilter, listener: Listener, lastEventId?: string): Promise<() => void> {
    const snapshot = await this.current();
    const key = scopeKeyOf(scope);
    let group = this.groups.get(key);
    if (!group) {
      group = { scope, state: countsFor(snapshot, scope), changedAt: this.seq, listeners: new Set() };
      this.groups.set(key, group);
    }
    group.listeners.add(listener);
    const seen = this.parseId(lastEventId);
    if (seen === undefined || seen < group.changedAt)
      listener({
        id: this.eventId(),
        full: true,
        elements: { ...group.state },
        engineNow: snapshot.engineNow,
      });
    const g = group;
    return () => {
      g.listeners.delete(listener);
      if (g.listeners.size === 0 && this.groups.get(key) === g) this.groups.delete(key);
      this.lastUse = Date.now();
    };
  }

  get viewerCount(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.listeners.size;
    return n;
  }

  private parseId(id: string | undefined): number | undefined {
    if (!id) return undefined;
    const [epoch, seq] = id.split('.');
    return epoch === this.epoch && /^\d+$/.test(seq ?? '') ? Number(seq) : undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private schedule(ms: number) {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    // Idle, or the engine (or this server) has gone and nobody is watching: stop; the next use restarts it.
    const idle =
      this.viewerCount === 0 && (Date.now() - this.lastUse > timing.LINGER_MS || this.failures >= 3);
    if (idle) {
      this.stop();
      this.onIdle();
      return;
    }
    try {
      this.polls++;
      const stats = await elementStatistics(this.engine, this.def.processDefinitionKey);
      const sig = JSON.stringify(stats);
      // A snapshot costs more the more instances run; spacing them by their cost keeps a large system
      // responsive (with a few hundred instances a snapshot takes tens of milliseconds and follows at once).
      const since = Date.now() - this.lastFull;
      const changed = sig !== this.statsSig && since >= this.lastCost;
      const due = since >= Math.max(timing.FULL_MS, 5 * this.lastCost);
      if (!this.snapshot || changed || due) {
        const began = Date.now();
        const now = await engineNow(this.engine);
        const snapshot = await takeSnapshot(this.engine, this.def, stats, await this.unitCodes(), now);
        this.statsSig = sig;
        this.lastFull = Date.now();
        this.lastCost = this.lastFull - began;
        this.publish(snapshot);
      }
      this.failures = 0;
    } catch {
      this.failures++;
    }
    // An unreachable engine is asked again less often.
    this.schedule(this.failures ? Math.min(2000, timing.POLL_MS * 2 ** this.failures) : timing.POLL_MS);
  }

  private publish(snapshot: Snapshot) {
    const seq = this.seq + 1;
    let anyChange = !this.snapshot;
    const events: [Group, LiveEvent][] = [];
    for (const group of this.groups.values()) {
      const next = countsFor(snapshot, group.scope);
      const changed: Record<string, ElementCounts | null> = {};
      for (const id of new Set([...Object.keys(next), ...Object.keys(group.state)]))
        if (!same(next[id], group.state[id])) changed[id] = next[id] ?? null;
      if (Object.keys(changed).length === 0) continue;
      group.state = next;
      group.changedAt = seq;
      events.push([
        group,
        { id: this.eventId(seq), full: false, elements: changed, engineNow: snapshot.engineNow },
      ]);
    }
    if (events.length || anyChange || this.itemsChanged(snapshot)) anyChange = true;
    this.snapshot = snapshot;
    if (!anyChange) return;
    this.seq = seq;
    for (const [group, event] of events) for (const l of group.listeners) l(event);
  }

  private itemsChanged(next: Snapshot): boolean {
    const prev = this.snapshot;
    if (!prev || prev.items.length !== next.items.length) return true;
    for (let i = 0; i < next.items.length; i++) {
      const a = prev.items[i]!;
      const b = next.items[i]!;
      if (a.key !== b.key || a.incident !== b.incident || a.overdue !== b.overdue) return true;
    }
    return false;
  }
}
