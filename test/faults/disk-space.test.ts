// The engine's data folder running out of disk space, as Zeebe guards it: below the configured free space
// (ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING) client commands are refused with RESOURCE_EXHAUSTED — over gRPC
// and REST, with a message that says why — until space is freed; then they are accepted again, and the journal
// checks clean. The disk is made "nearly full" without filling the machine: the minimum is set just below what is
// free now, and a large file allocated in the data folder's file system crosses it. (The write failure on a disk
// that fills all the way — the engine stops with one clear line — needs a tmpfs mount: test/faults/disk-full-run.ts,
// run by hand as root.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { spawnCli, startEngineProcess, type EngineProcess } from '../engine/support/engine-process';
import { oneUserTaskProcess, restOf, waitFor } from './support/fault-kit';

jest.setTimeout(120_000);

const MiB = 1024 ** 2;

let dir: string;
let engine: EngineProcess | undefined;
const filler = () => path.join(dir, 'filler.bin');

const freeBytes = () => {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-disk-'));
});

afterAll(async () => {
  await engine?.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

it('refuses client commands while the data folder is below its free-space minimum, and takes them again after', async () => {
  // Margins wide enough that other tests writing to the same disk meanwhile do not flip the verdict.
  const minimum = freeBytes() - 200 * MiB;
  expect(minimum).toBeGreaterThan(0);
  engine = await startEngineProcess(path.join(dir, 'engine'), ['--rest-port', '0'], {
    env: { ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING: String(minimum) },
  });
  const rest = restOf(engine);
  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${engine.address}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    zeebeGrpcSettings: { ZEEBE_GRPC_CLIENT_RETRY: false },
  } as never).getZeebeGrpcApiClient();
  try {
    await zeebe.deployResource({
      process: Buffer.from(oneUserTaskProcess('disk-space')),
      name: 'disk-space.bpmn',
    });
    const before = await zeebe.createProcessInstance({ bpmnProcessId: 'disk-space', variables: {} });

    execFileSync('fallocate', ['-l', String(400 * MiB), filler()]);
    await waitFor('the engine to notice', async () =>
      /disk space low/.test(engine!.stdout()) ? true : undefined,
    );
    const refused = await zeebe.createProcessInstance({ bpmnProcessId: 'disk-space', variables: {} }).then(
      () => 'accepted',
      (e: Error & { code?: number }) => `${e.code}: ${e.message}`,
    );
    expect(refused).toMatch(/^8: .*disk space left, below the configured minimum/); // 8 = RESOURCE_EXHAUSTED
    const viaRest = await fetch(`${rest}/v2/process-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ processDefinitionId: 'disk-space' }),
    });
    const problem = (await viaRest.json()) as { status: number; detail: string };
    expect([viaRest.status, problem.detail]).toEqual([
      503,
      expect.stringMatching(/free disk space and retry/),
    ]);

    fs.rmSync(filler());
    await waitFor('the engine to take commands again', async () =>
      /disk space recovered/.test(engine!.stdout()) ? true : undefined,
    );
    const after = await zeebe.createProcessInstance({ bpmnProcessId: 'disk-space', variables: {} });
    // Exactly the two acknowledged instances: the refused ones left nothing behind.
    const instances = await waitFor('the search to catch up', async () => {
      const r = await fetch(`${rest}/v2/process-instances/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { processDefinitionId: 'disk-space' } }),
      }).then((x) => x.json() as Promise<{ items: { processInstanceKey: string }[] }>);
      return r.items.length >= 2 ? r : undefined;
    });
    expect(instances.items.map((i) => i.processInstanceKey).sort()).toEqual(
      [before.processInstanceKey, after.processInstanceKey].sort(),
    );
  } finally {
    await zeebe.close();
  }
  await engine.kill('SIGTERM');
  const verify = spawnCli(['engine', '--verify', path.join(dir, 'engine')]);
  expect((await verify.exited).code).toBe(0);
});
