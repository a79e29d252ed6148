// One client process of the throughput benchmark (forked by throughput.ts): its own @camunda8/sdk client
// and gRPC connection, a streaming worker completing bench jobs, and a creator keeping a window of
// CreateProcessInstance calls in flight. Jobs go to whichever process's stream the engine picks, so the
// parent counts completions over all processes; each reports its completions every few milliseconds.
import { JOB_TYPE, benchVariables, ownCpuSeconds, zeebeClient } from './support';

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = () => undefined;

export type ToClient =
  | { kind: 'open'; address: string }
  | { kind: 'run'; count: number; window: number; offset: number }
  | { kind: 'report' }
  | { kind: 'close' };

export type FromClient =
  | { kind: 'ready' }
  | { kind: 'completed'; n: number }
  | { kind: 'created' }
  | { kind: 'report'; cpuSeconds: number; push: number[] }
  | { kind: 'failed'; message: string };

const TIMEOUT = 60_000;
const send = (m: FromClient) => process.send!(m);

let zeebe: ReturnType<typeof zeebeClient> | undefined;
let push: number[] = [];
let unreported = 0;
const flush = setInterval(() => {
  if (unreported === 0) return;
  send({ kind: 'completed', n: unreported });
  unreported = 0;
}, 5);

async function open(address: string): Promise<void> {
  zeebe = zeebeClient(address);
  await zeebe.streamJobs({
    type: JOB_TYPE,
    worker: `bench-${process.pid}`,
    timeout: TIMEOUT,
    tenantIds: [],
    taskHandler: (job) => {
      push.push(Date.now() - (Number(job.deadline) - TIMEOUT));
      return job.complete({ checked: true }).then((ack) => {
        unreported++;
        return ack;
      });
    },
  });
}

async function run(count: number, window: number, offset: number): Promise<void> {
  let created = 0;
  const creator = async () => {
    while (created < count) {
      created++;
      await zeebe!.createProcessInstance({
        bpmnProcessId: 'bench',
        variables: benchVariables(offset + created),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, creator));
}

process.on('message', (m: ToClient) => {
  const step =
    m.kind === 'open'
      ? open(m.address).then(() => send({ kind: 'ready' }))
      : m.kind === 'run'
        ? ((push = []), run(m.count, m.window, m.offset).then(() => send({ kind: 'created' })))
        : m.kind === 'report'
          ? Promise.resolve(send({ kind: 'report', cpuSeconds: ownCpuSeconds(), push }))
          : (zeebe?.close() ?? Promise.resolve()).then(() => {
              clearInterval(flush);
              process.exit(0);
            });
  step.catch((e: unknown) => send({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }));
});
