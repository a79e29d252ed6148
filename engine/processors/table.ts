// The command table: (value type, intent) → the processor that handles that command.
import type { EngineContext } from './context';
import type { EngineRecord } from '../protocol/record';
import type { ValueType } from '../protocol/values';
import { BpmnProcessors } from './bpmn';
import { JobActivation } from './job/activation';
import { JobProcessors } from './job/commands';
import { DeploymentProcessor } from './deployment/deploy';
import { ResourceDeletionProcessor } from './deployment/delete';
import { DecisionEvaluationProcessor } from './decision/evaluate-command';
import { InstanceProcessors } from './instance/creation';
import { MiscProcessors } from './instance/misc';
import { MessageProcessors } from './instance/messages';
import { UserTaskProcessors } from './instance/user-tasks';
import { ModificationProcessor } from './instance/modification';
import { MigrationProcessor } from './instance/migration';
import { AdHocInstructionProcessors } from './instance/ad-hoc-instructions';
import type { Key } from '../protocol/keys';
import type { VariableDocument } from '../protocol/values';

export type CommandHandler = (command: EngineRecord) => void;

export interface CommandTable {
  handlers: Map<string, CommandHandler>;
  activation: JobActivation;
}

export function buildCommandTable(
  ctx: EngineContext,
  onRootEnded: (c: { key: Key }, outcome: 'completed' | 'terminated', variables: VariableDocument) => void,
): CommandTable {
  const bpmn = new BpmnProcessors(ctx, onRootEnded);
  const activation = new JobActivation(ctx);
  const jobs = new JobProcessors(ctx, activation);
  const deployment = new DeploymentProcessor(ctx);
  const deletion = new ResourceDeletionProcessor(ctx);
  const decisions = new DecisionEvaluationProcessor(ctx);
  const instances = new InstanceProcessors(ctx);
  const misc = new MiscProcessors(ctx, bpmn);
  const messages = new MessageProcessors(ctx);
  const userTasks = new UserTaskProcessors(ctx);
  const modification = new ModificationProcessor(ctx, (key) => onRootEnded({ key }, 'terminated', {}));
  const migration = new MigrationProcessor(ctx);
  const adHoc = new AdHocInstructionProcessors(ctx);
  const handlers = new Map<string, CommandHandler>();
  const on = <T extends ValueType>(valueType: T, intent: string, fn: (c: EngineRecord<T>) => void) =>
    handlers.set(`${valueType}.${intent}`, fn as CommandHandler);

  on('DEPLOYMENT', 'CREATE', (c) => deployment.create(c));
  on('RESOURCE_DELETION', 'DELETE', (c) => deletion.delete(c));
  on('DECISION_EVALUATION', 'EVALUATE', (c) => decisions.evaluate(c));
  on('PROCESS_INSTANCE_CREATION', 'CREATE', (c) => instances.create(c, false));
  on('PROCESS_INSTANCE_CREATION', 'CREATE_WITH_AWAITING_RESULT', (c) => instances.create(c, true));
  on('PROCESS_INSTANCE', 'CANCEL', (c) => instances.cancel(c));
  on('PROCESS_INSTANCE_MODIFICATION', 'MODIFY', (c) => modification.modify(c));
  on('PROCESS_INSTANCE_MIGRATION', 'MIGRATE', (c) => migration.migrate(c));
  on('PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', (c) => bpmn.activate(c));
  on('PROCESS_INSTANCE', 'COMPLETE_ELEMENT', (c) => bpmn.complete(c));
  on('PROCESS_INSTANCE', 'TERMINATE_ELEMENT', (c) => bpmn.terminate(c));
  on('PROCESS_INSTANCE', 'COMPLETE_EXECUTION_LISTENER', (c) => bpmn.continueAfterListener(c));
  on('PROCESS_INSTANCE', 'CONTINUE_TERMINATING_ELEMENT', (c) => bpmn.continueTerminating(c));
  on('AD_HOC_SUB_PROCESS_INSTRUCTION', 'ACTIVATE', (c) => adHoc.activate(c));
  on('AD_HOC_SUB_PROCESS_INSTRUCTION', 'COMPLETE', (c) => adHoc.complete(c));
  on('JOB', 'COMPLETE', (c) => jobs.complete(c));
  on('JOB', 'FAIL', (c) => jobs.fail(c));
  on('JOB', 'THROW_ERROR', (c) => jobs.throwError(c));
  on('JOB', 'UPDATE_RETRIES', (c) => jobs.updateRetries(c));
  on('JOB', 'UPDATE_TIMEOUT', (c) => jobs.updateTimeout(c));
  on('JOB', 'TIME_OUT', (c) => jobs.timeOut(c));
  on('JOB', 'RECUR_AFTER_BACKOFF', (c) => jobs.recurAfterBackoff(c));
  on('JOB', 'YIELD', (c) => jobs.yield(c));
  on('JOB_BATCH', 'ACTIVATE', (c) => jobs.activateBatch(c));
  // A stream opened: jobs already waiting are pushed to it (after this command, like any available job).
  on('JOB_BATCH', 'PUSH', (c) => ctx.jobsAvailable.add(c.value.type));
  on('VARIABLE_DOCUMENT', 'UPDATE', (c) => misc.setVariables(c));
  on('INCIDENT', 'RESOLVE', (c) => misc.resolveIncident(c));
  on('TIMER', 'TRIGGER', (c) => misc.triggerTimer(c));
  on('SIGNAL', 'BROADCAST', (c) => misc.broadcastSignal(c));
  on('CLOCK', 'PIN', (c) => misc.pinClock(c));
  on('CLOCK', 'RESET', () => misc.resetClock());
  on('MESSAGE', 'PUBLISH', (c) => messages.publish(c));
  on('MESSAGE', 'EXPIRE', (c) => messages.expire(c));
  on('MESSAGE_CORRELATION', 'CORRELATE', (c) => messages.correlate(c));
  on('MESSAGE_SUBSCRIPTION', 'MIGRATE', (c) => messages.migrateSubscription(c));
  on('USER_TASK', 'ASSIGN', (c) => userTasks.assign(c, false));
  on('USER_TASK', 'CLAIM', (c) => userTasks.assign(c, true));
  on('USER_TASK', 'UPDATE', (c) => userTasks.update(c));
  on('USER_TASK', 'COMPLETE', (c) => userTasks.complete(c));
  on('USER_TASK', 'COMPLETE_TASK_LISTENER', (c) => userTasks.completeTaskListener(c));
  on('USER_TASK', 'DENY_TASK_LISTENER', (c) => userTasks.denyTaskListener(c));
  return { handlers, activation };
}
