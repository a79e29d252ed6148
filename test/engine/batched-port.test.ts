// The gateway thread's channel (engine/gateway/grpc/batched-port.ts) over a real MessageChannel: what is sent in
// one go arrives as one message, in order, and a message that cannot be cloned spoils only itself.
import { MessageChannel } from 'node:worker_threads';
import { BatchedPort } from '../../engine/gateway/grpc/batched-port';

type M = { id: number; value?: unknown; error?: string };

function channel() {
  const { port1, port2 } = new MessageChannel();
  const received: M[][] = [];
  port2.on('message', (batch: M[]) => received.push(batch));
  const port = new BatchedPort<M>(port1, (m, e) => ({ id: m.id, error: String(e).split('\n')[0] }));
  const settle = () => new Promise((r) => setTimeout(r, 50));
  const close = () => {
    port1.close();
    port2.close();
  };
  return { port, received, settle, close };
}

describe('BatchedPort', () => {
  it('sends what was queued before its flush ran as one batch, in order; later messages go in the next', async () => {
    const c = channel();
    c.port.send({ id: 1, value: 'a' });
    c.port.send({ id: 2, value: { nested: [1, 2] } });
    // the flush was queued as a microtask by the first send; this continuation runs after it
    await Promise.resolve();
    c.port.send({ id: 3 });
    await c.settle();
    c.port.send({ id: 4 });
    await c.settle();
    c.close();
    expect(c.received.map((b) => b.map((m) => m.id))).toEqual([[1, 2], [3], [4]]);
    expect(c.received[0][1].value).toEqual({ nested: [1, 2] });
  });

  it('replaces a message that cannot be cloned and delivers the others of its batch', async () => {
    const c = channel();
    c.port.send({ id: 1, value: 'kept' });
    c.port.send({ id: 2, value: () => 'a function cannot cross threads' });
    c.port.send({ id: 3, value: 'kept too' });
    await c.settle();
    c.close();
    const all = c.received.flat();
    expect(all.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(all[0].value).toBe('kept');
    expect(all[1]).toEqual({ id: 2, error: expect.stringMatching(/could not be cloned/) });
    expect(all[2].value).toBe('kept too');
  });
});
