// Health for load balancers and compose health checks, outside /api and without sign-in: /healthz answers while
// the process serves requests; /readyz checks what a request needs — the database, the engine (topology through
// the REST API) and, when SMTP_URL is set, that the mail server answers — and names each failing part with 503.
import nodemailer from 'nodemailer';
import type { Router } from 'express';
import express from 'express';
import type { AppContext } from '../context';

interface Check {
  name: 'database' | 'engine' | 'mail';
  run(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** The mail check connects at most every 30 s: a load balancer polling readiness must not hammer the server. */
function mailCheck(url: string): Check {
  let last: { at: number; error?: string } | undefined;
  return {
    name: 'mail',
    async run() {
      if (!last || Date.now() - last.at > 30_000) {
        const transport = nodemailer.createTransport(url);
        try {
          await withTimeout(transport.verify(), 3000, 'SMTP');
          last = { at: Date.now() };
        } catch (e) {
          last = { at: Date.now(), error: e instanceof Error ? e.message : String(e) };
        } finally {
          transport.close();
        }
      }
      if (last.error) throw new Error(last.error);
    },
  };
}

export function healthRoutes(ctx: AppContext, env: NodeJS.ProcessEnv = process.env): Router {
  const router = express.Router();
  const checks: Check[] = [
    {
      name: 'database',
      run: async () => void (await withTimeout(ctx.db.$queryRawUnsafe('SELECT 1'), 3000, 'database')),
    },
  ];
  const engine = ctx.engine;
  if (engine)
    checks.push({
      name: 'engine',
      run: async () => void (await withTimeout(engine.getTopology(), 3000, 'engine')),
    });
  if (env.SMTP_URL) checks.push(mailCheck(env.SMTP_URL));

  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        try {
          await c.run();
          return [c.name, { status: 'ok' }] as const;
        } catch (e) {
          return [c.name, { status: 'failing', error: e instanceof Error ? e.message : String(e) }] as const;
        }
      }),
    );
    const parts = Object.fromEntries(results);
    const failing = results.filter(([, r]) => r.status !== 'ok').map(([n]) => n);
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(failing.length ? 503 : 200)
      .json({ status: failing.length ? 'failing' : 'ready', failing, parts });
  });
  return router;
}
