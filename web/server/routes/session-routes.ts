// Sign-in and sign-out: GET /api/session (who am I, and the CSRF token to send with changes), POST /api/login
// (rate-limited per address, lock-out per account), POST /api/logout, and POST /api/account/password (a user
// changes their own password; forced after the first sign-in and after an admin reset).
import { z } from 'zod';
import { DateTime } from 'luxon';
import { changeOwnPassword } from '../../../domain/auth/password-change';
import { login, logout, newToken, sessionIdOf } from '../../../domain/auth/sessions';
import { zone } from '../../../domain/calendar/deadline';
import type { Principal } from '../../../domain/auth/roles';
import type { AppContext } from '../context';
import { clearCookie, readCookie, setCookie } from '../http/cookies';
import { HttpError } from '../http/problem';
import { preSessionCsrfCookie, sessionCookie } from '../auth/session-middleware';
import { RateLimiter } from '../auth/rate-limit';
import type { AnyRoute } from './define';

const loginInput = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(100),
  password: z.string().min(1, '请输入密码').max(200),
});

async function describeUser(ctx: AppContext, principal: Principal) {
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: principal.userId },
    select: {
      username: true,
      displayName: true,
      role: true,
      mustChangePassword: true,
      unit: { select: { code: true, name: true, shortName: true } },
    },
  });
  return user;
}

export function sessionRoutes(ctx: AppContext): AnyRoute[] {
  const limiter = new RateLimiter(ctx.settings.loginRateLimit.max, ctx.settings.loginRateLimit.windowMs);
  return [
    {
      method: 'get',
      path: '/session',
      action: 'public',
      async handler({ req, res, principal }) {
        if (principal && req.auth) {
          return {
            user: await describeUser(ctx, principal),
            csrfToken: req.auth.csrfToken,
            expiresAt: req.auth.expiresAt,
          };
        }
        let csrfToken = readCookie(req, preSessionCsrfCookie);
        if (!csrfToken) {
          csrfToken = newToken();
          setCookie(req, res, preSessionCsrfCookie, csrfToken);
        }
        return { user: null, csrfToken };
      },
    },
    {
      method: 'post',
      path: '/login',
      action: 'public',
      async handler({ req, res }) {
        const wait = limiter.hit(req.ip ?? 'unknown');
        if (wait > 0) {
          throw new HttpError(429, '登录尝试过于频繁', `请 ${Math.ceil(wait / 60)} 分钟后再试`, {
            headers: { 'Retry-After': String(wait) },
          });
        }
        const input = loginInput.parse(req.body);
        const result = await login(
          ctx.db,
          input.username,
          input.password,
          { ip: req.ip, userAgent: req.get('user-agent') },
          ctx.settings.session,
        );
        if (!result.ok) {
          if (result.reason === 'locked') {
            const until = DateTime.fromJSDate(result.lockedUntil as Date, { zone }).toFormat('HH:mm');
            throw new HttpError(
              423,
              '账户已锁定',
              `连续登录失败次数过多，请于 ${until} 后再试，或联系系统管理员解锁`,
            );
          }
          throw new HttpError(401, '登录失败', '用户名或密码错误');
        }
        setCookie(req, res, sessionCookie, result.token, result.expiresAt);
        clearCookie(req, res, preSessionCsrfCookie);
        return {
          user: await describeUser(ctx, result.principal),
          csrfToken: result.csrfToken,
          expiresAt: result.expiresAt,
        };
      },
    },
    {
      method: 'post',
      path: '/account/password',
      action: 'session.read',
      status: 204,
      async handler({ req, principal }) {
        await changeOwnPassword(ctx.db, principal, sessionIdOf(req.auth?.token ?? ''), req.body);
        return undefined;
      },
    },
    {
      method: 'post',
      path: '/logout',
      action: 'session.read',
      status: 204,
      async handler({ req, res, principal }) {
        await logout(ctx.db, req.auth?.token ?? '', principal);
        clearCookie(req, res, sessionCookie);
        return undefined;
      },
    },
  ];
}
