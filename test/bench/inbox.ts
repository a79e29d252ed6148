// 我的待办 under load: the whole system (engine, workers, web) with 2,000 open tasks in one unit's inbox, and 50
// signed-in sessions asking GET /api/tasks (first page with its four counts) back to back for a while. The
// sessions run in a worker thread, so the load generator does not share the server's event loop. Reports p50 and
// p99 of the answer time (target: p99 ≤ 100 ms) and requests per second.
import { Worker } from 'node:worker_threads';
import { definitions, process as bpmnProcess, flow, userTask } from '../engine/support/bpmn';
import { bootSystem, demoPassword } from '../browser/support/system';
import { LoadMeter, percentile } from './support';

export interface InboxResult {
  tasks: number;
  sessions: number;
  thinkMs: number;
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  others: { cores: number; loadavg: number };
}

const benchXml = definitions(
  bpmnProcess(
    'inbox-bench',
    [
      '<bpmn:startEvent id="start" />',
      userTask(
        'review',
        '<zeebe:assignmentDefinition candidateGroups="court" /><zeebe:taskSchedule dueDate="=dueAt" /><zeebe:taskHeaders><zeebe:header key="role" value="unit-user" /></zeebe:taskHeaders>',
      ).replace('<bpmn:userTask id="review"', '<bpmn:userTask id="review" name="审核材料"'),
      '<bpmn:endEvent id="end" />',
      flow('f0', 'start', 'review'),
      flow('f1', 'review', 'end'),
    ].join('\n'),
  ),
);

// The load generator: plain JavaScript, run in a worker thread.
const sessionsCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, users, password, sessions, seconds, thinkMs } = workerData;
async function login(username) {
  const first = await fetch(url + '/api/session');
  const pre = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = await first.json();
  const res = await fetch(url + '/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: pre },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error('login ' + username + ': ' + res.status);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}
(async () => {
  const cookies = [];
  for (let i = 0; i < sessions; i++) cookies.push(await login(users[i % users.length]));
  const times = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(cookies.map(async (cookie) => {
    // Sessions do not all click at the same instant.
    if (thinkMs) await new Promise((r) => setTimeout(r, Math.random() * 2 * thinkMs));
    while (Date.now() < until) {
      const t = performance.now();
      const res = await fetch(url + '/api/tasks', { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status === 200) times.push(performance.now() - t);
      else errors++;
      // A person looks at the answer before the next click: 0 to 2 × thinkMs.
      if (thinkMs) await new Promise((r) => setTimeout(r, Math.random() * 2 * thinkMs));
    }
  }));
  parentPort.postMessage({ times, errors });
})().catch((e) => parentPort.postMessage({ error: String(e) }));
`;

export async function measureInbox(
  tasks = 2_000,
  sessions = 50,
  seconds = 15,
  thinkMs = 1_000,
): Promise<InboxResult> {
  process.env.LOGIN_RATE_MAX = '100000';
  const booted = await bootSystem();
  try {
    const rest = `${booted.system.engine!.restAddress}/v2`;
    const form = new FormData();
    form.append('resources', new Blob([benchXml], { type: 'application/xml' }), 'inbox-bench.bpmn');
    const deployed = await fetch(`${rest}/deployments`, {
      method: 'POST',
      body: form,
      headers: { authorization: booted.system.engineAuthorization! },
    });
    if (!deployed.ok) throw new Error(`deploy: ${deployed.status} ${await deployed.text()}`);
    const day = 86_400_000;
    for (let i = 0; i < tasks; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, tasks - i) }, (_, j) =>
          fetch(`${rest}/process-instances`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: booted.system.engineAuthorization!,
            },
            body: JSON.stringify({
              processDefinitionId: 'inbox-bench',
              variables: { dueAt: new Date(Date.now() + (((i + j) % 40) - 10) * day).toISOString() },
            }),
          }).then((r) => {
            if (!r.ok) throw new Error(`create: ${r.status}`);
          }),
        ),
      );
    }
    for (;;) {
      const r = await fetch(`${rest}/user-tasks/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: booted.system.engineAuthorization! },
        body: JSON.stringify({
          filter: { processDefinitionId: 'inbox-bench', state: 'CREATED' },
          page: { limit: 1 },
        }),
      });
      const body = (await r.json()) as { page: { totalItems: number } };
      if (body.page.totalItems >= tasks) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    const meter = new LoadMeter([]);
    const answer = await new Promise<{ times?: number[]; errors?: number; error?: string }>(
      (resolve, reject) => {
        const worker = new Worker(sessionsCode, {
          eval: true,
          workerData: {
            url: booted.url,
            users: ['court.user', 'court.lead'],
            password: demoPassword,
            sessions,
            seconds,
            thinkMs,
          },
        });
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    const others = meter.others();
    if (answer.error) throw new Error(answer.error);
    const sorted = [...answer.times!].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      tasks,
      sessions,
      thinkMs,
      requests: sorted.length,
      seconds,
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? 0),
      errors: answer.errors ?? 0,
      others,
    };
  } finally {
    await booted.stop();
  }
}
