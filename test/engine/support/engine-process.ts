// The engine as a separate process started through the real CLI (`bin/zhuanban.js engine`), for
// crash, restart and CLI tests and the benchmark. Node runs with `--import tsx`, so the bin runs
// the TypeScript sources (never a stale build in dist/).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Journal } from '../../../engine/journal/journal';
import type { EngineRecord } from '../../../engine/protocol/record';

export const REPO = join(__dirname, '..', '..', '..');
export const BIN = join(REPO, 'bin', 'zhuanban.js');

export interface EngineProcess {
  child: ChildProcess;
  /** host:port of the gRPC gateway, from the ready line. */
  address: string;
  port: number;
  readyLine: string;
  /** Milliseconds from spawn to the ready line. */
  startMillis: number;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal) when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnResult {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `zhuanban <args>` from the sources. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): SpawnResult {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', BIN, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

const READY = /^zhuanban engine ready: gRPC (\S+):(\d+)\b.*$/m;

/** Starts `zhuanban engine --data <dir> --grpc-port 0 …` and waits for its ready line. */
export async function startEngineProcess(
  dataDir: string,
  extraArgs: string[] = [],
  { timeoutMs = 30_000, nodeArgs = [] as string[], env = {} as NodeJS.ProcessEnv } = {},
): Promise<EngineProcess> {
  const started = performance.now();
  const p = spawnCli(['engine', '--data', dataDir, '--grpc-port', '0', ...extraArgs], env, nodeArgs);
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      p.child.kill('SIGKILL');
      reject(new Error(`engine not ready after ${timeoutMs} ms:\n${p.stdout()}\n${p.stderr()}`));
    }, timeoutMs);
    const check = () => {
      const m = READY.exec(p.stdout());
      if (m) {
        clearTimeout(timer);
        p.child.stdout!.off('data', check);
        resolve(m);
      }
    };
    p.child.stdout!.on('data', check);
    void p.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(`engine exited (${code ?? signal}) before it was ready:\n${p.stdout()}\n${p.stderr()}`),
      );
    });
  });
  const startMillis = performance.now() - started;
  return {
    ...p,
    address: `${match[1]}:${match[2]}`,
    port: Number(match[2]),
    readyLine: match[0],
    startMillis,
    kill(signal) {
      p.child.kill(signal);
      return p.exited;
    },
  };
}

/** Every record in the journal of a data directory (read-only; the engine may be running). */
export function readJournal(dataDir: string): EngineRecord[] {
  const journal = new Journal(join(dataDir, 'journal.db'), 'full', { readonly: true });
  try {
    const records: EngineRecord[] = [];
    for (const batch of journal.readAfter(0)) records.push(...batch.records);
    return records;
  } finally {
    journal.close();
  }
}
