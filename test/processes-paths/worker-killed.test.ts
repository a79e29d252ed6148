// A worker process killed mid-job (SIGKILL after its transaction committed, before CompleteJob) and the workers
// restarted with the real CLI (`zhuanban workers`): the jobs time out, are offered again and complete from the
// stored result — one supervision notice and one acceptance notice (record, audit row, mail), no duplicate.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { acknowledgement, bySubject, ledgerOpening } from './support/answers';
import { DAY, dateOf, nextMonday, startBench, type Bench } from './support/bench';
import { accept } from './support/answers';
import { petition, register } from './support/petitions';

jest.setTimeout(90_000);

const REPO = join(__dirname, '..', '..');

interface Proc {
  child: ChildProcess;
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(signal: NodeJS.Signals): Promise<void>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    async line(pattern, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const m = out
          .split('\n')
          .map((l) => pattern.exec(l))
          .find((x) => x !== null);
        if (m) return m;
        if (child.exitCode !== null) throw new Error(`process exited: ${out}`);
        if (Date.now() > until) throw new Error(`no line ${pattern} in: ${out.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

let b: Bench | undefined;
const procs: Proc[] = [];
afterEach(async () => {
  for (const p of procs.splice(0)) await p.stop('SIGKILL');
  await b?.close();
});

it('a worker killed mid-job and restarted leaves no duplicate records or mails', async () => {
  const bench = (b = await startBench('sqlite', nextMonday(), { workers: false }));
  const env = {
    ZEEBE_GRPC_ADDRESS: `grpc://${bench.server.grpcAddress}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    DATABASE_URL: bench.database.url,
    SMTP_URL: '',
  };
  const dying = run(['test/processes-paths/support/dying-worker.ts'], {
    ...env,
    HANG_TYPES: 'zhuanban.ledger.issueNotice,zhuanban.petition.classify',
    CLOCK_MS: String(bench.now()),
  });
  procs.push(dying);
  await dying.line(/^ready$/);

  const ledgerPi = await bench.start(
    'rectification',
    ledgerOpening({ dueDate: dateOf(bench.now() + 20 * DAY) }),
  );
  await dying.line(/^committed zhuanban\.ledger\.issueNotice \d+$/);
  const { pi, number } = await register(bench);
  await bench.complete('court', 'Task_Classify', pi, accept());
  await dying.line(/^committed zhuanban\.petition\.classify \d+$/);
  const item = await bench.db.ledgerItem.findUniqueOrThrow({ where: { processInstanceKey: ledgerPi } });
  expect(item.status).toBe('notified'); // committed, but the job was never completed
  await dying.stop('SIGKILL');

  const restarted = run(['bin/zhuanban.js', 'workers'], env);
  procs.push(restarted);
  await restarted.line(/workers running/);
  await bench.pin(bench.now() + 61_000); // the dead worker's jobs time out and are offered again
  await bench.complete('police', 'Task_Acknowledge', ledgerPi, acknowledgement);
  await bench.task('court', 'Task_DraftReply', pi);
  await bench.until(
    'the acknowledgement recorded',
    async () =>
      (await bench.db.ledgerItem.findUniqueOrThrow({ where: { id: item.id } })).status === 'acknowledged',
  );

  const audit = await bench.db.auditLog.findMany({
    where: { action: { in: ['ledgerItem.notice', 'petition.classify', 'petitionNotice.issue'] } },
  });
  expect(audit.map((a) => a.action).sort()).toEqual([
    'ledgerItem.notice',
    'petition.classify',
    'petitionNotice.issue',
  ]);
  const row = await petition(bench, number);
  expect(row.notices.map((n) => n.kind)).toEqual(['acceptance']);
  expect(await bench.db.processedJob.count({ where: { jobType: 'zhuanban.ledger.issueNotice' } })).toBe(1);
  expect(await bench.db.processedJob.count({ where: { jobType: 'zhuanban.petition.classify' } })).toBe(1);
  const mails = await bench.mails();
  expect(bySubject(mails, `【督办通知书】${item.number}`)).toHaveLength(1);
  expect(bySubject(mails, `【受理告知书】${number}`)).toHaveLength(1);
  expect(mails).toHaveLength(2);
  await restarted.stop('SIGTERM');
});
