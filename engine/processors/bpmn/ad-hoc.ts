// Ad-hoc subprocesses as Zeebe 8.8 runs them (its AdHocSubProcessProcessor and BpmnAdHocSubProcessBehavior): on
// activation the local `adHocSubProcessElements` (and an empty output collection) are set and the input mappings
// applied. Run by the engine (BPMN), `activeElementsCollection` is evaluated and every element it names activated,
// each in an inner instance of its own; each inner instance that completes adds its outputElement to the output
// collection and has the completion condition evaluated. Without a condition the subprocess completes when nothing
// is active; with one, when it holds — at once when cancelRemainingInstances (the rest is terminated), else once
// nothing is active. Run by a job worker (JOB_WORKER), a job is created instead, and again each time an inner
// instance completes (the open one canceled first); the worker's results activate elements and fulfil the
// condition (processors/instance/ad-hoc-instructions.ts), after which the subprocess completes as above.
import type { EngineContext } from '../context';
import type { BpmnContainerProcessor, BpmnElementContext } from './types';
import type { ActivityBehavior } from './activity';
import type { ContainerProcessor } from './containers';
import type { Key } from '../../protocol/keys';

export const AD_HOC_ELEMENTS_VARIABLE = 'adHocSubProcessElements';

export class AdHocSubProcessProcessor implements BpmnContainerProcessor {
  /** Completion conditions met by the child completing in the current command. */
  private readonly conditionMet = new Set<Key>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
    private readonly container: ContainerProcessor,
  ) {}

  onActivate(c: BpmnElementContext): void {
    const { b } = this.ctx;
    const adHoc = c.element.adHoc!;
    if (b.listeners.done(c) === 0) {
      b.variables.setLocal(c.key, AD_HOC_ELEMENTS_VARIABLE, adHoc.metadata);
      if (adHoc.outputCollection) b.variables.setLocal(c.key, adHoc.outputCollection, []);
    }
    if (!this.activity.startListeners(c)) return;
    if (adHoc.implementation === 'JOB_WORKER') this.activateWithJob(c);
    else this.activateElements(c);
  }

  /** Zeebe's order: the job's type and retries, the subscriptions, then the job and ACTIVATED. */
  private activateWithJob(c: BpmnElementContext): void {
    const { b } = this.ctx;
    const job = b.jobs.evaluate(c.element, c.instance);
    if (!job.ok) {
      b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', job.message);
      return;
    }
    const failure = b.subscriptions.open(c);
    if (failure) {
      b.incidents.raise(c.instance, failure.errorType, failure.message);
      return;
    }
    b.adHoc.createJob(c, job.value);
    this.activity.activated(c);
  }

  private activateElements(c: BpmnElementContext): void {
    const { b, expressions } = this.ctx;
    const adHoc = c.element.adHoc!;
    let ids: string[] = [];
    if (adHoc.activeElementsCollection) {
      const r = expressions.stringArray(adHoc.activeElementsCollection, b.variables.lookup(c.key));
      if (!r.ok) {
        b.incidents.raise(
          c.instance,
          'EXTRACT_VALUE_ERROR',
          `Failed to activate ad-hoc elements. ${r.message}`,
        );
        return;
      }
      ids = r.value;
    }
    const byId = new Map(adHoc.activities.map((a) => [a.id, a]));
    const unknown = ids.filter((id) => !byId.has(id));
    if (unknown.length > 0) {
      const list = unknown.map((id) => `'${id}'`).join(', ');
      b.incidents.raise(
        c.instance,
        'EXTRACT_VALUE_ERROR',
        `Failed to activate ad-hoc elements. No BPMN elements found with ids: ${list}.`,
      );
      return;
    }
    const failure = b.subscriptions.open(c);
    if (failure) {
      b.incidents.raise(c.instance, failure.errorType, failure.message);
      return;
    }
    this.activity.activated(c);
    for (const id of ids) b.adHoc.activateElement(c, byId.get(id)!);
  }

  beforeChildCompleted(scope: BpmnElementContext, child: BpmnElementContext): string | undefined {
    const { b, expressions, state } = this.ctx;
    const adHoc = scope.element.adHoc!;
    if (adHoc.outputCollection && adHoc.outputElement) {
      const r = expressions.evaluate(adHoc.outputElement, b.variables.lookup(child.key));
      if (!r.ok) return r.message;
      const current = state.variables.getLocal(scope.key, adHoc.outputCollection);
      const collected = current ? (JSON.parse(current.value) as unknown) : [];
      if (!Array.isArray(collected))
        return `The output collection has the wrong type. Expected ARRAY but was ${typeof collected}.`;
      b.variables.setLocal(scope.key, adHoc.outputCollection, [...collected, r.value]);
    }
    // A job worker decides on completion itself: the condition is not evaluated.
    if (adHoc.completionCondition && adHoc.implementation === 'BPMN') {
      const r = expressions.boolean(adHoc.completionCondition, b.variables.lookup(scope.key));
      if (!r.ok) return `Failed to evaluate completion condition. ${r.message}`;
      if (r.value) this.conditionMet.add(scope.key);
    }
    return undefined;
  }

  onChildCompleted(scope: BpmnElementContext, _child: BpmnElementContext): void {
    const { b } = this.ctx;
    if (scope.instance.state !== 'ELEMENT_ACTIVATED') return;
    const adHoc = scope.element.adHoc!;
    if (adHoc.implementation === 'JOB_WORKER') {
      // One job at a time: the one still open (its worker may still be deciding) makes way for a new one.
      b.jobs.cancel(scope.instance);
      if (scope.instance.completionConditionFulfilled)
        b.adHoc.completionConditionFulfilled(scope, adHoc.cancelRemainingInstances);
      else {
        // As Zeebe (JobWorkerBehavior): a type or retries that no longer evaluate create no job and no incident.
        const job = b.jobs.evaluate(scope.element, scope.instance);
        if (job.ok) b.adHoc.createJob(scope, job.value);
      }
      return;
    }
    const met = this.conditionMet.delete(scope.key);
    if (adHoc.completionCondition && !met) return;
    b.adHoc.completionConditionFulfilled(scope, met && adHoc.cancelRemainingInstances);
  }

  onChildTerminated(scope: BpmnElementContext, child: BpmnElementContext): void {
    this.container.onChildTerminated(scope, child);
  }

  onComplete(c: BpmnElementContext): void {
    const { b, state } = this.ctx;
    // A job created before the condition was fulfilled has nothing left to decide.
    if (b.listeners.done(c) === 0) b.jobs.cancel(c.instance);
    const name = c.element.adHoc!.outputCollection;
    const output = name ? state.variables.getLocal(c.key, name) : undefined;
    if (output && b.listeners.done(c) === 0)
      b.variables.propagate(c.value.flowScopeKey, { [name!]: JSON.parse(output.value) });
    this.activity.complete(c, null);
  }

  onTerminate(c: BpmnElementContext): void {
    // As Zeebe: the subprocess's own job goes first, then its inner instances.
    this.ctx.b.jobs.cancel(c.instance);
    this.container.onTerminate(c);
  }
}
