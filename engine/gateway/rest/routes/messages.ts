// POST /v2/messages/publication (buffered for its time to live), /v2/messages/correlation
// (correlates now or answers 404) and /v2/signals/broadcast.
import { z } from 'zod';
import type { RouteModule } from '../context';
import { run } from '../context';
import {
  dateFilter,
  enumFilter,
  int64,
  jsonObject,
  keyFilter,
  parse,
  searchRequest,
  stringFilter,
  tenantId,
} from '../validation';
import { checkTenant } from '../../documents';

const publication = z.strictObject({
  name: z.string().min(1, 'expected a non-empty message name'),
  correlationKey: z.string().optional(),
  timeToLive: int64.refine((n) => n >= 0, 'expected zero or more milliseconds').optional(),
  messageId: z.string().optional(),
  variables: jsonObject.optional(),
  tenantId: tenantId.optional(),
});

const correlation = z.strictObject({
  name: z.string().min(1, 'expected a non-empty message name'),
  correlationKey: z.string().optional(),
  variables: jsonObject.optional(),
  tenantId: tenantId.optional(),
});

const broadcast = z.strictObject({
  signalName: z.string().min(1, 'expected a non-empty signal name'),
  variables: jsonObject.optional(),
  tenantId: tenantId.optional(),
});

const subscriptionSearch = searchRequest(
  z.strictObject({
    messageSubscriptionKey: keyFilter.optional(),
    processDefinitionId: stringFilter.optional(),
    processInstanceKey: keyFilter.optional(),
    elementId: stringFilter.optional(),
    elementInstanceKey: keyFilter.optional(),
    messageSubscriptionState: enumFilter(['CORRELATED', 'CREATED', 'DELETED', 'MIGRATED']).optional(),
    lastUpdatedDate: dateFilter.optional(),
    messageName: stringFilter.optional(),
    correlationKey: stringFilter.optional(),
    tenantId: stringFilter.optional(),
  }),
  [
    'messageSubscriptionKey',
    'processDefinitionId',
    'processInstanceKey',
    'elementId',
    'elementInstanceKey',
    'messageSubscriptionState',
    'lastUpdatedDate',
    'messageName',
    'correlationKey',
    'tenantId',
  ],
);

export const messageRoutes: RouteModule = (router, ctx) => {
  router.post('/message-subscriptions/search', (req, res) => {
    const q = parse(subscriptionSearch, req.body);
    res.json(ctx.queries.messageSubscriptions.search(q.filter, q.sort, q.page));
  });

  router.post('/messages/publication', async (req, res) => {
    const b = parse(publication, req.body);
    const tenant = checkTenant(b.tenantId);
    const v = (await run(ctx.engine, 'MESSAGE', 'PUBLISH', {
      name: b.name,
      correlationKey: b.correlationKey ?? '',
      timeToLive: b.timeToLive ?? 0,
      messageId: b.messageId ?? '',
      variables: b.variables ?? {},
      deadline: -1,
      tenantId: tenant,
    })) as { key: number };
    res.json({ tenantId: tenant, messageKey: String(v.key) });
  });

  router.post('/messages/correlation', async (req, res) => {
    const b = parse(correlation, req.body);
    const tenant = checkTenant(b.tenantId);
    const v = (await run(ctx.engine, 'MESSAGE_CORRELATION', 'CORRELATE', {
      name: b.name,
      correlationKey: b.correlationKey ?? '',
      variables: b.variables ?? {},
      messageKey: -1,
      processInstanceKey: -1,
      tenantId: tenant,
    })) as { messageKey: number; processInstanceKey: number };
    res.json({
      tenantId: tenant,
      messageKey: String(v.messageKey),
      processInstanceKey: String(v.processInstanceKey),
    });
  });

  router.post('/signals/broadcast', async (req, res) => {
    const b = parse(broadcast, req.body);
    const tenant = checkTenant(b.tenantId);
    const v = (await run(ctx.engine, 'SIGNAL', 'BROADCAST', {
      signalName: b.signalName,
      variables: b.variables ?? {},
      tenantId: tenant,
    })) as { key: number };
    res.json({ tenantId: tenant, signalKey: String(v.key) });
  });
};
