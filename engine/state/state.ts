// The engine's whole in-memory state. Processors see it through ReadonlyState; only the event
// appliers hold the mutable State. toJSON()/load() are the snapshot format, and comparing the
// JSON of a live state with a replayed one is how determinism is tested.
import type { Key } from '../protocol/keys';
import { ElementInstanceStore, type ElementInstancesView, type EventTrigger } from './element-instances';
import { VariableStore, type VariablesView } from './variables';
import { JobStore, type JobsView } from './jobs';
import { TimerStore, type TimersView } from './timers';
import { MessageStore, type MessagesView } from './messages';
import { SubscriptionStore, type SubscriptionsView } from './subscriptions';
import { IncidentStore, type IncidentsView } from './incidents';
import { UserTaskStore, type UserTasksView } from './user-tasks';
import { CompensationStore, type CompensationsView } from './compensations';
import { DefinitionStore, type DefinitionsView, type ModelLookup } from './definitions';

export interface ReadonlyState {
  readonly elements: ElementInstancesView;
  readonly variables: VariablesView;
  readonly jobs: JobsView;
  readonly timers: TimersView;
  readonly messages: MessagesView;
  readonly subscriptions: SubscriptionsView;
  readonly incidents: IncidentsView;
  readonly userTasks: UserTasksView;
  readonly compensations: CompensationsView;
  readonly definitions: DefinitionsView;
  readonly pinnedClock: number | null;
  /** Event triggers (job/user task results, messages, timers, signals, errors) by the scope they hit. */
  trigger(scopeKey: Key): EventTrigger | undefined;
  isBanned(processInstanceKey: Key): boolean;
}

export class State implements ReadonlyState {
  readonly elements = new ElementInstanceStore();
  readonly variables = new VariableStore();
  readonly jobs = new JobStore();
  readonly timers = new TimerStore();
  readonly messages = new MessageStore();
  readonly subscriptions = new SubscriptionStore();
  readonly incidents = new IncidentStore();
  readonly userTasks = new UserTaskStore();
  readonly compensations = new CompensationStore();
  readonly definitions: DefinitionStore;
  pinnedClock: number | null = null;
  readonly banned = new Set<Key>();
  readonly triggers = new Map<Key, EventTrigger>();

  constructor(loadModel: ModelLookup) {
    this.definitions = new DefinitionStore(loadModel);
  }

  trigger(scopeKey: Key): EventTrigger | undefined {
    return this.triggers.get(scopeKey);
  }

  isBanned(processInstanceKey: Key): boolean {
    return this.banned.has(processInstanceKey);
  }

  toJSON() {
    return {
      definitions: this.definitions.toJSON(),
      elements: this.elements.toJSON(),
      variables: this.variables.toJSON(),
      jobs: this.jobs.toJSON(),
      timers: this.timers.toJSON(),
      messages: this.messages.toJSON(),
      subscriptions: this.subscriptions.toJSON(),
      incidents: this.incidents.toJSON(),
      userTasks: this.userTasks.toJSON(),
      compensations: this.compensations.toJSON(),
      pinnedClock: this.pinnedClock,
      banned: [...this.banned],
      triggers: [...this.triggers],
    };
  }

  load(data: StateSnapshot): void {
    this.definitions.load(data.definitions);
    this.elements.load(data.elements);
    this.variables.load(data.variables);
    this.jobs.load(data.jobs);
    this.timers.load(data.timers);
    this.messages.load(data.messages);
    this.subscriptions.load(data.subscriptions);
    this.incidents.load(data.incidents);
    this.userTasks.load(data.userTasks);
    // Snapshots written before compensation existed have no subscriptions.
    this.compensations.load((data as Partial<StateSnapshot>).compensations);
    this.pinnedClock = data.pinnedClock;
    for (const k of data.banned) this.banned.add(k);
    for (const [k, t] of data.triggers) this.triggers.set(k, t);
  }
}

export type StateSnapshot = ReturnType<State['toJSON']>;
