// Serves the built browser client (web/client/dist, made by `npm run build:web`): hashed assets under /assets
// cached for a year, and index.html — uncached — for every other GET that asks for a page, so each page of the
// app is a URL that can be bookmarked or sent in a mail. API paths never fall through to the page.
import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { HttpError } from './problem';

/** web/client/dist of the checkout this code runs from (from web/server/http or dist/web/server/http). */
export function findClientDist(start = __dirname): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      const candidate = path.join(dir, 'web', 'client', 'dist');
      return fs.existsSync(path.join(candidate, 'index.html')) ? candidate : undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

const missingBuild = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>专班工作平台</title>
<p>网页客户端尚未构建：请先运行 <code>npm run build</code>，再重新启动。</p></html>`;

export function clientAssets(dist = findClientDist()): Router {
  const router = express.Router();
  if (dist) {
    router.use(
      '/assets',
      express.static(path.join(dist, 'assets'), {
        immutable: true,
        maxAge: '365d',
        index: false,
      }),
    );
  }
  router.use('/assets', (req, _res, next) =>
    next(new HttpError(404, '未找到', `没有文件 ${req.originalUrl}`)),
  );
  const page: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/api/') || req.path === '/api' || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    if (!dist) return res.status(503).type('html').send(missingBuild);
    res.sendFile(path.join(dist, 'index.html'));
  };
  router.use(page);
  return router;
}
