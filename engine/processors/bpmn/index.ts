// The BPMN stream processor: handles ACTIVATE_ELEMENT, COMPLETE_ELEMENT and TERMINATE_ELEMENT by
// writing the lifecycle transition and handing over to the processor of the element's kind.
import { BusinessRuleTaskProcessor } from './business-rule-task';
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { ProcessInstanceValue, VariableDocument } from '../../protocol/values';
import type { BpmnContainerProcessor, BpmnElementContext, BpmnElementProcessor } from './types';
import { ActivityBehavior } from './activity';
import {
  CatchEventProcessor,
  JobWorkerTaskProcessor,
  PassThroughTaskProcessor,
  ScriptTaskProcessor,
} from './tasks';
import { UserTaskProcessor } from './user-task';
import {
  EventBasedGatewayProcessor,
  ExclusiveGatewayProcessor,
  InclusiveGatewayProcessor,
  ParallelGatewayProcessor,
} from './gateways';
import { StartOrBoundaryEventProcessor, ThrowEventProcessor } from './events';
import { ContainerProcessor } from './containers';
import { MultiInstanceBodyProcessor } from './multi-instance';
import { CallActivityProcessor } from './call-activity';
import { AdHocSubProcessProcessor } from './ad-hoc';
import { treePathOf, withTreePath } from '../instance/tree-path';

export class BpmnProcessors {
  private readonly jobTask: JobWorkerTaskProcessor;
  private readonly script: ScriptTaskProcessor;
  private readonly businessRule: BusinessRuleTaskProcessor;
  private readonly catchEvent: CatchEventProcessor;
  private readonly passThrough: PassThroughTaskProcessor;
  private readonly userTask: UserTaskProcessor;
  private readonly byType: Partial<Record<string, BpmnElementProcessor>>;
  private readonly container: ContainerProcessor;
  private readonly multiInstance: MultiInstanceBodyProcessor;
  private readonly adHoc: AdHocSubProcessProcessor;
  readonly callActivity: CallActivityProcessor;

  constructor(
    private readonly ctx: EngineContext,
    onRootEnded: (
      c: BpmnElementContext,
      outcome: 'completed' | 'terminated',
      variables: VariableDocument,
    ) => void,
  ) {
    const activity = new ActivityBehavior(ctx);
    this.jobTask = new JobWorkerTaskProcessor(ctx, activity);
    this.script = new ScriptTaskProcessor(ctx, activity);
    this.businessRule = new BusinessRuleTaskProcessor(ctx, activity);
    this.catchEvent = new CatchEventProcessor(ctx, activity);
    this.passThrough = new PassThroughTaskProcessor(ctx, activity);
    this.userTask = new UserTaskProcessor(ctx, activity);
    this.callActivity = new CallActivityProcessor(ctx, activity);
    this.multiInstance = new MultiInstanceBodyProcessor(ctx, activity);
    this.container = new ContainerProcessor(ctx, activity, (c, outcome, variables) => {
      const parent = c.value.parentElementInstanceKey;
      if (parent > 0) this.callActivity.onChildProcessEnded(parent, outcome, variables);
      onRootEnded(c, outcome, variables);
    });
    this.adHoc = new AdHocSubProcessProcessor(ctx, activity, this.container);
    const startOrBoundary = new StartOrBoundaryEventProcessor(ctx, activity);
    const throwEvent = new ThrowEventProcessor(ctx, activity);
    this.byType = {
      PROCESS: this.container,
      SUB_PROCESS: this.container,
      EVENT_SUB_PROCESS: this.container,
      AD_HOC_SUB_PROCESS: this.adHoc,
      AD_HOC_SUB_PROCESS_INNER_INSTANCE: this.container,
      MULTI_INSTANCE_BODY: this.multiInstance,
      CALL_ACTIVITY: this.callActivity,
      SERVICE_TASK: this.jobTask,
      SEND_TASK: this.jobTask,
      BUSINESS_RULE_TASK: this.jobTask,
      RECEIVE_TASK: this.catchEvent,
      INTERMEDIATE_CATCH_EVENT: this.catchEvent,
      MANUAL_TASK: this.passThrough,
      TASK: this.passThrough,
      EXCLUSIVE_GATEWAY: new ExclusiveGatewayProcessor(ctx, activity),
      INCLUSIVE_GATEWAY: new InclusiveGatewayProcessor(ctx, activity),
      PARALLEL_GATEWAY: new ParallelGatewayProcessor(ctx, activity),
      EVENT_BASED_GATEWAY: new EventBasedGatewayProcessor(ctx, activity),
      START_EVENT: startOrBoundary,
      BOUNDARY_EVENT: startOrBoundary,
      END_EVENT: throwEvent,
      INTERMEDIATE_THROW_EVENT: throwEvent,
    };
    ctx.b.transitions.containers = (value) => this.containerFor(value);
  }

  processorFor(c: BpmnElementContext): BpmnElementProcessor {
    const type = c.value.bpmnElementType;
    const e = c.element;
    if (type === 'USER_TASK') return e.userTask?.native ? this.userTask : this.jobTask;
    if (type === 'SCRIPT_TASK') return e.script ? this.script : this.jobTask;
    if (type === 'BUSINESS_RULE_TASK') return e.calledDecision ? this.businessRule : this.jobTask;
    if ((type === 'END_EVENT' || type === 'INTERMEDIATE_THROW_EVENT') && e.eventType === 'MESSAGE')
      return this.jobTask;
    // A link catch event waits for nothing: its throw event already fired.
    if (type === 'INTERMEDIATE_CATCH_EVENT' && e.eventType === 'LINK') return this.passThrough;
    const p = this.byType[type];
    if (!p) throw new Error(`no processor for element type ${type}`);
    return p;
  }

