// `zhuanban engine`: the embedded Zeebe-compatible engine alone. Prints one line when it is ready
// (with the bound ports, so `--grpc-port 0` is usable), binds to loopback unless told otherwise, and
// on SIGTERM/SIGINT stops taking requests, writes a snapshot and exits with code 0.
import { parseArgs, UsageError } from './args';

export const summary =
  'start the embedded Zeebe-compatible engine (--data DIR --grpc-port 26500 --rest-port 8080|off --host 127.0.0.1 --sync full|normal|off --retention-days N --compact-journal), or check a data folder offline (--verify DIR)';

const SYNC_MODES = ['full', 'normal', 'off'] as const;
type Sync = (typeof SYNC_MODES)[number];

export async function run(args: string[]): Promise<void> {
  const opts = parseArgs(args, {
    data: 'string',
    'grpc-port': 'number',
    'rest-port': 'string',
    host: 'string',
    sync: 'string',
    'retention-days': 'number',
    'compact-journal': 'boolean',
    verify: 'string',
  });
  if (opts.verify !== undefined) return verify(opts.verify as string);
  const sync = (opts.sync as string | undefined) ?? 'full';
  if (!SYNC_MODES.includes(sync as Sync))
    throw new UsageError(`option '--sync' must be full, normal or off, got '${sync}'`);
  const grpcPort = (opts['grpc-port'] as number | undefined) ?? 26500;
  if (grpcPort > 65535)
    throw new UsageError(
      `option '--grpc-port' must be a port number (0 picks a free one), got '${grpcPort}'`,
    );
  const restOption = (opts['rest-port'] as string | undefined) ?? '8080';
  const restPort = restOption === 'off' ? undefined : /^\d{1,5}$/.test(restOption) ? Number(restOption) : NaN;
  if (restPort !== undefined && !(restPort <= 65535))
    throw new UsageError(
      `option '--rest-port' must be a port number (0 picks a free one) or 'off', got '${restOption}'`,
    );
  const dataDir = (opts.data as string | undefined) ?? 'data/engine';
  // Signal handlers come first: a signal during start-up stops the engine as soon as it has started.
  let stopRequested: NodeJS.Signals | undefined;
  let stop = (signal: NodeJS.Signals) => {
    stopRequested ??= signal;
  };
  const onSignal = (signal: NodeJS.Signals) => stop(signal);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const { startEngineServer } = await import('../../engine/server.js');
  const { engineSecurityFromEnv } = await import('../system/engine-security.js');
  const security = engineSecurityFromEnv();
  const server = await startEngineServer({
    auth: security.auth,
    clockControlled: security.clockControlled,
    dataDir,
    host: (opts.host as string | undefined) ?? '127.0.0.1',
    grpcPort,
    restPort,
    sync: sync as Sync,
    // Finished instances leave the REST searches this many days after they ended (default: never).
    retentionMillis:
      opts['retention-days'] === undefined ? undefined : (opts['retention-days'] as number) * 86_400_000,
    // Journal batches behind a snapshot are deleted (off by default: the journal keeps the history).
    compactJournal: opts['compact-journal'] === true,
    log: (m) => console.log(m),
    requestLog: (line) => console.log(line),
  });
  const r = server.engine.recovery;
  const recovered = r
    ? `recovered ${r.elementInstances} element instances from ${r.fromSnapshot ? 'a snapshot and ' : ''}${r.replayedRecords} records in ${r.millis} ms`
    : '';
  const protection = [
    security.auth.users?.length ? `basic (${security.auth.users.length} users)` : '',
    security.auth.oidc ? `oidc (${security.auth.oidc.issuer})` : '',
  ].filter(Boolean);
  console.log(
    `zhuanban engine ready: gRPC ${server.grpcAddress}${server.restAddress ? `, REST ${server.restAddress}` : ''}, data in ${dataDir}, sync ${sync}, authentication ${protection.join(' + ') || 'none (loopback only)'}${security.clockControlled ? ', clock controllable' : ''}; ${recovered}`,
  );
  await new Promise<void>((resolve) => {
    let stopping = false;
    stop = (signal) => {
      if (stopping) {
        console.error(`zhuanban engine: ${signal} again, exiting without waiting for the shutdown`);
        process.exit(1);
      }
      stopping = true;
      console.log(`zhuanban engine: ${signal} received, shutting down`);
      server.close().then(
        () => {
          console.log('zhuanban engine: stopped (snapshot written)');
          resolve();
        },
        (e: unknown) => {
          console.error('zhuanban engine: shutdown failed:', e);
          process.exitCode = 1;
          resolve();
        },
      );
    };
    if (stopRequested) stop(stopRequested);
  });
  // Nothing the engine leaves behind (client connections, timers) may keep the process alive.
  process.exit(process.exitCode ?? 0);
}

/** Checks a data folder offline — the engine must not be running on it — and exits 1 when anything is wrong. */
async function verify(dir: string): Promise<void> {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { Journal } = await import('../../engine/journal/journal.js');
  const file = join(dir, 'journal.db');
  if (!existsSync(file)) throw new UsageError(`no engine journal in ${dir} (expected ${file})`);
  const journal = new Journal(file, 'full', { readonly: true });
  let report;
  try {
    report = journal.verify();
  } finally {
    journal.close();
  }
  console.log(
    `${file}: ${report.batches} batches (${report.firstBatch}–${report.lastBatch}), ${report.records} records, ` +
      `${report.checksummed} with checksums, latest snapshot at batch ${report.snapshotBatch ?? 'none'}`,
  );
  for (const p of report.problems) console.error(`  problem: ${p}`);
  console.log(report.problems.length === 0 ? 'journal intact' : `${report.problems.length} problem(s) found`);
  process.exit(report.problems.length === 0 ? 0 : 1);
}
