// Camunda user tasks (ZEEBE-SEMANTICS §9.4): search, get, the linked form, the variables a task
// sees, and the lifecycle commands — assign (or claim), unassign, update, complete — all 204.
import { z } from 'zod';
import type { RouteModule } from '../context';
import { runHeld, userTaskValue } from '../context';
import { invalidArgument, notFound } from '../problems';
import {
  dateFilter,
  dateTime,
  enumFilter,
  intFilter,
  jsonObject,
  key,
  parse,
  pathKey,
  searchRequest,
  stringFilter,
  truncateValues,
  variableValueFilter,
} from '../validation';
import { VARIABLE_SORT } from './variables';

const STATES = [
  'CREATING',
  'CREATED',
  'ASSIGNING',
  'UPDATING',
  'COMPLETING',
  'COMPLETED',
  'CANCELING',
  'CANCELED',
  'FAILED',
] as const;

const filter = z.strictObject({
  state: enumFilter(STATES).optional(),
  assignee: stringFilter.optional(),
  priority: intFilter.optional(),
  elementId: z.string().optional(),
  name: z.string().optional(),
  candidateGroup: stringFilter.optional(),
  candidateUser: stringFilter.optional(),
  tenantId: stringFilter.optional(),
  processDefinitionId: z.string().optional(),
  creationDate: dateFilter.optional(),
  completionDate: dateFilter.optional(),
  followUpDate: dateFilter.optional(),
  dueDate: dateFilter.optional(),
  processInstanceVariables: z.array(variableValueFilter).optional(),
  localVariables: z.array(variableValueFilter).optional(),
  userTaskKey: key.optional(),
  processDefinitionKey: key.optional(),
  processInstanceKey: key.optional(),
  elementInstanceKey: key.optional(),
});

const searchBody = searchRequest(filter, [
  'creationDate',
  'completionDate',
  'followUpDate',
  'dueDate',
  'priority',
  'name',
]);
const variablesBody = searchRequest(z.strictObject({ name: stringFilter.optional() }), VARIABLE_SORT);

const assignment = z.strictObject({
  assignee: z.string().min(1, 'expected a non-empty assignee'),
  allowOverride: z.boolean().nullable().optional(),
  action: z.string().nullable().optional(),
});

/** `""` clears a date, `null` or absence keeps it. */
const clearableDate = z.union([z.literal(''), dateTime]);

const update = z.strictObject({
  changeset: z
    .strictObject({
      dueDate: clearableDate.nullable().optional(),
      followUpDate: clearableDate.nullable().optional(),
      candidateUsers: z.array(z.string()).nullable().optional(),
      candidateGroups: z.array(z.string()).nullable().optional(),
      priority: z.number().int().min(0).max(100).nullable().optional(),
    })
    .nullable()
    .optional(),
  action: z.string().nullable().optional(),
});

const completion = z.strictObject({
  variables: jsonObject.nullable().optional(),
  action: z.string().nullable().optional(),
});

export const userTaskRoutes: RouteModule = (router, ctx) => {
  const tasks = ctx.queries.userTasks;
  const command = (intent: string, raw: unknown, value: Parameters<typeof userTaskValue>[0]) => {
    const k = pathKey(raw, 'userTaskKey');
    return runHeld(ctx, 'USER_TASK', intent, userTaskValue({ ...value, userTaskKey: k }), k);
  };

  router.post('/user-tasks/search', (req, res) => {
    const q = parse(searchBody, req.body);
    res.json(tasks.search(q.filter, q.sort, q.page));
  });

  router.get('/user-tasks/:key', (req, res) => {
    const k = pathKey(req.params.key, 'userTaskKey');
    const task = tasks.get(k);
    if (!task) throw notFound(`User task with key '${k}' not found`);
    res.json(task);
  });

  router.get('/user-tasks/:key/form', (req, res) => {
    const k = pathKey(req.params.key, 'userTaskKey');
    const task = tasks.get(k);
    if (!task) throw notFound(`User task with key '${k}' not found`);
    const form = task.formKey ? ctx.queries.definitions.form(Number(task.formKey)) : undefined;
    if (form) res.json(form);
    else res.status(204).end();
  });

  router.post('/user-tasks/:key/variables/search', (req, res) => {
    const k = pathKey(req.params.key, 'userTaskKey');
    const q = parse(variablesBody, req.body);
    const result = tasks.variables(k, q.filter, q.sort, q.page, truncateValues(req.query.truncateValues));
    if (!result) throw notFound(`User task with key '${k}' not found`);
    res.json(result);
  });

  router.post('/user-tasks/:key/assignment', async (req, res) => {
    const body = parse(assignment, req.body);
    const claim = body.allowOverride === false;
    await command(claim ? 'CLAIM' : 'ASSIGN', req.params.key, {
      assignee: body.assignee,
      action: body.action ?? '',
    });
    res.status(204).end();
  });

  router.delete('/user-tasks/:key/assignee', async (req, res) => {
    await command('ASSIGN', req.params.key, { assignee: '', action: 'unassign' });
    res.status(204).end();
  });

  router.patch('/user-tasks/:key', async (req, res) => {
    const body = parse(update, req.body);
    const c = body.changeset ?? {};
    const value: Parameters<typeof userTaskValue>[0] = { action: body.action ?? '' };
    // Zeebe's attribute names; null or absent keeps the attribute, '' or [] clears it.
    if (c.dueDate != null) value.dueDate = c.dueDate;
    if (c.followUpDate != null) value.followUpDate = c.followUpDate;
    if (c.candidateGroups != null) value.candidateGroupsList = c.candidateGroups;
    if (c.candidateUsers != null) value.candidateUsersList = c.candidateUsers;
    if (c.priority != null) value.priority = c.priority;
    const changed = [
      'dueDate',
      'followUpDate',
      'candidateGroupsList',
      'candidateUsersList',
      'priority',
    ].filter((a) => a in value);
    if (changed.length === 0 && !body.action)
      throw invalidArgument(
        "No update data provided: give an 'action' or a non-null value for one of 'changeset.dueDate', 'changeset.followUpDate', 'changeset.candidateUsers', 'changeset.candidateGroups', 'changeset.priority'",
      );
    await command('UPDATE', req.params.key, { ...value, changedAttributes: changed });
    res.status(204).end();
  });

  router.post('/user-tasks/:key/completion', async (req, res) => {
    const body = parse(completion, req.body);
    await command('COMPLETE', req.params.key, { variables: body.variables ?? {}, action: body.action ?? '' });
    res.status(204).end();
  });
};
