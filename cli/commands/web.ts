// `zhuanban web`: the web server alone (JSON API under /api) on the domain database; migrates and seeds at start.
import { parseArgs } from './args';

export const summary = 'start the web server (--port 3000 --host 127.0.0.1; DATABASE_URL, TRUST_PROXY, …)';

export async function run(args: string[]): Promise<void> {
  const opts = parseArgs(args, { port: 'number', host: 'string' });
  const { startServer } = await import('../../web/server/server.js');
  const server = await startServer({
    port: opts.port as number | undefined,
    host: opts.host as string | undefined,
  });
  const { createLogger } = await import('../../domain/log.js');
  const { startMetricsPart } = await import('../system/parts.js');
  const metrics = await startMetricsPart(server.database, createLogger('web'));
  const stop = () => void Promise.all([metrics?.close(), server.stop()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
