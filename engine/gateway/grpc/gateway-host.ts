// The engine's side of the gRPC gateway thread: starts the thread, answers its calls on the engine's
// thread (commands, deployments, long-polling activation, job streams), and starts it again on the same
// address should it die — the gateway holds no state but open calls, which the clients then retry.
import { Worker } from 'node:worker_threads';
import { extname, join } from 'node:path';
import type { Engine } from '../../engine';
import { LongPolling, type AfterEmptyAttempt } from '../long-polling';
import { GatewayError } from '../rejections';
import type { EngineAuthOptions } from '../auth';
import { BatchedPort } from './batched-port';
import type { CrossError, GatewayThreadData, ToEngine, ToGateway } from './gateway-engine';

// From the TypeScript sources (tests, tsx) the thread loads tsx's require hook first, as the projections do.
const THREAD = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) require('tsx/cjs/api').register();
require(workerData.entry);
`;

/** A thread that dies this often within RESTART_WINDOW is not started again: the process ends. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW = 60_000;
/** How long a closed thread has to end by itself before it is terminated. */
const THREAD_END_GRACE = 5_000;

export interface GrpcGatewayOptions {
  auth?: EngineAuthOptions;
  requestTimeoutMillis: number;
  afterEmptyActivation?: AfterEmptyAttempt;
  log?: (line: string) => void;
}

function crossError(e: unknown): CrossError {
  return {
    message: e instanceof Error ? e.message : String(e),
    rejectionType: e instanceof GatewayError ? e.rejectionType : undefined,
  };
}

/** What one thread asked for: closed with it. */
class Connection {
  readonly out: BatchedPort<ToGateway>;
  private readonly streams = new Map<number, () => void>();
  private readonly activations = new Map<number, () => void>();
  private dropped = false;
  readonly exited: Promise<void>;

  constructor(
    readonly thread: Worker,
    private readonly engine: Engine,
    private readonly polling: LongPolling,
  ) {
    this.exited = new Promise((resolve) => thread.once('exit', () => resolve()));
    this.out = new BatchedPort<ToGateway>(thread, (m, e) =>
      typeof m === 'object' && 'id' in m
        ? { id: m.id, error: { message: `the engine's answer cannot be sent to the gateway: ${String(e)}` } }
        : undefined,
    );
  }

  handle(m: ToEngine): void {
    if ('op' in m) this.call(m.id, m);
    else if ('cancel' in m) this.activations.get(m.cancel)?.();
    else if ('open' in m) this.open(m.open, m.spec);
    else if ('close' in m) {
      this.streams.get(m.close)?.();
      this.streams.delete(m.close);
    } else if ('yieldBack' in m) this.polling.yieldBack(m.yieldBack);
  }

  private call(id: number, m: Extract<ToEngine, { op: string }>): void {
    let answer: Promise<unknown>;
    try {
      if (m.op === 'execute')
        answer = this.engine.execute(m.args[0], m.args[1], m.args[2] as never, m.args[3]);
      else if (m.op === 'deploy') answer = this.engine.deploy(m.args[0], m.args[1]);
      else
        answer = this.polling
          .activate(m.args[0], (cancel) => this.activations.set(id, cancel))
          .then((jobs) => {
            this.activations.delete(id);
            // Jobs activated for a thread that is gone would wait out their timeout: give them back.
            if (this.dropped) this.polling.yieldBack(jobs);
            return jobs;
          });
    } catch (e) {
      answer = Promise.reject(e);
    }
    answer.then(
      (value) => this.out.send({ id, value }),
      (e: unknown) => this.out.send({ id, error: crossError(e) }),
    );
  }

  private open(id: number, spec: Extract<ToEngine, { open: number }>['spec']): void {
    const remove = this.engine.streams.add({
      ...spec,
      tenantIds: [],
      push: (job) => {
        this.out.send({ push: id, job });
        return true;
      },
    });
    this.streams.set(id, remove);
  }

  /** The thread ended: its streams and waiting activations end with it. */
  drop(): void {
    this.dropped = true;
    for (const remove of this.streams.values()) remove();
    this.streams.clear();
    for (const cancel of [...this.activations.values()]) cancel();
  }
}

