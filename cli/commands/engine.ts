// `zhuanban engine`: the embedded Zeebe-compatible engine alone, until SIGTERM/SIGINT.
import { parseArgs } from './args';

export const summary = 'start the embedded Zeebe-compatible engine (gRPC gateway; REST API v2)';

export async function run(args: string[]): Promise<void> {
  const opts = parseArgs(args, {
    data: 'string',
    'grpc-port': 'number',
    'rest-port': 'number',
    host: 'string',
    sync: 'string',
  });
  const sync = (opts.sync as string | undefined) ?? 'full';
  if (!['full', 'normal', 'off'].includes(sync))
    throw new Error(`option '--sync' must be full, normal or off, got '${sync}'`);
  const { startEngineServer } = await import('../../engine/server.js');
  const server = await startEngineServer({
    dataDir: (opts.data as string | undefined) ?? 'data/engine',
    host: (opts.host as string | undefined) ?? '127.0.0.1',
    grpcPort: (opts['grpc-port'] as number | undefined) ?? 26500,
    sync: sync as 'full' | 'normal' | 'off',
    log: (m) => console.log(m),
  });
  console.log(
    `zhuanban engine ready: gRPC ${server.grpcAddress} (Zeebe gateway ${'8.8'}), data in ${(opts.data as string | undefined) ?? 'data/engine'}`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`zhuanban engine: ${signal} received, shutting down`);
      server.close().then(resolve, (e) => {
        console.error(e);
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
