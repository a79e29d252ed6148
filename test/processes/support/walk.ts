// Walks a model through the real engine without the real workers: every job type found in the models is served
// by a test-only stub that answers the variables the README's job table promises, and user tasks are completed
// through the engine's USER_TASK COMPLETE command (what the REST API sends) with answers the test gives.
// Proves the models execute end to end; the workers' own path tests come with the workers.
import type { TestEngine } from '../../engine/support/harness';
import type { UserTaskValue } from '../../../engine/protocol/values';
import { deployAll } from './engine';
import { extension, flowElements, modelFiles, parseModel, processOf } from './models';

export type Variables = Record<string, unknown>;

export interface JobSeen {
  type: string;
  elementId: string;
  bpmnProcessId: string;
  headers: Record<string, string>;
  variables: Variables;
}

/** Answers a job with the variables its worker would complete it with, or `{ $error: code }` for a BPMN error. */
export type JobStub = (job: JobSeen) => Variables;

/** Answers a user task (the n-th of its element, from 1) with the variables its form would submit; undefined leaves it open. */
export type TaskAnswer = (task: UserTaskValue, n: number) => Variables | undefined;

export async function jobTypes(): Promise<string[]> {
  const types = new Set<string>();
  for (const m of modelFiles()) {
    const { rootElement } = await parseModel(m.xml);
    for (const e of flowElements(processOf(rootElement))) {
      const type = extension(e, 'zeebe:TaskDefinition')?.type;
      if (typeof type === 'string') types.add(type);
    }
  }
  return [...types].sort();
}

export class Walk {
  readonly jobs: JobSeen[] = [];
  readonly tasks: UserTaskValue[] = [];
  private readonly completed = new Set<number>();
  private readonly seenPerElement = new Map<string, number>();

  constructor(
    private readonly t: TestEngine,
    private readonly stubs: Record<string, JobStub>,
    private readonly answer: TaskAnswer,
  ) {}

  async start(): Promise<void> {
    await deployAll(this.t.zeebe);
    for (const type of await jobTypes()) {
      this.t.zeebe.streamJobs({
        type,
        worker: 'model-walk',
        timeout: 30_000,
        tenantIds: ['<default>'],
        taskHandler: (job) => {
          const seen: JobSeen = {
            type,
            elementId: job.elementId,
            bpmnProcessId: job.bpmnProcessId,
            headers: job.customHeaders as Record<string, string>,
            variables: job.variables as Variables,
          };
          this.jobs.push(seen);
          const { $error, ...variables } = this.stubs[type]?.(seen) ?? {};
          if (typeof $error === 'string') return job.error($error, '测试：重复发起');
          return job.complete(variables as never);
        },
      });
    }
  }

  /** Completes open user tasks as answered until `done` holds; fails on the first incident. */
  async until(done: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const incident = this.t.records.events('INCIDENT', 'CREATED')[0];
      if (incident) throw new Error(`incident: ${JSON.stringify(incident.value)}`);
      if (Date.now() > deadline)
        throw new Error(`walk timed out; open user tasks: ${this.openTasks().map((t) => t.elementId)}`);
      for (const task of this.openTasks()) {
        const variables = this.answer(task, this.countOf(task));
        if (variables === undefined) continue;
        const r = await this.t.server.engine.execute(
          'USER_TASK',
          'COMPLETE',
          { ...task, variables, action: '' },
          Number(task.userTaskKey),
        );
        if (!r.ok) throw new Error(`completing ${task.elementId}: ${r.reason}`);
        this.completed.add(Number(task.userTaskKey));
        this.tasks.push(task);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Resolves once the engine holds the answer of every job the stubs took. A test that moves the clock past a
   * job's timeout while its completion is still on the way times the job out, and the engine hands it out
   * again, as Zeebe does: the stub then sees it twice.
   */
  async answered(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const answers = () =>
      this.t.records.events('JOB').filter((r) => r.intent === 'COMPLETED' || r.intent === 'ERROR_THROWN')
        .length;
    while (answers() < this.jobs.length) {
      if (Date.now() > deadline)
        throw new Error(
          `${this.jobs.length - answers()} job(s) taken but not answered after ${timeoutMs} ms`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private countOf(task: UserTaskValue): number {
    const id = `${task.bpmnProcessId}/${task.elementId}`;
    const key = `${id}#${task.userTaskKey}`;
    if (!this.seenPerElement.has(key)) {
      const n = [...this.seenPerElement.keys()].filter((k) => k.startsWith(`${id}#`)).length + 1;
      this.seenPerElement.set(key, n);
    }
    return this.seenPerElement.get(key)!;
  }

  openTasks(): UserTaskValue[] {
    const closed = new Set(
      this.t.records
        .events('USER_TASK')
        .filter((r) => r.intent === 'COMPLETED' || r.intent === 'CANCELED')
        .map((r) => Number(r.key)),
    );
    return this.t.records
      .events('USER_TASK', 'CREATED')
      .filter((r) => !closed.has(Number(r.key)) && !this.completed.has(Number(r.key)))
      .map((r) => ({ ...r.value, userTaskKey: r.key }) as UserTaskValue);
  }

  ended(bpmnProcessId: string): number {
    return this.t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_COMPLETED')
      .filter((r) => r.value.bpmnElementType === 'PROCESS' && r.value.bpmnProcessId === bpmnProcessId).length;
  }

  jobsOf(type: string): JobSeen[] {
    return this.jobs.filter((j) => j.type === type);
  }
}