export class GrpcGatewayThread {
  private readonly polling: LongPolling;
  private connection: Connection | undefined;
  private readonly restarts: number[] = [];
  private stopping = false;
  /** What happens to the thread is never silent: without a log it goes to stderr. */
  private readonly warn: (line: string) => void;
  host = '127.0.0.1';
  port = 0;

  constructor(
    private readonly engine: Engine,
    private readonly options: GrpcGatewayOptions,
  ) {
    this.polling = new LongPolling(engine, options.afterEmptyActivation);
    this.warn = options.log ?? ((line) => console.error(`zhuanban engine: ${line}`));
  }

  /** The running thread (undefined before listen). */
  get thread(): Worker | undefined {
    return this.connection?.thread;
  }

  /** Starts the thread serving host:port (0: a free port); resolves with the bound port. */
  async listen(host: string, port: number): Promise<number> {
    this.host = host;
    this.port = await this.start(port);
    return this.port;
  }

  private start(port: number): Promise<number> {
    const data: GatewayThreadData & { entry: string } = {
      entry: join(__dirname, `gateway-thread${extname(__filename)}`),
      host: this.host,
      port,
      auth: this.options.auth,
      requestTimeoutMillis: this.options.requestTimeoutMillis,
    };
    const thread = new Worker(THREAD, { eval: true, workerData: data });
    const connection = new Connection(thread, this.engine, this.polling);
    this.connection = connection;
    return new Promise<number>((resolve, reject) => {
      let listening = false;
      thread.on('message', (batch: ToEngine[]) => {
        for (const m of batch) {
          if ('listening' in m) {
            listening = true;
            resolve(m.listening);
          } else if ('failed' in m) {
            reject(new Error(m.failed));
            void thread.terminate();
          } else if ('closed' in m) this.awaitEnd(thread, connection);
          else connection.handle(m);
        }
      });
      thread.on('error', (e) => this.warn(`gRPC gateway: the thread failed: ${e.stack ?? e.message}`));
      thread.on('exit', (code) => {
        connection.drop();
        if (!listening)
          return reject(new Error(`the gRPC gateway's thread ended (exit code ${code}) before it listened`));
        if (this.connection === connection && !this.stopping) void this.restart(code);
      });
    });
  }

  /** A closed thread ends by itself (gateway-thread.ts); one that has not after THREAD_END_GRACE is ended. */
  private awaitEnd(thread: Worker, connection: Connection): void {
    const timer = setTimeout(() => {
      this.warn(
        `gRPC gateway: the thread had not ended ${THREAD_END_GRACE / 1000} s after closing; terminating it`,
      );
      void thread.terminate();
    }, THREAD_END_GRACE);
    void connection.exited.then(() => clearTimeout(timer));
  }

  private async restart(code: number): Promise<void> {
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && this.restarts[0] < now - RESTART_WINDOW) this.restarts.shift();
    if (this.restarts.length > MAX_RESTARTS) {
      // Without its gateway the engine serves no worker: end, so that a supervisor starts it afresh.
      console.error(
        `zhuanban engine: the gRPC gateway's thread ended (exit code ${code}) ${this.restarts.length} times within ${RESTART_WINDOW / 1000} s; stopping`,
      );
      process.exit(70); // EX_SOFTWARE
    }
    this.warn(`gRPC gateway: the thread ended (exit code ${code}); starting it again on port ${this.port}`);
    try {
      await this.start(this.port);
    } catch (e) {
      this.warn(`gRPC gateway: could not start again: ${e instanceof Error ? e.message : String(e)}`);
      if (!this.stopping) void this.restart(code);
    }
  }

  /** Ends waiting activations (answered empty), then the thread's calls and server. */
  async close(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.polling.close();
    const connection = this.connection;
    if (!connection) return;
    connection.out.send('close');
    await connection.exited;
  }
}
