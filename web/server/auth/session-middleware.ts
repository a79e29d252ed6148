// Attaches the signed-in principal to each request from the session cookie (and clears a dead cookie), and
// guards state-changing requests against CSRF: every POST/PUT/PATCH/DELETE must carry the X-CSRF-Token of its
// session — or, before login, of the pre-session cookie — and a cross-site Origin is refused outright.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { resumeSession } from '../../../domain/auth/sessions';
import type { AppContext } from '../context';
import { clearCookie, readCookie, setCookie } from '../http/cookies';
import { HttpError } from '../http/problem';

export const sessionCookie = 'zb_session';
export const preSessionCsrfCookie = 'zb_csrf';
export const csrfHeader = 'x-csrf-token';

export function sessionMiddleware(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const token = readCookie(req, sessionCookie);
    if (token) {
      const session = await resumeSession(ctx.db, token, ctx.settings.session);
      if (session) {
        req.auth = { ...session, token };
        // Sliding expiry: the browser's cookie must live as long as the server extends the session.
        setCookie(req, res, sessionCookie, token, session.expiresAt);
      } else {
        req.sessionExpired = true;
        clearCookie(req, res, sessionCookie);
      }
    }
    next();
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const csrfMiddleware: RequestHandler = (req, _res, next) => {
  if (safeMethods.has(req.method)) return next();
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== req.headers.host) throw new HttpError(403, 'CSRF 校验失败', '请求来自其他站点，已拒绝');
  }
  // A change sent with an ended session: say so (401), so the page can sign in again and resend it.
  if (!req.auth && req.sessionExpired && req.path !== '/login')
    throw new HttpError(401, '登录已过期', '请重新登录后再提交');
  const expected = req.auth?.csrfToken ?? readCookie(req, preSessionCsrfCookie);
  const given = req.get(csrfHeader);
  if (!sameToken(given, expected)) {
    throw new HttpError(
      403,
      'CSRF 校验失败',
      '缺少或错误的 X-CSRF-Token 请求头：请先 GET /api/session 取得令牌',
    );
  }
  next();
};
