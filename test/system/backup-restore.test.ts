// Backup while the system runs and restore into fresh folders: the restored system resumes every waiting
// instance where the backup caught it (its task is there, completing it moves it on), the domain records match,
// and what happened after the backup is not there. Restore refuses while a system runs on the folder, refuses
// to overwrite, and refuses a damaged backup.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSystem, type RunningSystem } from '../../cli/system/start-system';
import { backup, restore } from '../../cli/system/backup';
import { resolveDatabaseUrl } from '../../domain/db/url';

const saved = { ...process.env };
let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-backup-'));
  delete process.env.ZEEBE_GRPC_ADDRESS;
  delete process.env.ZEEBE_REST_ADDRESS;
  delete process.env.SMTP_URL;
  process.env.ADMIN_PASSWORD = 'admin-password-for-tests';
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(root, { recursive: true, force: true });
});

async function start(name: string): Promise<RunningSystem> {
  process.env.DATABASE_URL = `file:${path.join(root, name, 'zhuanban.db')}`;
  return startSystem({
    engineDataDir: path.join(root, name, 'engine'),
    grpcPort: 0,
    restPort: 0,
    webPort: 0,
    logOptions: { sink: () => undefined },
  });
}

async function rest<T>(system: RunningSystem, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${system.engine!.restAddress}/v2${p}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: system.engineAuthorization! },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

async function openItem(system: RunningSystem, problem: string): Promise<string> {
  const created = await rest<{ processInstanceKey: string }>(system, 'POST', '/process-instances', {
    processDefinitionId: 'rectification',
    variables: {
      source: 'supervision',
      problem,
      leadUnitCode: 'court',
      assistingUnitCodes: [],
      dueDate: '2027-03-31',
    },
  });
  return created.processInstanceKey;
}

async function taskOf(system: RunningSystem, processInstanceKey: string, elementId: string) {
  const until = Date.now() + 20_000;
  for (;;) {
    const found = await rest<{ items: { userTaskKey: string; elementId: string }[] }>(
      system,
      'POST',
      '/user-tasks/search',
      {
        filter: { processInstanceKey, state: 'CREATED' },
      },
    );
    const task = found.items.find((t) => t.elementId === elementId);
    if (task) return task;
    if (Date.now() > until) throw new Error(`no ${elementId} task for ${processInstanceKey}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('restores a backup taken while running, and the restored system resumes every waiting instance', async () => {
  const a = await start('a');
  const keys: string[] = [];
  try {
    for (const problem of ['备份前事项一', '备份前事项二', '备份前事项三'])
      keys.push(await openItem(a, problem));
    for (const k of keys) await taskOf(a, k, 'Task_Acknowledge');
    await backup(path.join(root, 'backup'), {
      engineDataDir: path.join(root, 'a', 'engine'),
      database: resolveDatabaseUrl(process.env.DATABASE_URL),
    });
    await openItem(a, '备份后事项');
    // While system a runs on its folder, a restore into it is refused.
    await expect(
      restore(path.join(root, 'backup'), {
        engineDataDir: path.join(root, 'a', 'engine'),
        database: resolveDatabaseUrl(process.env.DATABASE_URL),
        force: true,
      }),
    ).rejects.toThrow(/in use/);
  } finally {
    await a.stop();
  }

  await restore(path.join(root, 'backup'), {
    engineDataDir: path.join(root, 'b', 'engine'),
    database: resolveDatabaseUrl(`file:${path.join(root, 'b', 'zhuanban.db')}`),
  });
  await expect(
    restore(path.join(root, 'backup'), {
      engineDataDir: path.join(root, 'b', 'engine'),
      database: resolveDatabaseUrl(`file:${path.join(root, 'b', 'zhuanban.db')}`),
    }),
  ).rejects.toThrow(/refusing to overwrite/);

  const b = await start('b');
  try {
    const items = await b.database.db.ledgerItem.findMany({
      where: { source: 'supervision', problem: { startsWith: '备份' } },
    });
    expect(items.map((i) => i.problem).sort()).toEqual(['备份前事项一', '备份前事项三', '备份前事项二']);
    expect(items.map((i) => i.processInstanceKey).sort()).toEqual([...keys].sort());
    const task = await taskOf(b, keys[0], 'Task_Acknowledge');
    await rest(b, 'POST', `/user-tasks/${task.userTaskKey}/completion`, {
      variables: { noticeAcknowledged: true, liaisonName: '联络员甲', liaisonPhone: '0731-0000000' },
    });
    await taskOf(b, keys[0], 'Task_Rectify');
    const acknowledged = await b.database.db.ledgerItem.findUniqueOrThrow({
      where: { processInstanceKey: keys[0] },
    });
    expect(acknowledged.acknowledgedAt).not.toBeNull();
  } finally {
    await b.stop();
  }
}, 120_000);

it('refuses a damaged backup before touching anything', async () => {
  const dir = path.join(root, 'damaged');
  fs.cpSync(path.join(root, 'backup'), dir, { recursive: true });
  fs.appendFileSync(path.join(dir, 'engine-journal.db'), 'x');
  await expect(
    restore(dir, {
      engineDataDir: path.join(root, 'c', 'engine'),
      database: resolveDatabaseUrl(`file:${path.join(root, 'c', 'zhuanban.db')}`),
    }),
  ).rejects.toThrow(/does not match its checksum/);
  expect(fs.existsSync(path.join(root, 'c', 'engine', 'journal.db'))).toBe(false);
});
