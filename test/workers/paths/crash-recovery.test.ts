// A worker that dies between its domain write and the job's completion produces no duplicate: (1) the workers
// are stopped abruptly while the forwarding job hangs after its transaction committed (the report recorded and
// the mail queued, CompleteJob never sent); after a restart the job times out, is offered again and completes
// from the stored result — one mail, one record; (2) handlers that crash once right after their transaction
// (minutes with agreed items, meeting invitations) are retried after their back-off without a second record.
import { handlers } from '../../../workers';
import type { JobContext, JsonObject } from '../../../workers/runtime/handler';
import type { AnyJobHandler } from '../../../workers/runtime/runner';
import type { Services } from '../../../workers/runtime/services';
import { startPathBench, type PathBench } from './support/bench';
import {
  agreedItem,
  caseNumberOf,
  closeLedgerItems,
  confirm,
  recordMinutes,
  registerCase,
  registration,
  scheduleMeeting,
  screen,
  submitOpinion,
} from './support/cases';
import {
  friday,
  mailsOf,
  publishWeek,
  reportAndSignOff,
  reportingUnits,
  reviewAndForward,
  reviewVariables,
  week,
  weeklyMeeting,
} from './support/weekly';

jest.setTimeout(60_000);

interface Crash {
  type: string;
  mode: 'hang' | 'throw';
  crashed: boolean;
  /** Ends a hung job (the dead process's promise) at the end of the test. */
  release?: () => void;
}

/** The real handler, except that its first delivery dies right after job.once committed. */
function crashingOnce(crash: Crash): AnyJobHandler {
  const real = handlers.find((h) => h.type === crash.type);
  if (!real) throw new Error(`no handler for ${crash.type}`);
  return {
    ...real,
    handle(job: JobContext<unknown, unknown, JsonObject>, services: Services) {
      const dying: typeof job = {
        ...job,
        once: async (fn, options) => {
          const result = await job.once(fn, options);
          if (!crash.crashed) {
            crash.crashed = true;
            if (crash.mode === 'throw') throw new Error('进程在事务提交后崩溃（测试）');
            await new Promise<void>((resolve) => (crash.release = resolve));
            throw new Error('the process was killed');
          }
          return result;
        },
      };
      return real.handle(dying, services);
    },
  };
}

function withCrashes(...crashes: Crash[]): AnyJobHandler[] {
  const types = new Set(crashes.map((c) => c.type));
  return [...handlers.filter((h) => !types.has(h.type)), ...crashes.map(crashingOnce)];
}

const completions = (b: PathBench, type: string) =>
  b.logs.filter((l) => l.message === 'job completed' && l.fields.jobType === type).length;

describe('a worker killed mid-job', () => {
  let b: PathBench;
  const crash: Crash = { type: 'zhuanban.report.forward', mode: 'hang', crashed: false };
  beforeAll(async () => {
    b = await startPathBench({ start: friday('09:00') });
    await b.startWorkers(withCrashes(crash));
  });
  afterAll(async () => {
    crash.release?.();
    await b.close();
  });

  it('restarts, gets the timed-out job again and completes it from the stored result: one record, one mail', async () => {
    const instance = await publishWeek(b);
    await b.pin(friday('10:00'));
    for (const unit of reportingUnits) await reportAndSignOff(b, unit);
    const review = await reviewVariables(b);
    await reviewAndForward(b, review.summaryText);

    // The forwarding committed (summary recorded, mail queued) and the process died before CompleteJob.
    const db = b.database.db;
    await b.inbox.until('the forwarding committed', async () =>
      (await db.weeklySummary.findUnique({ where: { isoWeek: week } }))?.forwardedAt ? true : undefined,
    );
    expect(crash.crashed).toBe(true);
    await b.stopWorkers(200);
    expect(await b.inbox.open('coordinators', 'Task_WeeklyMeeting')).toHaveLength(0);

    await b.startWorkers(); // the restarted process
    await b.pin(Date.parse(friday('10:00')) + 5 * 60_000); // past the job's 60 s activation timeout
    await weeklyMeeting(b);
    await b.inbox.instanceState(instance, 'COMPLETED');

    expect(await db.outboxMessage.count({ where: { template: 'weekly-report.forward' } })).toBe(1);
    expect(await mailsOf(b, 'weekly-report.forward', 1)).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: 'weeklySummary.forward' } })).toBe(1);
    expect(await db.processedJob.count({ where: { jobType: 'zhuanban.report.forward' } })).toBe(1);
    expect(completions(b, 'zhuanban.report.forward')).toBe(1);
  });
});

describe('handlers that crash once after their transaction', () => {
  let b: PathBench;
  const minutes: Crash = { type: 'zhuanban.case.recordMinutes', mode: 'throw', crashed: false };
  const invitation: Crash = { type: 'zhuanban.mail.send', mode: 'throw', crashed: false };
  beforeAll(async () => {
    b = await startPathBench({ start: '2027-12-06T09:00:00+08:00' });
    await b.startWorkers(withCrashes(minutes, invitation));
  });
  afterAll(() => b.close());

  it('are retried after their back-off and complete without a second record or mail', async () => {
    const instance = await registerCase(b);
    const caseNumber = await caseNumberOf(b, instance);
    await screen(b, 'accept');
    for (const unit of registration.involvedUnitCodes) await submitOpinion(b, unit);
    await scheduleMeeting(b, '2027-12-08T09:30:00+08:00');
    await b.inbox.until('the invitation crash', async () => (invitation.crashed ? true : undefined));
    await b.pin('2027-12-06T09:01:00+08:00'); // past the 5 s back-off of the failed job
    await b.pin('2027-12-08T09:30:00+08:00');
    await recordMinutes(b, [
      agreedItem('court', '区法院核查冻结账户'),
      agreedItem('police', '公安分局说明冻结依据'),
    ]);
    await b.inbox.until('the minutes crash', async () => (minutes.crashed ? true : undefined));
    await b.pin('2027-12-08T09:31:00+08:00');
    await closeLedgerItems(b, ['court', 'police']);
    await confirm(b, 'resolved', '争议化解。');
    await b.inbox.instanceState(instance, 'COMPLETED');

    const db = b.database.db;
    const retried = b.logs
      .filter((l) => l.message === 'job failed, will be retried')
      .map((l) => l.fields.jobType);
    expect(retried.sort()).toEqual(['zhuanban.case.recordMinutes', 'zhuanban.mail.send']);
    const meeting = await db.coordinationMeeting.findFirstOrThrow({
      where: { case: { number: caseNumber } },
      include: { agreedItems: true },
    });
    expect(meeting.agreedItems).toHaveLength(2);
    expect(await db.ledgerItem.count({ where: { sourceRef: caseNumber } })).toBe(2);
    expect(await db.outboxMessage.count({ where: { template: 'meeting.invitation' } })).toBe(4);
    expect(await mailsOf(b, 'meeting.invitation', 4)).toHaveLength(4);
    expect(await db.auditLog.count({ where: { action: 'coordinationMeeting.minutes' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'coordinationMeeting.invite' } })).toBe(1);
  });
});
