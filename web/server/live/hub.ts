// The live pollers of one web server: one per deployed process version, made on first use and dropped when
// idle, whatever the number of viewers. Also knows the member units' codes (for telling unit candidate
// groups from `coordinators` and `leaders`).
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../domain/db/client';
import type { EngineApi } from '../engine/client';
import { LivePoller } from './poller';

export class LiveHub {
  readonly epoch = randomBytes(4).toString('hex');
  private readonly pollers = new Map<string, LivePoller>();
  private units?: { at: number; codes: ReadonlySet<string> };

  constructor(
    private readonly db: Db,
    readonly engine: EngineApi,
  ) {}

  poller(def: { processDefinitionKey: string; processDefinitionId: string }): LivePoller {
    let p = this.pollers.get(def.processDefinitionKey);
    if (!p) {
      const created = new LivePoller(
        this.engine,
        def,
        this.epoch,
        () => this.unitCodes(),
        () => {
          if (this.pollers.get(def.processDefinitionKey) === created)
            this.pollers.delete(def.processDefinitionKey);
        },
      );
      this.pollers.set(def.processDefinitionKey, (p = created));
    }
    return p;
  }

  async unitCodes(): Promise<ReadonlySet<string>> {
    if (!this.units || Date.now() - this.units.at > 60_000) {
      const rows = await this.db.unit.findMany({ select: { code: true } });
      this.units = { at: Date.now(), codes: new Set(rows.map((r) => r.code)) };
    }
    return this.units.codes;
  }

  stop(): void {
    for (const p of this.pollers.values()) p.stop();
    this.pollers.clear();
  }
}

const hubs = new WeakMap<object, LiveHub>();

/** The hub of a web server (keyed by its context), made on first use. */
export function hubOf(ctx: { db: Db; engine?: EngineApi }): LiveHub | undefined {
  if (!ctx.engine) return undefined;
  let hub = hubs.get(ctx);
  if (!hub) hubs.set(ctx, (hub = new LiveHub(ctx.db, ctx.engine)));
  return hub;
}
