// The engine of the path benches: embedded in the test process (default), or — with ZHUANBAN_TEST_ENGINE=process
// — `zhuanban engine` in a process of its own, which the workers reach only through the SDK's own variables
// (ZEEBE_GRPC_ADDRESS, CAMUNDA_AUTH_STRATEGY), the wiring used against a real Camunda 8.8 cluster. Its clock is
// controllable (ZEEBE_CLOCK_CONTROLLED=true) so the paths can pin time as they do embedded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { startEngineServer } from '../../engine/server';
import { createZeebeClient } from '../../workers/runtime/zeebe-client';
import { testEngineOptions } from '../engine/rest/support/rest-harness';
import { startEngineProcess } from '../engine/support/engine-process';

export interface TestEngineEndpoint {
  /** host:port of the gRPC gateway. */
  grpcAddress: string;
  /** Base URL of the REST API v2. */
  restAddress: string;
  /** True when the engine runs in a process of its own. */
  separateProcess: boolean;
  /** A gRPC client as a part of the application makes it (from the environment when the engine is separate). */
  zeebeClient(): ZeebeGrpcClient;
  close(): Promise<void>;
}

export const engineInSeparateProcess = () => process.env.ZHUANBAN_TEST_ENGINE === 'process';

export async function startTestEngineEndpoint(): Promise<TestEngineEndpoint> {
  if (!engineInSeparateProcess()) {
    const server = await startEngineServer(testEngineOptions);
    return {
      grpcAddress: server.grpcAddress,
      restAddress: server.restAddress!,
      separateProcess: false,
      zeebeClient: () =>
        createZeebeClient(
          { embeddedAddress: `grpc://${server.grpcAddress}` },
          { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
        ),
      close: () => server.close(),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-engine-process-'));
  const engine = await startEngineProcess(dir, ['--rest-port', '0', '--sync', 'off'], {
    env: { ZEEBE_CLOCK_CONTROLLED: 'true' },
  });
  const restAddress = /REST (http:\/\/\S+?),/.exec(engine.readyLine)?.[1];
  if (!restAddress) throw new Error(`the engine did not name its REST address: ${engine.readyLine}`);
  const partEnv: NodeJS.ProcessEnv = {
    ZEEBE_GRPC_ADDRESS: `grpc://${engine.address}`,
    ZEEBE_REST_ADDRESS: restAddress,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
  };
  return {
    grpcAddress: engine.address,
    restAddress,
    separateProcess: true,
    zeebeClient: () => createZeebeClient({}, partEnv),
    async close() {
      const { code, signal } = await engine.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`the engine process ended with ${code ?? signal}:\n${engine.stderr()}`);
    },
  };
}
