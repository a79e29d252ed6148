// The bundle of shared behaviours every processor receives (Zeebe's BpmnBehaviors).
import type { EngineContext } from '../processors/context';
import { VariableBehavior } from './variables';
import { IncidentBehavior } from './incidents';
import { JobBehavior } from './jobs';
import { TransitionBehavior } from './transitions';
import { ReachabilityBehavior } from './reachability';
import { SubscriptionBehavior } from './subscriptions';
import { TriggerBehavior } from './triggers';
import { ErrorBehavior } from './errors';
import { MessageBehavior } from './messages';
import { SignalBehavior } from './signals';
import { ExecutionListenerBehavior } from './execution-listeners';
import { CompensationBehavior } from './compensation';
import { TaskListenerBehavior } from './task-listeners';
import { UserTaskTransitionBehavior } from './user-task-transitions';
import { UserTaskVariableUpdates } from './user-task-variables';
import { AdHocBehavior } from './ad-hoc';

export class Behaviors {
  readonly variables: VariableBehavior;
  readonly incidents: IncidentBehavior;
  readonly jobs: JobBehavior;
  readonly transitions: TransitionBehavior;
  readonly reachability: ReachabilityBehavior;
  readonly subscriptions: SubscriptionBehavior;
  readonly triggers: TriggerBehavior;
  readonly errors: ErrorBehavior;
  readonly messages: MessageBehavior;
  readonly signals: SignalBehavior;
  readonly listeners: ExecutionListenerBehavior;
  readonly compensation: CompensationBehavior;
  readonly taskListeners: TaskListenerBehavior;
  readonly userTasks: UserTaskTransitionBehavior;
  readonly userTaskVariables: UserTaskVariableUpdates;
  readonly adHoc: AdHocBehavior;

  constructor(ctx: EngineContext) {
    this.variables = new VariableBehavior(ctx);
    this.incidents = new IncidentBehavior(ctx);
    this.jobs = new JobBehavior(ctx);
    this.transitions = new TransitionBehavior(ctx);
    this.reachability = new ReachabilityBehavior(ctx);
    this.subscriptions = new SubscriptionBehavior(ctx);
    this.triggers = new TriggerBehavior(ctx);
    this.errors = new ErrorBehavior(ctx);
    this.messages = new MessageBehavior(ctx);
    this.signals = new SignalBehavior(ctx);
    this.listeners = new ExecutionListenerBehavior(ctx);
    this.compensation = new CompensationBehavior(ctx);
    this.taskListeners = new TaskListenerBehavior(ctx);
    this.userTasks = new UserTaskTransitionBehavior(ctx);
    this.userTaskVariables = new UserTaskVariableUpdates(ctx);
    this.adHoc = new AdHocBehavior(ctx);
  }
}