  containerFor(value: ProcessInstanceValue): BpmnContainerProcessor {
    if (value.bpmnElementType === 'MULTI_INSTANCE_BODY') return this.multiInstance;
    return value.bpmnElementType === 'AD_HOC_SUB_PROCESS' ? this.adHoc : this.container;
  }

  private context(key: number): BpmnElementContext | undefined {
    return this.ctx.b.transitions.scopeContext(key);
  }

  activate(command: EngineRecord<'PROCESS_INSTANCE'>): void {
    const { state, w } = this.ctx;
    const v = command.value;
    if (state.isBanned(v.processInstanceKey))
      return w.reject('INVALID_STATE', `Process instance '${v.processInstanceKey}' is banned`);
    if (v.flowScopeKey > 0) {
      const scope = state.elements.get(v.flowScopeKey);
      const interruptedElsewhere =
        scope?.interruptedBy && !this.isInterruptingEventSubprocess(v, scope.interruptedBy);
      if (
        !scope ||
        scope.state === 'ELEMENT_TERMINATING' ||
        scope.state === 'ELEMENT_COMPLETING' ||
        scope.terminatedByEnd ||
        interruptedElsewhere
      ) {
        return w.reject(
          'INVALID_STATE',
          `Expected flow scope '${v.flowScopeKey}' of element '${v.elementId}' to be active, but it is not`,
        );
      }
    }
    // As Zeebe 8.8 (BpmnStateTransitionBehavior.transitionToActivating): only ELEMENT_ACTIVATING carries the paths.
    w.appendEvent(
      command.key,
      'PROCESS_INSTANCE',
      'ELEMENT_ACTIVATING',
      withTreePath(v, treePathOf(state, command.key, v)),
    );
    const c = this.context(command.key)!;
    this.processorFor(c).onActivate(c);
  }

  private isInterruptingEventSubprocess(v: ProcessInstanceValue, startId: string): boolean {
    if (v.bpmnElementType !== 'EVENT_SUB_PROCESS') return false;
    const start = this.ctx.state.definitions.model(v.processDefinitionKey).elements.get(startId);
    return start?.flowScope?.id === v.elementId;
  }

  complete(command: EngineRecord<'PROCESS_INSTANCE'>): void {
    const { state, w } = this.ctx;
    const instance = state.elements.get(command.key);
    if (!instance || instance.state !== 'ELEMENT_ACTIVATED') {
      return w.reject(
        'INVALID_STATE',
        `Expected element instance '${command.key}' to be active, but it is ${instance ? instance.state : 'gone'}`,
      );
    }
    if (state.isBanned(instance.value.processInstanceKey))
      return w.reject('INVALID_STATE', 'Process instance is banned');
    const c = this.context(command.key)!;
    w.appendEvent(command.key, 'PROCESS_INSTANCE', 'ELEMENT_COMPLETING', c.value);
    this.processorFor(c).onComplete(c);
  }

  terminate(command: EngineRecord<'PROCESS_INSTANCE'>): void {
    const { state, w } = this.ctx;
    const instance = state.elements.get(command.key);
    if (!instance || instance.state === 'ELEMENT_TERMINATING') {
      return w.reject(
        'INVALID_STATE',
        `Expected element instance '${command.key}' to be terminable, but it is ${instance ? 'already terminating' : 'gone'}`,
      );
    }
    const c = this.context(command.key)!;
    w.appendEvent(command.key, 'PROCESS_INSTANCE', 'ELEMENT_TERMINATING', c.value);
    this.processorFor(c).onTerminate(c);
  }

  /** An execution listener's job completed: the element's processor takes its lifecycle up where it paused. */
  continueAfterListener(command: EngineRecord<'PROCESS_INSTANCE'>): void {
    const c = this.context(command.key);
    if (!c || (c.instance.state !== 'ELEMENT_ACTIVATING' && c.instance.state !== 'ELEMENT_COMPLETING')) {
      return this.ctx.w.reject(
        'INVALID_STATE',
        `Expected element instance '${command.key}' to be activating or completing, but it is ${c ? c.instance.state : 'gone'}`,
      );
    }
    const p = this.processorFor(c);
    if (c.instance.state === 'ELEMENT_ACTIVATING') p.onActivate(c);
    else p.onComplete(c);
  }

  /** A user task's canceling listeners completed: its termination, held meanwhile, goes on. */
  continueTerminating(command: EngineRecord<'PROCESS_INSTANCE'>): void {
    const c = this.context(command.key);
    if (!c || c.instance.state !== 'ELEMENT_TERMINATING') {
      return this.ctx.w.reject(
        'INVALID_STATE',
        `Expected element instance '${command.key}' to be terminating, but it is ${c ? c.instance.state : 'gone'}`,
      );
    }
    this.processorFor(c).onTerminate(c);
  }

  /** Incident resolved: run again the step the element is stuck in. */
  continueAfterIncident(key: number): void {
    const c = this.context(key);
    if (!c) return;
    const p = this.processorFor(c);
    if (c.instance.state === 'ELEMENT_ACTIVATING') p.onActivate(c);
    else if (c.instance.state === 'ELEMENT_COMPLETING') p.onComplete(c);
    else if (c.instance.state === 'ELEMENT_TERMINATING') p.onTerminate(c);
  }
}
