// The outbox page's API (发件箱): the mails in the caller's scope, one mail with its text and attachments, and
// the admin's resend of a failed mail.
import { unitScope } from '../../../domain/auth/roles';
import type { AppContext } from '../context';
import { listOutbox, outboxMessage, resendOutboxMessage } from '../outbox/outbox';
import { actorOf, intParam, type AnyRoute } from './define';

export function outboxRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/outbox',
      action: 'outbox.read',
      handler: ({ req, principal }) => listOutbox(db, unitScope(principal), req.query),
    },
    {
      method: 'get',
      path: '/outbox/:id',
      action: 'outbox.read',
      handler: ({ req, principal }) => outboxMessage(db, unitScope(principal), intParam(req, 'id')),
    },
    {
      method: 'post',
      path: '/outbox/:id/resend',
      action: 'outbox.resend',
      handler: ({ req, principal }) => resendOutboxMessage(db, actorOf(principal), intParam(req, 'id')),
    },
  ];
}
