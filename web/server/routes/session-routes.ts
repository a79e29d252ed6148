// Sign-in and sign-out: GET /api/session (who am I, and the CSRF token to send with changes), POST /api/login
// (failures rate-limited per address and username, and more loosely per address; lock-out per account; one answer
// for every failure so accounts cannot be enumerated), POST /api/logout, and POST /api/account/password (a user
// changes their own password; forced after the first sign-in and after an admin reset).
import { z } from 'zod';
import { changeOwnPassword } from '../../../domain/auth/password-change';
import { audit, audited } from '../../../domain/audit';
import { endSession, login, logout, newToken, sessionIdOf } from '../../../domain/auth/sessions';
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
  const { max, windowMs } = ctx.settings.loginRateLimit;
  // Failures only: colleagues signing in from behind one NAT address do not use up each other's attempts.
  const perAccount = new RateLimiter(max, windowMs);
  const perAddress = new RateLimiter(max * 5, windowMs);
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
        const input = loginInput.parse(req.body);
        const ip = req.ip ?? 'unknown';
        const accountKey = `${ip}\n${input.username.toLowerCase()}`;
        const wait = Math.max(perAccount.wait(accountKey), perAddress.wait(ip));
        if (wait > 0) {
          await audited(ctx.db, (tx) =>
            audit(
              tx,
              { userId: null, label: 'anonymous' },
              {
                action: 'login.rateLimited',
                entity: 'login',
                entityId: input.username.slice(0, 100),
                after: { ip },
              },
            ),
          );
          throw new HttpError(429, '登录尝试过于频繁', `请 ${Math.ceil(wait / 60)} 分钟后再试`, {
            headers: { 'Retry-After': String(wait) },
          });
        }
        // Signing in over an existing session replaces it (no session fixation, no forgotten sessions).
        if (req.auth) await endSession(ctx.db, req.auth.token);
        const result = await login(
          ctx.db,
          input.username,
          input.password,
          { ip: req.ip, userAgent: req.get('user-agent') },
          ctx.settings.session,
        );
        if (!result.ok) {
          perAccount.hit(accountKey);
          perAddress.hit(ip);
          // The same words for a wrong password, an unknown user and a locked account.
          const { maxFailedLogins, lockMinutes } = ctx.settings.session;
          throw new HttpError(
            401,
            '登录失败',
            `用户名或密码错误。连续输错 ${maxFailedLogins} 次后账户将锁定 ${lockMinutes} 分钟，如需解锁请联系系统管理员`,
          );
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
