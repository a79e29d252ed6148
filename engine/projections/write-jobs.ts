// Applies job, job batch and message subscription events to the `jobs` and
// `message_subscriptions` tables behind POST /v2/jobs/search and /v2/message-subscriptions/search.
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../protocol/record';

/** Job intents that are states of Camunda 8.8's job search; others (yield, back-off) change no state. */
const JOB_STATES = new Set([
  'COMPLETED',
  'FAILED',
  'RETRIES_UPDATED',
  'ERROR_THROWN',
  'TIMED_OUT',
  'CANCELED',
]);
const ENDING = new Set(['COMPLETED', 'ERROR_THROWN', 'CANCELED']);

export class JobWriter {
  private readonly insertJob: Database.Statement;
  private readonly updateJob: Database.Statement;
  private readonly activated: Database.Statement;
  private readonly deadline: Database.Statement;
  private readonly denial: Database.Statement;
  private readonly insertSubscription: Database.Statement;
  private readonly updateSubscription: Database.Statement;
  private readonly migrateJob: Database.Statement;
  private readonly migrateSubscription: Database.Statement;

  constructor(db: Database.Database) {
    this.insertJob = db.prepare(
      `INSERT OR REPLACE INTO jobs (key, type, worker, state, kind, listener_event_type, retries, custom_headers,
        element_id, element_instance_key, process_instance_key, process_definition_key, process_definition_id,
        tenant_id)
       VALUES (?, ?, '', 'CREATED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateJob = db.prepare(
      `UPDATE jobs SET state = ?, retries = ?, error_message = COALESCE(?, error_message),
        error_code = COALESCE(?, error_code), end_time = COALESCE(?, end_time),
        failed_with_retries_left = ? WHERE key = ?`,
    );
    this.activated = db.prepare('UPDATE jobs SET worker = ?, deadline = ? WHERE key = ?');
    this.deadline = db.prepare('UPDATE jobs SET deadline = ? WHERE key = ?');
    this.denial = db.prepare('UPDATE jobs SET is_denied = ?, denied_reason = ? WHERE key = ?');
    this.insertSubscription = db.prepare(
      `INSERT OR REPLACE INTO message_subscriptions (key, process_definition_id, process_definition_key,
        process_instance_key, element_id, element_instance_key, state, last_updated_date, message_name,
        correlation_key, tenant_id)
       VALUES (?, ?, ?, ?, ?, ?, 'CREATED', ?, ?, ?, ?)`,
    );
    // A migrated job or subscription shows state MIGRATED, as in Camunda's searches, until its next change.
    this.migrateJob = db.prepare(
      `UPDATE jobs SET state = 'MIGRATED', element_id = ?, process_definition_key = ?, process_definition_id = ?
       WHERE key = ?`,
    );
    // A null definition key (a migration's process side, which still names the source) keeps the row's.
    this.migrateSubscription = db.prepare(
      `UPDATE message_subscriptions SET state = 'MIGRATED', last_updated_date = ?, element_id = ?,
        process_definition_key = COALESCE(?, process_definition_key), process_definition_id = ? WHERE key = ?`,
    );
    this.updateSubscription = db.prepare(
      'UPDATE message_subscriptions SET state = ?, last_updated_date = ? WHERE key = ?',
    );
  }

  job(r: EngineRecord<'JOB'>): void {
    const v = r.value;
    if (r.intent === 'CREATED') {
      this.insertJob.run(
        r.key,
        v.type,
        v.jobKind ?? 'BPMN_ELEMENT',
        v.jobListenerEventType ?? 'UNSPECIFIED',
        v.retries,
        JSON.stringify(v.customHeaders ?? {}),
        v.elementId,
        v.elementInstanceKey,
        v.processInstanceKey,
        v.processDefinitionKey,
        v.bpmnProcessId,
        v.tenantId,
      );
      return;
    }
    if (r.intent === 'MIGRATED') {
      this.migrateJob.run(v.elementId, v.processDefinitionKey, v.bpmnProcessId, r.key);
      return;
    }
    if (r.intent === 'TIMEOUT_UPDATED') {
      if (v.deadline > 0) this.deadline.run(v.deadline, r.key);
      return;
    }
    if (!JOB_STATES.has(r.intent)) return;
    const failedWithRetriesLeft = r.intent === 'FAILED' && v.retries > 0;
    this.updateJob.run(
      r.intent,
      v.retries,
      r.intent === 'FAILED' || r.intent === 'ERROR_THROWN' ? v.errorMessage || null : null,
      r.intent === 'ERROR_THROWN' ? v.errorCode || null : null,
      ENDING.has(r.intent) ? r.timestamp : null,
      failedWithRetriesLeft ? 1 : 0,
      r.key,
    );
    // A task listener's verdict; other jobs are never denied and keep NULL (Camunda's null).
    if (r.intent === 'COMPLETED' && v.jobKind === 'TASK_LISTENER') {
      const denied = v.result?.denied === true;
      this.denial.run(denied ? 1 : 0, denied ? v.result!.deniedReason : null, r.key);
    }
  }

  jobBatch(r: EngineRecord<'JOB_BATCH'>): void {
    if (r.intent !== 'ACTIVATED') return;
    const deadline = r.timestamp + r.value.timeout;
    for (const key of r.value.jobKeys) this.activated.run(r.value.worker, deadline, key);
  }

  /**
   * A migration's process side: the target element and process id; the definition key comes with the message side
   * that follows (Zeebe's process side keeps the source's).
   */
  processMessageSubscription(r: EngineRecord<'PROCESS_MESSAGE_SUBSCRIPTION'>): void {
    const v = r.value;
    if (r.intent === 'MIGRATED')
      this.migrateSubscription.run(r.timestamp, v.elementId, null, v.bpmnProcessId, r.key);
  }

  messageSubscription(r: EngineRecord<'MESSAGE_SUBSCRIPTION'>): void {
    const v = r.value;
    if (r.intent === 'CREATED') {
      this.insertSubscription.run(
        r.key,
        v.bpmnProcessId,
        v.processDefinitionKey,
        v.processInstanceKey,
        v.elementId,
        v.elementInstanceKey,
        r.timestamp,
        v.messageName,
        v.correlationKey,
        v.tenantId,
      );
    } else if (r.intent === 'MIGRATED') {
      this.migrateSubscription.run(r.timestamp, v.elementId, v.processDefinitionKey, v.bpmnProcessId, r.key);
    } else if (r.intent === 'CORRELATED' || r.intent === 'DELETED') {
      this.updateSubscription.run(r.intent, r.timestamp, r.key);
    }
  }
}
