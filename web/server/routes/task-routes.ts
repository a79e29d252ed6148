// 我的待办 over the JSON API: the inbox (filters, sort, counts), the open count for the header badge, one task
// with its form, variables and record, its history and diagram, claim / give back / hand to a colleague (one
// or many), and completion with the form's variables validated on the server.
import { z } from 'zod';
import { checkFormFiles, fileUnderRecord } from '../attachments/access';
import type { AppContext } from '../context';
import { fileFieldPaths } from '../forms/form-schema';
import { validateSubmission } from '../forms/form-validation';
import { HttpError } from '../http/problem';
import { offeredForInstance } from '../messages/offered';
import { completionRefusal, viewerOf, type TaskLike, type Viewer } from '../tasks/access';
import { refuseReservedVariables } from '../tasks/acting-person';
import { engineCall, engineOf, now } from '../tasks/engine-calls';
import { positionRefusal } from '../tasks/position-access';
import { displayNames, inbox, inboxQuery, openCount, toInboxTask } from '../tasks/inbox';
import { recordAudit, recordSummary } from '../tasks/record-summary';
import { recordsByInstance } from '../tasks/records';
import { recognisableSteps } from '../tasks/history-steps';
import {
  assignTo,
  claim,
  colleagues,
  complete,
  loadTask,
  taskForm,
  taskVariables,
  unclaim,
} from '../tasks/task-service';
import type { AnyRoute } from './define';

const keyParam = (raw: unknown) => String(raw ?? '');
const assignBody = z.object({ username: z.string({ message: '请选择同事' }).min(1, '请选择同事') });
const bulkBody = z.object({
  keys: z
    .array(z.string().regex(/^\d{1,25}$/, '任务编号应为数字'), { message: '请选择任务' })
    .min(1, '请至少选择一项任务')
    .max(100, '一次最多 100 项'),
});
const completeBody = z.object({ variables: z.record(z.string(), z.unknown()).default({}) });

export function taskRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  const refusalOf = async (task: TaskLike, viewer: Viewer) =>
    completionRefusal(task, viewer) ?? (await positionRefusal(db, task, viewer));
  return [
    {
      method: 'get',
      path: '/tasks',
      action: 'task.read',
      async handler({ req, principal }) {
        const q = inboxQuery.parse(req.query);
        return inbox(db, engineOf(ctx), await viewerOf(db, principal), q);
      },
    },
    {
      method: 'get',
      path: '/tasks/count',
      action: 'task.read',
      async handler({ principal }) {
        return { open: await openCount(engineOf(ctx), await viewerOf(db, principal)) };
      },
    },
    {
      method: 'post',
      path: '/tasks/claim',
      action: 'task.work',
      async handler({ req, principal }) {
        const { keys } = bulkBody.parse(req.body);
        const viewer = await viewerOf(db, principal);
        const results = [];
        for (const key of keys) {
          try {
            await claim(db, engineOf(ctx), viewer, key);
            results.push({ key, ok: true });
          } catch (e) {
            if (!(e instanceof HttpError) || e.status >= 500) throw e;
            results.push({ key, ok: false, message: e.detail ?? e.title });
          }
        }
        return { claimed: results.filter((r) => r.ok).length, results };
      },
    },
    {
      method: 'get',
      path: '/tasks/:key',
      action: 'task.read',
      async handler({ req, principal }) {
        const engine = engineOf(ctx);
        const viewer = await viewerOf(db, principal);
        const task = await loadTask(engine, viewer, keyParam(req.params.key));
        const [form, variables, records, names, team, refusal, actions] = await Promise.all([
          taskForm(engine, task),
          taskVariables(engine, task),
          recordsByInstance(db, [task.processInstanceKey]),
          displayNames(db, [task.assignee]),
          colleagues(db, viewer),
          refusalOf(task, viewer),
          offeredForInstance(db, engine, principal, task),
        ]);
        const record = records.get(task.processInstanceKey) ?? null;
        return {
          task: toInboxTask(task, record, names),
          form: form ?? null,
          variables,
          record: record && { ...record, ...(await recordSummary(db, record)) },
          mayComplete: !refusal,
          refusal: refusal ?? null,
          colleagues: team.filter((c) => c.username !== principal.username),
          // The instance's message forms (申请延期, 会议改期), sent through the instance routes.
          actions,
        };
      },
    },
    {
      method: 'get',
      path: '/tasks/:key/history',
      action: 'task.read',
      async handler({ req, principal }) {
        const engine = engineOf(ctx);
        const task = await loadTask(engine, await viewerOf(db, principal), keyParam(req.params.key));
        const [elements, records] = await Promise.all([
          engineCall(() =>
            engine.searchElementInstances(
              {
                filter: { processInstanceKey: task.processInstanceKey },
                sort: [{ field: 'startDate', order: 'ASC' }],
                page: { limit: 500 },
              } as never,
              now as never,
            ),
          ) as unknown as Promise<{ items: Record<string, unknown>[] }>,
          recordsByInstance(db, [task.processInstanceKey]),
        ]);
        const record = records.get(task.processInstanceKey);
        return {
          elements: recognisableSteps(elements.items),
          audit: record ? await recordAudit(db, record) : [],
        };
      },
    },
    {
      method: 'get',
      path: '/tasks/:key/diagram',
      action: 'task.read',
      async handler({ req, principal }) {
        const engine = engineOf(ctx);
        const task = await loadTask(engine, await viewerOf(db, principal), keyParam(req.params.key));
        const xml = await engineCall(() =>
          engine.getProcessDefinitionXml(
            { processDefinitionKey: task.processDefinitionKey } as never,
            now as never,
          ),
        );
        return { xml: String(xml), current: [task.elementId] };
      },
    },
    {
      method: 'post',
      path: '/tasks/:key/claim',
      action: 'task.work',
      status: 204,
      async handler({ req, principal }) {
        await claim(db, engineOf(ctx), await viewerOf(db, principal), keyParam(req.params.key));
      },
    },
    {
      method: 'post',
      path: '/tasks/:key/unclaim',
      action: 'task.work',
      status: 204,
      async handler({ req, principal }) {
        await unclaim(db, engineOf(ctx), await viewerOf(db, principal), keyParam(req.params.key));
      },
    },
    {
      method: 'post',
      path: '/tasks/:key/assign',
      action: 'task.work',
      async handler({ req, principal }) {
        const { username } = assignBody.parse(req.body);
        const c = await assignTo(
          db,
          engineOf(ctx),
          await viewerOf(db, principal),
          keyParam(req.params.key),
          username,
        );
        return { assignee: c.username, assigneeName: c.displayName };
      },
    },
    {
      method: 'post',
      path: '/tasks/:key/complete',
      action: 'task.work',
      async handler({ req, principal }) {
        const engine = engineOf(ctx);
        const viewer = await viewerOf(db, principal);
        const task = await loadTask(engine, viewer, keyParam(req.params.key));
        const refusal = await refusalOf(task, viewer);
        if (refusal) throw new HttpError(403, '无权办理', refusal);
        const { variables: submitted } = completeBody.parse(req.body);
        refuseReservedVariables(submitted);
        const form = await taskForm(engine, task);
        const variables = form ? validateSubmission(form, submitted) : {};
        const files = form ? await checkFormFiles(db, principal, variables, fileFieldPaths(form)) : [];
        await complete(db, engine, viewer, task, variables, req.id);
        const record =
          (await recordsByInstance(db, [task.processInstanceKey])).get(task.processInstanceKey) ?? null;
        await fileUnderRecord(db, files, record);
        return { completed: true, record };
      },
    },
  ];
}
