// Users at work through the REST API v2, the way the web's task inbox does it: search the open tasks of a
// candidate group (a unit code, or coordinators / leaders), assign one to the user, complete it with the
// form's variables. Waits poll the searches (eventually consistent, as in Camunda) and fail at once, with the
// incident's message, when the engine raised an incident.
import type { CamundaRestClient } from '@camunda8/sdk/dist/c8/lib/CamundaRestClient';
import type { UserTask } from '@camunda8/sdk/dist/c8/lib/C8Dto';

export type Variables = Record<string, unknown>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class UserInbox {
  constructor(private readonly rest: CamundaRestClient) {}

  /** Throws with the incident's message when any incident is active. */
  async assertNoIncident(): Promise<void> {
    const incidents = await this.rest.searchIncidents({ filter: { state: 'ACTIVE' } });
    if (incidents.items.length)
      throw new Error(
        `incident: ${incidents.items.map((i) => `${i.elementId} ${i.errorType} ${i.errorMessage}`).join(' | ')}`,
      );
  }

  /** Polls `probe` until it answers something defined, checking for incidents in between. */
  async until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      await this.assertNoIncident();
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  /** Open tasks a candidate group sees (its inbox), optionally of one element. */
  async open(group: string, elementId?: string): Promise<UserTask[]> {
    const result = await this.rest.searchUserTasks({
      filter: { candidateGroup: group, state: 'CREATED', ...(elementId ? { elementId } : {}) },
      page: { from: 0, limit: 100 },
    });
    return result.items;
  }

  /** Waits until the group has `count` open tasks of the element and returns them. */
  async waitFor(group: string, elementId: string, count = 1): Promise<UserTask[]> {
    return this.until(`${count} × ${elementId} in the inbox of ${group}`, async () => {
      const tasks = await this.open(group, elementId);
      return tasks.length >= count ? tasks : undefined;
    });
  }

  /** Takes the group's open task of the element, assigns it to the user and completes it with the form's variables. */
  async complete(
    group: string,
    elementId: string,
    assignee: string,
    variables: Variables,
    pick: (tasks: UserTask[]) => UserTask | undefined = (t) => t[0],
  ): Promise<UserTask> {
    const task = await this.until(`${elementId} in the inbox of ${group}`, async () =>
      pick(await this.open(group, elementId)),
    );
    await this.rest.assignUserTask({ userTaskKey: task.userTaskKey, assignee });
    await this.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: variables as never });
    return task;
  }

  /** The variables the task's form starts with (what the web passes to form-js), JSON-parsed. */
  async variables(task: UserTask): Promise<Variables> {
    const r = await this.rest.searchUserTaskVariables({
      userTaskKey: task.userTaskKey,
      page: { from: 0, limit: 100 },
    });
    const out: Variables = {};
    for (const v of r.items) if (!(v.name in out)) out[v.name] = JSON.parse(v.value) as unknown;
    return out;
  }

  /** Waits until the process instance is in the state (COMPLETED by default). */
  async instanceState(
    processInstanceKey: string,
    state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' = 'COMPLETED',
  ) {
    return this.until(`instance ${processInstanceKey} ${state}`, async () => {
      const r = await this.rest.searchProcessInstances({ filter: { processInstanceKey } });
      return r.items[0]?.state === state ? r.items[0] : undefined;
    });
  }

  /** The process instances of a definition (e.g. the rectification items a meeting called). */
  async instancesOf(processDefinitionId: string, state?: 'ACTIVE' | 'COMPLETED' | 'TERMINATED') {
    const r = await this.rest.searchProcessInstances({
      filter: { processDefinitionId, ...(state ? { state } : {}) },
      page: { from: 0, limit: 100 },
    });
    return r.items;
  }
}
