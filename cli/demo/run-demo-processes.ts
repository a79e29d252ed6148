// The process half of `npm run demo`: with the running system's engine named by the SDK's variables
// (ZEEBE_REST_ADDRESS or CAMUNDA_REST_ADDRESS, and its CAMUNDA_AUTH_STRATEGY / credentials), starts and moves the
// demo's processes (demo-processes.ts). Without one it says how; the running web server's reconciler still gives
// the demo's ledger items their processes within a minute.
import { openDatabase } from '../../domain/db/client';
import { createEngineApi } from '../../web/server/engine/client';
import { startDemoProcesses } from './demo-processes';

export async function runDemoProcesses(log: (line: string) => void = console.log): Promise<void> {
  const engine =
    process.env.ZEEBE_REST_ADDRESS || process.env.CAMUNDA_REST_ADDRESS ? createEngineApi({}) : undefined;
  if (!engine) {
    log(
      '演示流程：未设置 ZEEBE_REST_ADDRESS，未发起演示流程。要连同演示流程一起启动，请运行 npm start -- --demo；' +
        '运行中的系统也会在一分钟内为演示整改事项补发起流程。',
    );
    return;
  }
  const database = await openDatabase();
  try {
    await startDemoProcesses(database.db, engine, log);
  } finally {
    await database.close();
  }
}
