// `zhuanban engine` through the real binary: the ready line with the bound port, loopback by
// default, a clean shutdown with a snapshot on SIGTERM and SIGINT, and clear errors for unknown
// options, a port in use and a data directory another engine holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Camunda8 } from '@camunda8/sdk';
import { sdkConfig } from './support/harness';
import { spawnCli, startEngineProcess, type EngineProcess } from './support/engine-process';

jest.setTimeout(60_000);

let dir: string;
const running: EngineProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-cli-'));
});
afterEach(async () => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) await p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function start(args: string[] = []): Promise<EngineProcess> {
  const p = await startEngineProcess(dir, ['--rest-port', '0', ...args]);
  running.push(p);
  return p;
}

function snapshotCount(): number {
  const db = new Database(join(dir, 'journal.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function topology(address: string) {
  const zeebe = new Camunda8(sdkConfig(address) as never).getZeebeGrpcApiClient();
  try {
    return await zeebe.topology();
  } finally {
    await zeebe.close();
  }
}

/** A port that is taken for as long as the returned server listens. */
async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

describe('zhuanban engine', () => {
  it('prints one ready line with the port it bound on loopback, and serves the Zeebe gateway there', async () => {
    const engine = await start();
    expect(engine.readyLine).toMatch(/^zhuanban engine ready: gRPC 127\.0\.0\.1:\d+\b/);
    expect(engine.port).toBeGreaterThan(0);
    expect(engine.stdout().trim().split('\n')).toEqual([engine.readyLine]);
    const t = await topology(engine.address);
    expect(t.brokers[0].partitions[0]).toMatchObject({ partitionId: 1, role: 'LEADER' });
  });

  it('serves the REST API v2 on the port it names, or none with --rest-port off', async () => {
    const withRest = await start();
    const rest = /, REST (http:\/\/127\.0\.0\.1:\d+),/.exec(withRest.readyLine);
    expect(rest).not.toBeNull();
    const topology = await fetch(`${rest![1]}/v2/topology`);
    expect(topology.status).toBe(200);
    await withRest.kill('SIGTERM');

    const grpcOnly = await startEngineProcess(dir, ['--rest-port', 'off']);
    running.push(grpcOnly);
    expect(grpcOnly.readyLine).not.toContain('REST');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s writes a snapshot, exits with code 0 and starts again from that snapshot',
    async (signal) => {
      const first = await start();
      expect(first.readyLine).toMatch(/recovered 0 element instances from 0 records/);
      await expect(first.kill(signal)).resolves.toEqual({ code: 0, signal: null });
      expect(first.stdout()).toContain(`${signal} received, shutting down`);
      expect(first.stdout()).toContain('stopped (snapshot written)');
      expect(first.stderr()).toBe('');
      expect(snapshotCount()).toBe(1);

      const second = await start();
      expect(second.readyLine).toMatch(/from a snapshot and 0 records/);
    },
  );

  it('rejects an unknown option with exit code 2 and names the options it knows', async () => {
    const p = spawnCli(['engine', '--data', dir, '--grcp-port', '0']);
    await expect(p.exited).resolves.toEqual({ code: 2, signal: null });
    expect(p.stderr()).toContain(
      "zhuanban engine: unknown option '--grcp-port' (known: --data, --grpc-port, --rest-port, --host, --sync, --retention-days, --compact-journal, --verify)",
    );
    expect(p.stdout()).not.toContain('ready');
  });

  it.each([
    [['--grpc-port', 'abc'], "option '--grpc-port' needs a non-negative integer, got 'abc'"],
    [
      ['--rest-port', '80800'],
      "option '--rest-port' must be a port number (0 picks a free one) or 'off', got '80800'",
    ],
    [['--sync', 'sometimes'], "option '--sync' must be full, normal or off, got 'sometimes'"],
  ])('rejects %j with exit code 2', async (args, message) => {
    const p = spawnCli(['engine', '--data', dir, ...args]);
    await expect(p.exited).resolves.toEqual({ code: 2, signal: null });
    expect(p.stderr()).toContain(message);
  });

  it('says which port is in use and exits with code 1', async () => {
    const { port, server } = await occupiedPort();
    try {
      const p = spawnCli(['engine', '--data', dir, '--grpc-port', String(port)]);
      await expect(p.exited).resolves.toEqual({ code: 1, signal: null });
      expect(p.stderr()).toContain(`the gRPC port 127.0.0.1:${port} is already in use`);
      expect(p.stdout()).not.toContain('ready');
    } finally {
      server.close();
    }
  });

  it('refuses a data directory another engine is using, and takes it over once that engine was killed', async () => {
    const holder = await start();
    const second = spawnCli(['engine', '--data', dir, '--grpc-port', '0']);
    await expect(second.exited).resolves.toEqual({ code: 1, signal: null });
    expect(second.stderr()).toContain(
      `the data directory ${dir} is in use by another engine (process ${holder.child.pid})`,
    );
    await holder.kill('SIGKILL');
    const third = await start();
    expect(third.readyLine).toContain(`data in ${dir}`);
  });
});
