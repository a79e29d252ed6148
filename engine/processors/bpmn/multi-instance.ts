// The multi-instance body (ZEEBE-SEMANTICS §2.7): one inner instance per item of the input
// collection, all at once (parallel) or one after the other (sequential); the output collection
// keeps input order; the completion condition can end the remaining instances early.
import type { EngineContext } from '../context';
import type { BpmnContainerProcessor, BpmnElementContext } from './types';
import type { ActivityBehavior } from './activity';
import type { Key } from '../../protocol/keys';
import { ownerOf } from '../../behaviors/variables';

export class MultiInstanceBodyProcessor implements BpmnContainerProcessor {
  /** Completion conditions met by the child completing in the current command. */
  private readonly conditionMet = new Set<Key>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

  private collection(c: BpmnElementContext, scopeKey: Key) {
    return this.ctx.expressions.array(c.element.loop!.inputCollection, this.ctx.b.variables.lookup(scopeKey));
  }

  onActivate(c: BpmnElementContext): void {
    const { b } = this.ctx;
    const loop = c.element.loop!;
    const items = this.collection(c, c.key);
    if (!items.ok) {
      b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', items.message);
      return;
    }
    const failure = b.subscriptions.open(c);
    if (failure) {
      b.incidents.raise(c.instance, failure.errorType, failure.message);
      return;
    }
    if (loop.outputCollection)
      b.variables.setLocal(
        c.key,
        loop.outputCollection,
        items.value.map(() => null),
      );
    this.activity.activated(c);
    if (items.value.length === 0) {
      b.transitions.completeElement(c);
      return;
    }
    const count = loop.sequential ? 1 : items.value.length;
    for (let i = 0; i < count; i++) this.createInner(c, items.value[i], i + 1);
  }

  private createInner(body: BpmnElementContext, item: unknown, index: number): void {
    const { b, keys } = this.ctx;
    const loop = body.element.loop!;
    const key = keys.next();
    const owner = ownerOf(body.value);
    if (loop.inputElement) b.variables.setLocal(key, loop.inputElement, item, owner);
    // An outputElement that is a variable (or a property of one) gets a local null so results land
    // in this instance, unless that variable is the input element or loopCounter (already local).
    const out = loop.outputElement;
    const outName = out && !out.static ? out.feel.path?.[0] : undefined;
    if (outName && outName !== loop.inputElement && outName !== 'loopCounter')
      b.variables.setLocal(key, outName, null, owner);
    b.variables.setLocal(key, 'loopCounter', index, owner);
    b.transitions.activateChild(body.key, body.value, body.element, key);
  }

  beforeChildCompleted(body: BpmnElementContext, child: BpmnElementContext): string | undefined {
    const { b, expressions, state } = this.ctx;
    const loop = body.element.loop!;
    const lookup = b.variables.lookup(child.key);
    if (loop.outputCollection && loop.outputElement) {
      const r = expressions.evaluate(loop.outputElement, lookup);
      if (!r.ok) return r.message;
      const current = state.variables.getLocal(body.key, loop.outputCollection);
      const list = current ? (JSON.parse(current.value) as unknown[]) : [];
      list[child.instance.loopCounter - 1] = r.value;
      b.variables.setLocal(body.key, loop.outputCollection, list);
    }
    if (loop.completionCondition) {
      const inst = body.instance;
      const total = this.collection(body, body.key);
      const overlay = {
        numberOfInstances: total.ok ? total.value.length : inst.createdInstances,
        numberOfActiveInstances: inst.activeChildren - 1,
        numberOfCompletedInstances: inst.completedChildren + 1,
        numberOfTerminatedInstances: inst.terminatedChildren,
      };
      const r = expressions.boolean(loop.completionCondition, b.variables.lookup(child.key, overlay));
      if (!r.ok) return r.message;
      if (r.value) this.conditionMet.add(body.key);
    }
    return undefined;
  }

  onChildCompleted(body: BpmnElementContext, _child: BpmnElementContext): void {
    const { b } = this.ctx;
    if (body.instance.state !== 'ELEMENT_ACTIVATED') return;
    if (this.conditionMet.delete(body.key)) {
      if (b.transitions.terminateChildren(body.key)) b.transitions.completeElement(body);
      return;
    }
    if (body.element.loop!.sequential) {
      const items = this.collection(body, body.key);
      const next = body.instance.createdInstances;
      if (items.ok && next < items.value.length) {
        this.createInner(body, items.value[next], next + 1);
        return;
      }
    }
    if (body.instance.activeChildren === 0) b.transitions.completeElement(body);
  }

  onChildTerminated(body: BpmnElementContext, _child: BpmnElementContext): void {
    if (body.instance.activeChildren > 0) return;
    if (body.instance.state === 'ELEMENT_TERMINATING') this.activity.terminate(body);
    else if (body.instance.state === 'ELEMENT_ACTIVATED') this.ctx.b.transitions.completeElement(body);
  }

  onComplete(c: BpmnElementContext): void {
    const { b, state } = this.ctx;
    const loop = c.element.loop!;
    const output = loop.outputCollection ? state.variables.getLocal(c.key, loop.outputCollection) : undefined;
    b.subscriptions.close(c.key);
    if (output)
      b.variables.propagate(c.value.flowScopeKey, { [loop.outputCollection!]: JSON.parse(output.value) });
    b.transitions.completeAndLeave(c);
  }

  onTerminate(c: BpmnElementContext): void {
    const { b } = this.ctx;
    b.subscriptions.close(c.key);
    b.incidents.resolveFor(c.instance);
    if (b.transitions.terminateChildren(c.key)) this.activity.terminate(c);
  }
}
