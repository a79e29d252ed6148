// `zhuanban all` (what `npm start` runs): the whole system in one process on the embedded defaults — engine,
// database, deployment, workers, schedule, web — until SIGTERM/SIGINT. ZEEBE_GRPC_ADDRESS switches to an external
// gateway; DATABASE_URL, SMTP_URL, PORT and the SDK's CAMUNDA_* variables configure the rest.
import { parseArgs, UsageError } from './args';

export const summary =
  'start everything: engine, database, deploy, workers, schedule, web (--data DIR --grpc-port --rest-port --port --host --demo)';

function port(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || value > 65535)
    throw new UsageError(
      `option '--${name}' must be a port number (0 picks a free one), got '${String(value)}'`,
    );
  return value;
}

export async function run(args: string[]): Promise<void> {
  const opts = parseArgs(args, {
    data: 'string',
    'grpc-port': 'number',
    'rest-port': 'number',
    port: 'number',
    host: 'string',
    demo: 'boolean',
  });
  const { startSystem } = await import('../system/start-system.js');
  const { createLogger } = await import('../../domain/log.js');
  const { stopOnSignal } = await import('../system/signals.js');
  const log = createLogger('zhuanban');
  const system = await startSystem({
    engineDataDir: (opts.data as string | undefined) ?? 'data/engine',
    grpcPort: port(opts['grpc-port'], 'grpc-port'),
    restPort: port(opts['rest-port'], 'rest-port'),
    webPort: port(opts.port, 'port'),
    host: opts.host as string | undefined,
  });
  if (opts.demo === true) {
    // The demo through the running system's own engine client: its engine serves only this process's parts.
    const { runDemo } = await import('../../domain/seed/commands.js');
    const { startDemoProcesses } = await import('../demo/demo-processes.js');
    const { createEngineApi } = await import('../../web/server/engine/client.js');
    await runDemo((line) => log.info(line));
    const engine = createEngineApi({
      restAddress: system.engine?.restAddress,
      credentials: system.engineCredentials,
    });
    if (engine) await startDemoProcesses(system.database.db, engine, (line) => log.info(line));
  }
  await stopOnSignal(log, () => system.stop());
}
