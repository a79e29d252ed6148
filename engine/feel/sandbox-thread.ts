// The FEEL sandbox's thread (sandbox.ts): evaluates one expression per message with Camunda's extensions and the
// engine clock, answers with a plain result, and wakes the engine thread waiting on the shared signal.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { evaluate } from 'feelin';
import { camundaExtensions, clockFunctions, FeelAssertionError } from './builtins';
import { toPlain } from './plain';

const { signal, port } = workerData as { signal: Int32Array; port: MessagePort };
const extensions = camundaExtensions();

function wake(value: number): void {
  Atomics.store(signal, 0, value);
  Atomics.notify(signal, 0);
}

port.on('message', (m: { source: string; context: Record<string, unknown>; now: number }) => {
  let answer: unknown;
  try {
    const result = evaluate(m.source, { ...extensions, ...clockFunctions(m.now), ...m.context }, 'camunda');
    answer = { ok: true, value: toPlain(result.value), warnings: result.warnings };
  } catch (e) {
    answer = {
      ok: false,
      assertion: e instanceof FeelAssertionError,
      message: e instanceof Error ? e.message : String(e),
    };
  }
  port.postMessage(answer);
  wake(1);
});
wake(2); // ready
parentPort?.unref();
