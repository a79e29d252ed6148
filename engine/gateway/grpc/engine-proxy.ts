// The engine as the gateway thread sees it: every call goes to the engine's thread (engine-port.ts) and
// comes back as a promise. A job pushed to a stream whose call has gone is yielded back, as Zeebe's
// gateway does when a push fails.
import type { MessagePort } from 'node:worker_threads';
import type { ActivatedJob } from '../../processors/job/streams';
import type { CommandResult } from '../../processors/writers';
import type { ValueByType, ValueType } from '../../protocol/values';
import type { RejectionType } from '../../protocol/record';
import type { ActivationRequest } from '../long-polling';
import { GatewayError } from '../rejections';
import { BatchedPort } from './batched-port';
import type { Call, GatewayEngine, StreamSpec, ToEngine, ToGateway } from './gateway-engine';

interface Pending {
  resolve: (value: never) => void;
  reject: (e: unknown) => void;
}

export class EngineProxy implements GatewayEngine {
  private readonly out: BatchedPort<ToEngine>;
  private readonly pending = new Map<number, Pending>();
  private readonly streams = new Map<number, (job: ActivatedJob) => boolean>();
  private nextId = 1;

  constructor(port: MessagePort, onClose: () => void) {
    // Only answers and pushes cross from this side's point of view; what is sent is plain data.
    this.out = new BatchedPort<ToEngine>(port, () => undefined);
    port.on('message', (batch: ToGateway[]) => {
      for (const m of batch) {
        if (m === 'close') onClose();
        else if ('push' in m) this.push(m.push, m.job);
        else this.answer(m);
      }
    });
  }

  send(message: ToEngine): void {
    this.out.send(message);
  }

  private call<T>(call: Call, onId?: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    onId?.(id);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.out.send({ id, ...call });
    });
  }

  private answer(m: Exclude<ToGateway, 'close' | { push: number }>): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if ('error' in m)
      p.reject(
        m.error.rejectionType
          ? new GatewayError(m.error.rejectionType as RejectionType, m.error.message)
          : new Error(m.error.message),
      );
    else p.resolve(m.value as never);
  }

  private push(stream: number, job: ActivatedJob): void {
    const push = this.streams.get(stream);
    if (!push || !push(job)) this.out.send({ yieldBack: [job] });
  }

  execute<T extends ValueType>(
    valueType: T,
    intent: string,
    value: ValueByType[T],
    key = -1,
  ): Promise<CommandResult> {
    return this.call({ op: 'execute', args: [valueType, intent, value, key] });
  }

  deploy(resources: { name: string; content: string }[], tenantId: string): Promise<CommandResult> {
    return this.call({ op: 'deploy', args: [resources, tenantId] });
  }

  activate(request: ActivationRequest, onCancel: (cancel: () => void) => void): Promise<ActivatedJob[]> {
    return this.call({ op: 'activate', args: [request] }, (id) =>
      onCancel(() => this.out.send({ cancel: id })),
    );
  }

  yieldBack(jobs: ActivatedJob[]): void {
    if (jobs.length > 0) this.out.send({ yieldBack: jobs });
  }

  openStream(spec: StreamSpec, push: (job: ActivatedJob) => boolean): () => void {
    const id = this.nextId++;
    this.streams.set(id, push);
    this.out.send({ open: id, spec });
    return () => {
      if (this.streams.delete(id)) this.out.send({ close: id });
    };
  }
}
