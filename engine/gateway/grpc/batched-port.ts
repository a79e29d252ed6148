// One side of the gateway thread's channel. The first message queues a flush (a microtask); what is sent
// until it runs goes out with it as one postMessage. The engine answers a whole batch of commands in one
// go, and each postMessage costs a wake-up of the other thread, whatever its size.
import type { MessagePort, Worker } from 'node:worker_threads';

type Port = Pick<MessagePort | Worker, 'postMessage'>;

export class BatchedPort<T> {
  private queue: T[] = [];

  constructor(
    private readonly port: Port,
    /** A message that cannot be cloned (it holds a function, say) is replaced by what this returns. */
    private readonly uncloneable: (message: T, error: unknown) => T | undefined,
  ) {}

  send(message: T): void {
    if (this.queue.length === 0) queueMicrotask(() => this.flush());
    this.queue.push(message);
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    try {
      this.port.postMessage(batch);
    } catch {
      // One message spoiled the batch: send them one by one, so only that one is replaced.
      for (const m of batch) {
        try {
          this.port.postMessage([m]);
        } catch (e) {
          const replacement = this.uncloneable(m, e);
          if (replacement !== undefined) this.port.postMessage([replacement]);
        }
      }
    }
  }
}
