// The read side of the projections, one query object per resource, over one projection database.
import type { Projections } from './projections';
import { DecisionQueries } from './query/decisions';
import { DefinitionQueries } from './query/definitions';
import { ElementInstanceQueries } from './query/element-instances';
import { IncidentQueries } from './query/incidents';
import { JobQueries } from './query/jobs';
import { MessageSubscriptionQueries } from './query/message-subscriptions';
import { ProcessInstanceQueries } from './query/process-instances';
import { UserTaskQueries } from './query/user-tasks';
import { VariableQueries } from './query/variables';

export class ProjectionQueries {
  readonly definitions: DefinitionQueries;
  readonly processInstances: ProcessInstanceQueries;
  readonly elementInstances: ElementInstanceQueries;
  readonly userTasks: UserTaskQueries;
  readonly incidents: IncidentQueries;
  readonly variables: VariableQueries;
  readonly jobs: JobQueries;
  readonly messageSubscriptions: MessageSubscriptionQueries;
  readonly decisions: DecisionQueries;

  constructor(projections: Projections) {
    const db = projections.db;
    this.definitions = new DefinitionQueries(db);
    this.processInstances = new ProcessInstanceQueries(db);
    this.elementInstances = new ElementInstanceQueries(db);
    this.userTasks = new UserTaskQueries(db);
    this.incidents = new IncidentQueries(db);
    this.variables = new VariableQueries(db);
    this.jobs = new JobQueries(db);
    this.messageSubscriptions = new MessageSubscriptionQueries(db);
    this.decisions = new DecisionQueries(db);
  }
}

export { Projections, type ProjectionOptions, type ProjectionStatus } from './projections';
export { InvalidQueryError } from './query/filters';
