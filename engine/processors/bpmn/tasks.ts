// Task processors: job-worker tasks (service, send, business rule, script without zeebe:script,
// job-based user tasks, message throw/end events), script tasks, receive tasks and the
// pass-through manual and undefined tasks.
import type { EngineContext } from '../context';
import type { BpmnElementContext, BpmnElementProcessor } from './types';
import { ActivityBehavior } from './activity';

export class JobWorkerTaskProcessor implements BpmnElementProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

  onActivate(c: BpmnElementContext): void {
    const { b } = this.ctx;
    if (!this.activity.enter(c)) return;
    const job = b.jobs.evaluate(c.element, c.instance);
    if (!job.ok) {
      b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', job.message);
      return;
    }
    const headers = c.element.userTask ? this.userTaskHeaders(c) : undefined;
    if (headers === null) return;
    this.activity.activated(c);
    b.jobs.create(c.element, c.instance, job.value.type, job.value.retries, headers);
  }

  /** Job-based user tasks carry assignment, schedule and form in reserved headers. */
  private userTaskHeaders(c: BpmnElementContext): Record<string, string> | null {
    const { b, expressions } = this.ctx;
    const ut = c.element.userTask!;
    const lookup = b.variables.lookup(c.key);
    const headers: Record<string, string> = {};
    const put = (name: string, value: string | null) => {
      if (value !== null && value !== '') headers[`io.camunda.zeebe:${name}`] = value;
    };
    const fail = (message: string) => {
      b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', message);
      return null;
    };
    if (ut.assignee) {
      const r = expressions.string(ut.assignee, lookup);
      if (!r.ok) return fail(r.message);
      put('assignee', r.value);
    }
    for (const [name, expr] of [
      ['candidateGroups', ut.candidateGroups],
      ['candidateUsers', ut.candidateUsers],
    ] as const) {
      if (!expr) continue;
      const r = expressions.stringList(expr, lookup);
      if (!r.ok) return fail(r.message);
      put(name, JSON.stringify(r.value));
    }
    for (const [name, expr] of [
      ['dueDate', ut.dueDate],
      ['followUpDate', ut.followUpDate],
    ] as const) {
      if (!expr) continue;
      const r = expressions.optionalDateTime(expr, lookup);
      if (!r.ok) return fail(r.message);
      put(name, r.value);
    }
    put('formKey', ut.externalFormReference);
    return headers;
  }

  onComplete(c: BpmnElementContext): void {
    this.activity.complete(c, this.ctx.state.trigger(c.key)?.variables ?? null);
  }

  onTerminate(c: BpmnElementContext): void {
    this.ctx.b.jobs.cancel(c.instance);
    this.activity.terminate(c);
  }
}

/**
 * Tasks the engine finishes itself as they activate (script tasks, business-rule tasks calling a decision): the
 * result travels like a job's result, as the trigger the completion consumes.
 */
export abstract class ImmediateResultTaskProcessor implements BpmnElementProcessor {
  constructor(
    protected readonly ctx: EngineContext,
    protected readonly activity: ActivityBehavior,
  ) {}

  abstract onActivate(c: BpmnElementContext): void;

  /** Activated, with `variable` set to `value` on completion. */
  protected finish(c: BpmnElementContext, variable: string, value: unknown): void {
    this.activity.activated(c);
    this.ctx.b.triggers.triggering(c.key, c.element.id, { [variable]: value }, c.value);
    this.ctx.b.transitions.completeElement(c);
  }

  onComplete(c: BpmnElementContext): void {
    const trigger = this.ctx.state.trigger(c.key);
    if (trigger) this.ctx.b.triggers.triggered(c, trigger);
    this.activity.complete(c, trigger?.variables ?? null);
  }

  onTerminate(c: BpmnElementContext): void {
    this.activity.terminate(c);
  }
}

export class ScriptTaskProcessor extends ImmediateResultTaskProcessor {
  onActivate(c: BpmnElementContext): void {
    const { b, expressions } = this.ctx;
    if (!this.activity.enter(c)) return;
    const script = c.element.script!;
    const r = expressions.evaluate(script.expression, b.variables.lookup(c.key));
    if (!r.ok) {
      b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', r.message);
      return;
    }
    this.finish(c, script.resultVariable, r.value);
  }
}

/** Receive tasks and intermediate catch events: wait for their event, complete with its variables. */
export class CatchEventProcessor implements BpmnElementProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

  onActivate(c: BpmnElementContext): void {
    if (!this.activity.enter(c)) return;
    this.activity.activated(c);
    if (c.element.incoming.some((f) => f.source.type === 'EVENT_BASED_GATEWAY')) {
      // The gateway already received this event; its variables are this element's locals.
      this.ctx.b.transitions.completeElement(c);
    }
  }

  onComplete(c: BpmnElementContext): void {
    const trigger = this.ctx.state.trigger(c.key);
    if (trigger) this.ctx.b.triggers.triggered(c, trigger);
    const afterGateway = c.element.incoming.some((f) => f.source.type === 'EVENT_BASED_GATEWAY');
    if (!this.activity.leave(c, trigger?.variables ?? null, afterGateway)) return;
    this.ctx.b.transitions.completeAndLeave(c);
  }

  onTerminate(c: BpmnElementContext): void {
    this.activity.terminate(c);
  }
}

/** Manual and undefined tasks: no wait state, mappings only. */
export class PassThroughTaskProcessor implements BpmnElementProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

  onActivate(c: BpmnElementContext): void {
    if (!this.activity.startListeners(c)) return;
    this.ctx.b.transitions.activated(c);
    this.ctx.b.transitions.completeElement(c);
  }

  onComplete(c: BpmnElementContext): void {
    this.activity.complete(c, null);
  }

  onTerminate(c: BpmnElementContext): void {
    this.activity.terminate(c);
  }
}
