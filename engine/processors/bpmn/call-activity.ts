// Call activities (ZEEBE-SEMANTICS §2.6): resolve the called process by binding type, start it
// with the parent's variables, complete with the child's variables when it completes, and
// terminate the child when the call activity is terminated.
import type { EngineContext } from '../context';
import type { BpmnElementContext, BpmnElementProcessor } from './types';
import type { ActivityBehavior } from './activity';
import type { ProcessValue, VariableDocument } from '../../protocol/values';
import { ownerOf } from '../../behaviors/variables';
import { newInstanceValue } from '../../protocol/defaults';

export class CallActivityProcessor implements BpmnElementProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

  onActivate(c: BpmnElementContext): void {
    const { b, expressions, state, w, keys } = this.ctx;
    const called = c.element.calledElement!;
    if (!this.activity.enter(c)) return;
    const id = expressions.string(called.processId, b.variables.lookup(c.key));
    if (!id.ok) {
      b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', id.message);
      return;
    }
    const definition = this.resolve(c, id.value);
    if (!definition) {
      b.incidents.raise(
        c.instance,
        'CALLED_ELEMENT_ERROR',
        `Expected process with BPMN process id '${id.value}' to be deployed${called.bindingType === 'latest' ? '' : ` (binding type '${called.bindingType}')`}, but not found.`,
      );
      return;
    }
    const model = state.definitions.model(definition.processDefinitionKey);
    if (!model.root.noneStartEvent) {
      b.incidents.raise(
        c.instance,
        'CALLED_ELEMENT_ERROR',
        `Expected process with BPMN process id '${id.value}' to have a none start event, but not found.`,
      );
      return;
    }
    this.activity.activated(c);
    const childKey = keys.next();
    const child = newInstanceValue(definition, childKey, {
      processInstanceKey: c.value.processInstanceKey,
      elementInstanceKey: c.key,
    });
    let variables: VariableDocument = {};
    if (called.propagateAllParentVariables) variables = b.variables.collect(c.key);
    else if (c.element.inputMappings.length > 0) variables = b.variables.localDocument(c.key);
    b.variables.setLocalDocument(childKey, variables, ownerOf(child));
    w.appendCommand(childKey, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', child);
  }

  private resolve(c: BpmnElementContext, processId: string): ProcessValue | undefined {
    const { definitions } = this.ctx.state;
    const called = c.element.calledElement!;
    if (called.bindingType === 'deployment') {
      const own = definitions.process(c.value.processDefinitionKey);
      return own && definitions.processInDeployment(own.deploymentKey, processId);
    }
    if (called.bindingType === 'versionTag')
      return definitions.latestProcessWithTag(processId, called.versionTag ?? '');
    return definitions.latestProcess(processId);
  }

  onComplete(c: BpmnElementContext): void {
    const { state, b } = this.ctx;
    const trigger = state.trigger(c.key);
    if (trigger) b.triggers.triggered(c, trigger);
    const called = c.element.calledElement!;
    const results =
      called.propagateAllChildVariables || c.element.outputMappings.length > 0
        ? (trigger?.variables ?? null)
        : null;
    this.activity.complete(c, results);
  }

  onTerminate(c: BpmnElementContext): void {
    const child =
      c.instance.calledChildKey > 0 ? this.ctx.state.elements.get(c.instance.calledChildKey) : undefined;
    if (!child) {
      this.activity.terminate(c);
      return;
    }
    this.ctx.b.subscriptions.close(c.key);
    if (child.state !== 'ELEMENT_TERMINATING')
      this.ctx.b.transitions.terminateElement(child.key, child.value);
  }

  /** The called instance ended: complete with its variables, or finish our own termination. */
  onChildProcessEnded(
    callActivityKey: number,
    outcome: 'completed' | 'terminated',
    variables: VariableDocument,
  ): void {
    const { b } = this.ctx;
    const c = b.transitions.scopeContext(callActivityKey);
    if (!c) return;
    if (outcome === 'terminated') {
      if (c.instance.state === 'ELEMENT_TERMINATING') this.activity.terminate(c);
      return;
    }
    if (c.instance.state !== 'ELEMENT_ACTIVATED') return;
    b.triggers.triggering(c.key, c.element.id, variables, c.value);
    b.transitions.completeElement(c);
  }
}
