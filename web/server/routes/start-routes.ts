// 发起 over the JSON API: the processes the user may start, one start form (the engine's, with defaults for
// this user), and the start itself — validated on the server, retry-safe by the client's idempotency key.
import { z } from 'zod';
import { checkFormFiles } from '../attachments/access';
import type { AppContext } from '../context';
import { fileFieldPaths } from '../forms/form-schema';
import { validateSubmission } from '../forms/form-validation';
import { HttpError } from '../http/problem';
import { once } from '../start/idempotency';
import { auditStart } from '../start/start-audit';
import {
  currentIsoWeek,
  startableFor,
  startables,
  startedInstance,
  startForm,
  startInstance,
} from '../start/start-forms';
import { refuseReservedVariables, startingPerson } from '../tasks/acting-person';
import { engineOf } from '../tasks/engine-calls';
import { viewerOf } from '../tasks/access';
import type { AnyRoute } from './define';

const startBody = z.object({
  idempotencyKey: z
    .string({ message: '缺少防重复提交编号' })
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '防重复提交编号应为 8–64 位字母或数字'),
  variables: z.record(z.string(), z.unknown()).default({}),
});

export function startRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/start-forms',
      action: 'process.start',
      handler: async ({ principal }) =>
        startables
          .filter((s) => s.roles.includes(principal.role))
          .map(({ processId, title, description }) => ({ processId, title, description })),
    },
    {
      method: 'get',
      path: '/start-forms/:processId',
      action: 'process.start',
      async handler({ req, principal }) {
        const s = startableFor(principal, String(req.params.processId));
        const viewer = await viewerOf(db, principal);
        const defaults: Record<string, unknown> = {};
        if (s.processId === 'petition-reply' && viewer.unitCode) defaults.receivingUnitCode = viewer.unitCode;
        if (s.processId === 'weekly-report') defaults.isoWeek = currentIsoWeek();
        return { ...s, form: await startForm(engineOf(ctx), s.processId), defaults };
      },
    },
    {
      method: 'post',
      path: '/start-forms/:processId',
      action: 'process.start',
      status: 201,
      async handler({ req, principal }) {
        const s = startableFor(principal, String(req.params.processId));
        const body = startBody.parse(req.body);
        refuseReservedVariables(body.variables);
        const engine = engineOf(ctx);
        const form = await startForm(engine, s.processId);
        const variables = validateSubmission(form, body.variables);
        const viewer = await viewerOf(db, principal);
        // A unit registers the petitions it received itself; the office may register for any unit.
        if (
          s.processId === 'petition-reply' &&
          principal.role !== 'coordinator' &&
          variables.receivingUnitCode !== viewer.unitCode
        )
          throw new HttpError(400, '输入有误', 'receivingUnitCode：只能登记本单位接收的信访事项', {
            errors: [{ field: 'receivingUnitCode', message: '只能登记本单位接收的信访事项' }],
          });
        await checkFormFiles(db, principal, variables, fileFieldPaths(form));
        return once(
          db,
          { userId: principal.userId, route: `start:${s.processId}`, key: body.idempotencyKey },
          {
            run: async (made) => {
              const withPerson = s.startEventId
                ? { ...variables, ...startingPerson(principal, s.startEventId) }
                : variables;
              const started = await startInstance(db, engine, s.processId, withPerson, made);
              if (!started.duplicate) await auditStart(db, principal, started, variables.isoWeek, req.id);
              return started;
            },
            resume: (instanceKey) => startedInstance(db, s.processId, instanceKey),
          },
        );
      },
    },
  ];
}
