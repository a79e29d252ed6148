// The runtime survives a gateway restart: jobs created after the engine came back on the same port are handled
// without restarting the workers (streams re-opened, activation poll as the fallback).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createLogger, type LogRecord } from '../../domain/log';
import { startEngineServer } from '../../engine/server';
import { defineHandler } from '../../workers/runtime/handler';
import { startWorkers } from '../../workers/runtime/runner';
import { createServices } from '../../workers/runtime/services';
import { freshDatabase } from '../support/databases';
import { zeebeClient } from './support/harness';

it('handles jobs again after the engine restarted on the same port', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-reconnect-'));
  let server = await startEngineServer({ dataDir: dir, grpcPort: 0, sync: 'off' });
  const port = server.grpcPort;
  const zeebe = zeebeClient(server.grpcAddress);
  const database = await freshDatabase('sqlite');
  const logs: LogRecord[] = [];
  const log = createLogger('workers', { sink: (r) => logs.push(r) });
  const handled: string[] = [];
  const handler = defineHandler({
    type: 'test.reconnect',
    variables: z.object({ round: z.number() }),
    async handle(job) {
      handled.push(String(job.variables.round));
      return job.complete();
    },
  });
  const runtime = await startWorkers({
    zeebe,
    handlers: [handler],
    services: createServices({ db: database.db, log }),
    log,
    pollIntervalMs: 500,
  });
  try {
    const bpmn = fs.readFileSync(path.join(__dirname, 'fixtures', 'runner-probe.bpmn'));
    await zeebe.deployResources([{ process: bpmn, name: 'runner-probe.bpmn' }]);
    const run = (round: number) =>
      zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'runner-probe',
        variables: { jobType: 'test.reconnect', round },
        requestTimeout: 20_000,
      });
    await run(1);
    await server.close();
    server = await startEngineServer({ dataDir: dir, grpcPort: port, sync: 'off' });
    const result = await run(2);
    expect(result.variables).toMatchObject({ outcome: 'completed' });
    expect(handled).toEqual(['1', '2']);
    const before = handled.length;
    await run(3);
    expect(handled.length).toBe(before + 1);
    expect(logs.some((l) => l.message === 'activation poll found jobs: re-opening the job stream')).toBe(
      true,
    );
  } finally {
    await runtime.stop(2_000);
    await zeebe.close();
    await server.close();
    await database.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 40_000);
