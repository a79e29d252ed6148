// New-task notices (issue 11): every TASK_NOTICE_INTERVAL_MS the schedule asks the engine — through its public
// REST API, as the web does — for the user tasks created since the mark it keeps in the database, and puts one
// 【待办】 notice per candidate unit in the outbox (domain/notifications/task-notice.ts), which mails it and
// copies it to the unit's group robot. The mark only moves once a pass has stored all its notices, so a crash
// or restart repeats rather than misses; repeats, and a second scheduler doing the same, add nothing because
// each notice has its own idempotency key. Tasks that existed before the first pass are never announced.
import type { Clock } from '../domain/clock';
import type { Db } from '../domain/db/client';
import { isUniqueViolation } from '../domain/db/client';
import type { Logger } from '../domain/log';
import type { MailSettings } from '../domain/notifications/compose';
import { enqueueTaskNotice, noticeTargets, type NewTask } from '../domain/notifications/task-notice';
import { recordsByInstance, type RecordKind } from '../web/server/tasks/records';

/** The part of the REST client this needs (@camunda8/orchestration-cluster-api's searchUserTasks). */
export interface UserTaskSearch {
  searchUserTasks(body: never, options: never): Promise<unknown>;
}

interface EngineUserTask extends NewTask {
  creationDate: string;
  candidateGroups?: string[];
}

interface SearchAnswer {
  items: EngineUserTask[];
  page?: { endCursor?: string };
}

export interface TaskNoticeOptions {
  db: Db;
  engine: UserTaskSearch;
  clock: Clock;
  log: Logger;
  mailSettings: MailSettings;
  /** How often the engine is asked (0: never by itself; runOnce still works). */
  intervalMs: number;
}

export interface TaskNotices {
  /** One pass now (after a running one): resolves with the number of notices put in the outbox. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

// The outbox's names of the records with a page (links.ts recordPath); a week's tasks point at no one report.
const relatedTypes: Partial<Record<RecordKind, string>> = {
  case: 'enterpriseCase',
  petition: 'petition',
  ledger: 'ledgerItem',
};

const markId = 'user-tasks';
const pageSize = 100;
// A task can become visible to searches after a later one did (a cluster's exporters lag per partition): each
// pass looks this far behind the mark again.
const overlapMs = 60_000;
// Reads wait for nothing: a task not yet visible is found by a later pass.
const current = { consistency: { waitUpToMs: 0 } };

interface Position {
  date: Date;
  key: bigint;
}
const isAfter = (a: Position, b: Position) =>
  a.date.getTime() > b.date.getTime() || (a.date.getTime() === b.date.getTime() && a.key > b.key);
const positionOf = (t: EngineUserTask): Position => ({
  date: new Date(t.creationDate),
  key: BigInt(t.userTaskKey),
});

export function taskNoticeIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TASK_NOTICE_INTERVAL_MS?.trim();
  if (!raw) return 30_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`TASK_NOTICE_INTERVAL_MS '${raw}' is not a whole number of milliseconds ≥ 0`);
  return n;
}

export function startTaskNotices(options: TaskNoticeOptions): TaskNotices {
  const { db, engine, clock, log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  const search = async (body: object) =>
    (await engine.searchUserTasks(body as never, current as never)) as SearchAnswer;

  /** The stored mark; on the very first pass, the newest task there is now (nothing before it is announced). */
  async function markOrStart(): Promise<{ since: Position; handled: Position } | undefined> {
    const row = await db.taskNoticeMark.findUnique({ where: { id: markId } });
    if (row)
      return {
        since: { date: row.sinceDate, key: BigInt(row.sinceKey) },
        handled: { date: row.creationDate, key: BigInt(row.userTaskKey) },
      };
    const { items } = await search({
      sort: [{ field: 'creationDate', order: 'DESC' }],
      page: { limit: 1 },
    });
    const newest = items[0] ? positionOf(items[0]) : { date: new Date(0), key: 0n };
    try {
      await db.taskNoticeMark.create({
        data: {
          id: markId,
          sinceDate: newest.date,
          sinceKey: String(newest.key),
          creationDate: newest.date,
          userTaskKey: String(newest.key),
        },
      });
      log.info('new-task notices start after the tasks already there', {
        since: newest.date.toISOString(),
        userTaskKey: String(newest.key),
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // another scheduler's first pass was first: its mark holds
    }
    return undefined;
  }

  async function announce(task: EngineUserTask): Promise<number> {
    const targets = await noticeTargets(db, task);
    if (targets.length === 0) return 0;
    const ref = (await recordsByInstance(db, [task.processInstanceKey])).get(task.processInstanceKey);
    const record = ref && { ...ref, relatedType: relatedTypes[ref.kind], relatedId: ref.id };
    let enqueued = 0;
    for (const target of targets) {
      const outcome = await enqueueTaskNotice(db, {
        task,
        target,
        record,
        settings: options.mailSettings,
        now: clock.now(),
      });
      if (outcome === 'enqueued' || outcome === 'chat-only') enqueued++;
      if (outcome === 'nobody')
        log.warn('new task not announced: the unit has no mail address and no group robot', {
          userTaskKey: task.userTaskKey,
          unit: target.code,
        });
    }
    return enqueued;
  }

  async function pass(): Promise<number> {
    const mark = await markOrStart();
    if (!mark) return 0;
    const from = new Date(Math.max(mark.since.date.getTime(), mark.handled.date.getTime() - overlapMs));
    let newest = mark.handled;
    let enqueued = 0;
    let after: string | undefined;
    for (;;) {
      const { items, page } = await search({
        filter: { state: 'CREATED', creationDate: { $gte: from.toISOString() } },
        sort: [{ field: 'creationDate', order: 'ASC' }],
        page: after ? { after, limit: pageSize } : { limit: pageSize },
      });
      for (const task of items) {
        if (stopped) return enqueued; // the mark stays: the next start goes over these again
        const at = positionOf(task);
        if (!isAfter(at, mark.since)) continue;
        enqueued += await announce(task);
        if (isAfter(at, newest)) newest = at;
      }
      if (items.length < pageSize || !page?.endCursor) break;
      after = page.endCursor;
    }
    if (isAfter(newest, mark.handled))
      // Only forward: a slower scheduler's pass must not pull the mark back.
      await db.taskNoticeMark.updateMany({
        where: { id: markId, creationDate: { lt: newest.date } },
        data: { creationDate: newest.date, userTaskKey: String(newest.key) },
      });
    if (enqueued > 0) log.info('new tasks announced', { notices: enqueued });
    return enqueued;
  }

  function runOnce(): Promise<number> {
    const previous = running ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => pass());
    running = next;
    return next;
  }

  // The SDK's errors are plain objects ({ status, title, detail }): their fields say more than their text.
  const failed = (e: unknown) =>
    log.warn('new-task notices: pass failed, trying again later', {
      error: e instanceof Error ? e : JSON.stringify(e),
    });

  function schedule() {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(() => {
      runOnce().catch(failed).finally(schedule);
    }, options.intervalMs);
  }
  // The first pass at once: on a fresh install it sets the mark before any task of the new system exists.
  if (options.intervalMs > 0) {
    runOnce().catch(failed).finally(schedule);
  }

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
