// By hand, as root (it mounts a small tmpfs): `npm run faults:disk-full`. Not in `npm test`, because CI machines
// may not allow mounts. What it proves, on a real file system that fills up and one that turns read-only:
// 1. with the free-space check off, the engine is driven until its disk is full: it stops with one clear line and
//    exit code 74, never with a stack trace;
// 2. after the file system is enlarged the engine starts again, every instance it acknowledged is there, and
//    `zhuanban engine --verify` finds the journal intact;
// 3. on a read-only data folder the engine refuses to start with a clear message and changes nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnCli, startEngineProcess } from '../engine/support/engine-process';
import { oneUserTaskProcess, restOf } from './support/fault-kit';

function check(what: string, ok: boolean, detail = ''): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` — ${detail}` : ''}`);
  if (!ok) process.exitCode = 1;
}

async function main(): Promise<void> {
  const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-disk-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mount]);
  const data = path.join(mount, 'engine');
  const env = { ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING: '0' };
  try {
    let engine = await startEngineProcess(data, ['--rest-port', '0'], { env });
    let rest = restOf(engine);
    const form = new FormData();
    form.append('resources', new Blob([oneUserTaskProcess('fill')]), 'fill.bpmn');
    await fetch(`${rest}/v2/deployments`, { method: 'POST', body: form });
    const acknowledged: string[] = [];
    let refusedAt = '';
    for (let i = 0; i < 100_000; i++) {
      try {
        const r = await fetch(`${rest}/v2/process-instances`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ processDefinitionId: 'fill', variables: { pad: 'x'.repeat(4000), i } }),
        });
        if (r.status !== 200) {
          refusedAt = `HTTP ${r.status}`;
          break;
        }
        acknowledged.push(((await r.json()) as { processInstanceKey: string }).processInstanceKey);
      } catch (e) {
        refusedAt = String((e as Error).cause ?? e);
        break;
      }
    }
    const exit = await engine.exited;
    const said = engine.stderr();
    console.log(`filled: ${acknowledged.length} instances acknowledged, then ${refusedAt}`);
    console.log(`engine said: ${said.trim()}`);
    check(
      'the engine stopped with exit code 74',
      exit.code === 74,
      `code ${exit.code} signal ${exit.signal}`,
    );
    check(
      'with one clear line naming the full disk',
      /engine stopped: .* the disk is full/.test(said) && !/\n\s+at /.test(said),
    );

    execFileSync('mount', ['-o', 'remount,size=64m', mount]);
    engine = await startEngineProcess(data, ['--rest-port', '0'], { env });
    rest = restOf(engine);
    let found = 0;
    for (const key of acknowledged) {
      const r = await fetch(`${rest}/v2/process-instances/${key}`);
      if (r.status === 200) found++;
    }
    check(
      'after more space, every acknowledged instance is there',
      found === acknowledged.length,
      `${found} of ${acknowledged.length}`,
    );
    await engine.kill('SIGTERM');
    const verify = spawnCli(['engine', '--verify', data]);
    const verified = await verify.exited;
    check('the journal verifies clean', verified.code === 0, verify.stdout().trim().split('\n').pop());

    execFileSync('mount', ['-o', 'remount,ro', mount]);
    const readOnly = spawnCli(['engine', '--data', data, '--grpc-port', '0', '--rest-port', '0'], env);
    const ro = await readOnly.exited;
    console.log(`read-only start said: ${readOnly.stderr().trim()}`);
    check(
      'a read-only data folder refuses the start clearly',
      ro.code !== 0 && /read-only/.test(readOnly.stderr()),
    );
  } finally {
    execFileSync('umount', ['-l', mount]);
    fs.rmSync(mount, { recursive: true, force: true });
  }
}

void main();
