// How a route is declared: method, path, the action it needs (domain/auth/roles.ts) or 'public', and a
// handler returning the JSON body. The wrapper enforces sign-in and the role check before the handler runs,
// so no route can forget it; the list of all routes is what the authorization matrix test walks.
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { can, type Action, type Principal } from '../../../domain/auth/roles';
import type { AppContext } from '../context';
import { dataChanged } from '../dashboard/shared-answer';
import { HttpError } from '../http/problem';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HandlerArgs {
  req: Request;
  res: Response;
  ctx: AppContext;
}

export interface RouteSpec {
  method: Method;
  path: string; // under /api
  action: Action;
  status?: number; // on success; 204 sends no body
  handler(args: HandlerArgs & { principal: Principal }): Promise<unknown>;
}

export interface PublicRouteSpec extends Omit<RouteSpec, 'handler' | 'action'> {
  action: 'public';
  handler(args: HandlerArgs & { principal?: Principal }): Promise<unknown>;
}

export type AnyRoute = RouteSpec | PublicRouteSpec;

export function mount(router: Router, ctx: AppContext, routes: readonly AnyRoute[]): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const principal = req.auth?.principal;
      if (route.action !== 'public') {
        if (!principal) throw new HttpError(401, '未登录', '请先登录');
        if (principal.mustChangePassword && route.action !== 'session.read')
          throw new HttpError(403, '请先修改密码', '首次登录或密码被重置后，须先修改密码才能继续使用', {
            type: 'password-change-required',
          });
        if (!can(principal, route.action)) throw new HttpError(403, '无权访问', '当前角色无权执行此操作');
      }
      const body = await (route.handler as PublicRouteSpec['handler'])({ req, res, ctx, principal });
      // Before the answer leaves: the caller's next dashboard load must already count this change.
      if (route.method !== 'get') dataChanged(ctx.db);
      if (res.headersSent) return;
      res.status(route.status ?? 200);
      if (route.status === 204 || body === undefined) res.end();
      else res.json(body);
    });
  }
}

// Plain decimal digits only ("0x2", "1e0", " 2" and "2.0" are not ids), within the database's integer range.
const idParam = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, '应为正整数')
  .transform(Number)
  .refine((n) => n <= 2_147_483_647, '超出范围');

/** A numeric path parameter, or a 400 naming it. */
export function intParam(req: Request, name: string): number {
  const parsed = idParam.safeParse(req.params[name]);
  if (!parsed.success)
    throw new HttpError(400, '输入有误', `${name}：${parsed.error.issues[0]?.message ?? '应为正整数'}`, {
      errors: [{ field: name, message: parsed.error.issues[0]?.message ?? '应为正整数' }],
    });
  return parsed.data;
}

/** The acting user for the audit log. */
export const actorOf = (p: Principal) => ({ userId: p.userId, label: p.username });
