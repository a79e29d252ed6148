// Test harness for engine conformance tests: a real engine with its real gRPC gateway on a free
// loopback port, the real @camunda8/sdk client, and the engine's record stream to assert on
// (the role Zeebe's RecordingExporter plays in its own engine tests).
import { Camunda8 } from '@camunda8/sdk';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { startEngineServer, type EngineServer, type EngineServerOptions } from '../../../engine/server';
import { RecordStream } from './records';

export interface TestEngine {
  server: EngineServer;
  zeebe: ZeebeGrpcClient;
  records: RecordStream;
  /** Deploys BPMN/form sources (name → content) through the gRPC gateway. */
  deploy(...resources: { name: string; content: string }[]): Promise<unknown>;
  /** Pins the engine clock (epoch ms); due timers fire. */
  pinClock(time: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The SDK debounces its channel's "ready" state with a timer that every gRPC answer re-arms for
 * ZEEBE_GRPC_CLIENT_CONNECTION_TOLERANCE_MS (3 s by default) and that close() does not clear: it kept each Jest
 * worker alive past its file ("A worker process has failed to exit gracefully"). A loopback engine that the test
 * starts and stops has no channel jitter to tolerate, so the timer is not armed for longer than a tick.
 */
export const noReadyDebounce = {
  zeebeGrpcSettings: { ZEEBE_GRPC_CLIENT_CONNECTION_TOLERANCE_MS: 0 },
} as const;

/** Waits for `promise` at most `ms`; the timer is cleared, so that it does not keep the Jest worker alive. */
export async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([promise, new Promise((r) => (timer = setTimeout(r, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function sdkConfig(address: string) {
  return {
    ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    ...noReadyDebounce,
  } as const;
}

// The SDK logs channel life-cycle at INFO unless told otherwise through its environment.
process.env.ZEEBE_CLIENT_LOG_LEVEL ??= 'NONE';

export async function startTestEngine(options: EngineServerOptions = {}): Promise<TestEngine> {
  const server = await startEngineServer({ dataDir: ':memory:', grpcPort: 0, sync: 'off', ...options });
  const records = new RecordStream(server.engine);
  const c8 = new Camunda8(sdkConfig(server.grpcAddress) as never);
  const zeebe = c8.getZeebeGrpcApiClient();
  return {
    server,
    zeebe,
    records,
    async deploy(...resources) {
      return zeebe.deployResources(
        resources.map((r) =>
          r.name.endsWith('.form')
            ? { form: Buffer.from(r.content), name: r.name }
            : { process: Buffer.from(r.content), name: r.name },
        ),
      );
    },
    async pinClock(time: number) {
      const r = await server.engine.execute('CLOCK', 'PIN', { time });
      if (!r.ok) throw new Error(r.reason);
    },
    async close() {
      await zeebe.close();
      await server.close();
    },
  };
}

/**
 * A fresh engine for every test of the calling file (Jest's beforeEach/afterEach), reached through the returned
 * object, which always stands for the current test's engine.
 */
export function engineForEachTest(options: EngineServerOptions = {}): TestEngine {
  let current: TestEngine | undefined;
  beforeEach(async () => {
    current = await startTestEngine(options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as TestEngine, {
    get(_target, name) {
      if (!current) throw new Error('the test engine exists only while a test runs');
      return current[name as keyof TestEngine];
    },
  });
}

/** engineForEachTest with the clock pinned to `start` before each test; `settle` waits for due commands. */
export function pinnedEngineForEachTest(start: number): {
  t: TestEngine;
  pin(time: number): Promise<void>;
  settle(): Promise<void>;
} {
  const t = engineForEachTest();
  let now = start;
  const pin = async (time: number) => {
    now = time;
    await t.pinClock(time);
  };
  beforeEach(() => pin(start));
  // Every command submitted so far (due timers included) has been processed when this resolves.
  return { t, pin, settle: () => t.pinClock(now) };
}
