// What `npm start` runs, started in-process on ephemeral loopback ports: the database is migrated and seeded, the
// engine answers gRPC and REST, processes/ is deployed, workers, schedule and web run; a restart on the same data
// deploys no new versions; neither start opens last Friday's week (a fresh install); stop() closes every port.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { LogRecord } from '../../domain/log';
import { startSystem, type RunningSystem } from '../../cli/system/start-system';
import { emptyDatabaseUrl, providers } from '../support/databases';

function refused(address: string): Promise<boolean> {
  const [host, port] = [
    address.slice(0, address.lastIndexOf(':')),
    Number(address.slice(address.lastIndexOf(':') + 1)),
  ];
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe.each(providers)('the composed system on %s', (provider) => {
  let dir: string;
  let drop: () => Promise<void>;
  const saved = process.env.DATABASE_URL;

  beforeAll(async () => {
    delete process.env.ZEEBE_GRPC_ADDRESS;
    delete process.env.ZEEBE_ADDRESS;
    delete process.env.SMTP_URL;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-system-'));
    const db = await emptyDatabaseUrl(provider);
    drop = db.drop;
    process.env.DATABASE_URL = db.url;
    process.env.ADMIN_PASSWORD = 'admin-password-for-tests';
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(logs: LogRecord[]): Promise<RunningSystem> {
    return startSystem({
      engineDataDir: path.join(dir, 'engine'),
      grpcPort: 0,
      restPort: 0,
      webPort: 0,
      logOptions: { sink: (r) => logs.push(r) },
    });
  }

  it('starts every part, answers on its ports, and stops cleanly; a restart changes no version', async () => {
    const logs: LogRecord[] = [];
    let system = await start(logs);
    let stopped = false;
    try {
      const health = await fetch(`${system.web.url}/api/health`);
      expect(health.status).toBe(200);
      // The engine serves only the parts of this system: they share a credential made at start.
      const anonymous = await fetch(`${system.engine!.restAddress}/v2/topology`);
      expect(anonymous.status).toBe(401);
      const topology = await fetch(`${system.engine!.restAddress}/v2/topology`, {
        headers: { authorization: system.engineAuthorization! },
      });
      expect(topology.status).toBe(200);
      expect(await system.database.db.unit.count()).toBeGreaterThanOrEqual(5);
      // A fresh install publishes nothing: last Friday's week is not opened late (issue 10, item 10).
      expect(
        logs.some((l) => l.component === 'scheduler' && l.message === 'published weekly-report-due'),
      ).toBe(false);
      const deployed = logs.find((l) => l.message === 'processes deployed')!.fields.versions as string;
      for (const id of ['weekly-report', 'case-coordination', 'petition-reply', 'rectification'])
        expect(deployed).toContain(`${id} v1`);
      expect(system.scheduler.caughtUp?.outcome).toBe('before-install');
      expect(system.workers.runtime.types.length).toBeGreaterThanOrEqual(0);
      expect(logs.filter((l) => l.component === 'zhuanban').map((l) => l.message)).toEqual([
        'database ready',
        'reference data seeded',
        'engine listening',
        'processes deployed',
        'workers running',
        'ready',
      ]);
      const addresses = [
        system.engine!.grpcAddress,
        new URL(system.engine!.restAddress!).host,
        new URL(system.web.url).host,
      ];
      await system.stop();
      stopped = true;
      for (const a of addresses) expect(await refused(a)).toBe(true);

      const again: LogRecord[] = [];
      system = await start(again);
      stopped = false;
      expect(again.find((l) => l.message === 'processes deployed')!.fields.versions).toBe(deployed);
      expect(system.scheduler.caughtUp?.outcome).toBe('before-install');
      expect(again.find((l) => l.message === 'reference data seeded')!.fields.created).toBe(
        'none (up to date)',
      );
    } finally {
      if (!stopped) await system.stop();
    }
  }, 60_000);
});
