// Memory per waiting instance: the engine in-process (its command API; no gRPC objects in the
// heap), many instances of start → service task → end waiting at the service task with no worker,
// heap measured after full garbage collections. Node must run with --expose-gc.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../engine/engine';
import { chain, serviceTask } from '../engine/support/bpmn';
import { benchVariables } from './support';

export interface MemoryResult {
  instances: number;
  bytesPerInstance: number;
  heapMegabytes: number;
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory benchmark needs node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

export async function measureMemory(instances: number): Promise<MemoryResult> {
  const dir = mkdtempSync(join(tmpdir(), 'zhuanban-memory-'));
  const engine = await Engine.start({ dataDir: dir, sync: 'off' });
  try {
    const deployed = await engine.deploy([
      { name: 'waiting.bpmn', content: chain('waiting', serviceTask('task', 'nobody-works-on-this')) },
    ]);
    if (!deployed.ok) throw new Error(deployed.reason);
    const create = (i: number) =>
      engine.execute('PROCESS_INSTANCE_CREATION', 'CREATE', {
        bpmnProcessId: 'waiting',
        version: -1,
        processDefinitionKey: -1,
        processInstanceKey: -1,
        variables: benchVariables(i),
        startInstructions: [],
        fetchVariables: [],
        tenantId: '<default>',
      });
    await Promise.all(Array.from({ length: 100 }, (_, i) => create(i))); // warm-up
    await engine.flush();
    const before = heapAfterGc();
    for (let n = 0; n < instances; n += 1_000)
      await Promise.all(Array.from({ length: Math.min(1_000, instances - n) }, (_, i) => create(n + i)));
    await engine.flush();
    const after = heapAfterGc();
    if (engine.state.elements.size !== (instances + 100) * 2) throw new Error('instances are not waiting');
    return { instances, bytesPerInstance: (after - before) / instances, heapMegabytes: after / 1e6 };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
