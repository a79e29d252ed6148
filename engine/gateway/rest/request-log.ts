// One line per REST request that names its caller's request id (X-Request-Id, as the web sends it), and per
// request that failed on the engine's side: the id a user quotes leads from the web's log to the engine's.
// The web also names the person it acts for (X-Zhuanban-User, percent-encoded); the line carries it only when
// the request got past authentication (or none is configured) — a refused caller's claim about a person is not
// worth a log entry.
import type { NextFunction, Request, Response } from 'express';

const saneId = /^[\w.-]{1,64}$/;
// Usernames may be Chinese; no spaces, quotes or control characters, so a name cannot forge a log field.
const saneUser = /^[\p{L}\p{N}_.@-]{1,64}$/u;

function userOf(header: string | undefined): string | undefined {
  if (!header || header.length > 600) return undefined;
  try {
    const name = decodeURIComponent(header);
    return saneUser.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

export function requestLog(log: (line: string) => void, authEnabled = false) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const given = req.get('x-request-id');
    const requestId = given && saneId.test(given) ? given : undefined;
    const claimedUser = userOf(req.get('x-zhuanban-user'));
    res.on('finish', () => {
      if (!requestId && res.statusCode < 500) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const authenticated = !authEnabled || res.locals.principal !== undefined;
      const user = claimedUser && authenticated ? ` user=${claimedUser}` : '';
      log(
        `rest ${req.method} ${req.originalUrl.split('?')[0]} ${res.statusCode} ${ms.toFixed(1)}ms requestId=${requestId ?? '-'}${user}`,
      );
    });
    next();
  };
}
