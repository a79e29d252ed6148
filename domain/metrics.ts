// The Prometheus metrics every part of zhuanban records into one registry (prom-client): HTTP latency by route,
// jobs handled and failed per type with handler duration, mails sent and failed, and gauges read when scraped
// (outbox depth). `startMetricsServer` serves them on their own port, bound to loopback unless told otherwise.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'zhuanban_' });

export const httpDuration = new Histogram({
  name: 'zhuanban_http_request_duration_seconds',
  help: 'Web requests by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const jobsHandled = new Counter({
  name: 'zhuanban_jobs_handled_total',
  help: 'Jobs a worker acknowledged, by job type and outcome (complete, bpmn-error, fail)',
  labelNames: ['type', 'outcome'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'zhuanban_job_handler_duration_seconds',
  help: 'Time a job handler took, by job type',
  labelNames: ['type'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const chatsDelivered = new Counter({
  name: 'zhuanban_chat_messages_total',
  help: 'Group-chat robot deliveries by result (sent, retry, failed)',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const mailsDelivered = new Counter({
  name: 'zhuanban_mails_total',
  help: 'Outbox deliveries by result (sent, retry, failed)',
  labelNames: ['result'] as const,
  registers: [registry],
});

/** A gauge whose value is read when Prometheus scrapes (e.g. the outbox depth from the database). */
export function scrapedGauge(name: string, help: string, read: () => Promise<number>): Gauge {
  const existing = registry.getSingleMetric(name);
  if (existing) registry.removeSingleMetric(name);
  return new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      try {
        this.set(await read());
      } catch {
        // a scrape must not fail because one source is down; the gauge keeps its last value
      }
    },
  });
}

export interface MetricsServer {
  address: string;
  close(): Promise<void>;
}

export async function startMetricsServer(port: number, host = '127.0.0.1'): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (e: unknown) => res.writeHead(500).end(String(e)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const a = server.address() as AddressInfo;
  return {
    address: `http://${host.includes(':') ? `[${host}]` : host}:${a.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
