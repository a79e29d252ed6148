// Starts the engine with its gateways: the in-process entry point (tests, `npm start`) and what
// `zhuanban engine` runs. Binds to loopback unless told otherwise.
import { Engine, type EngineOptions } from './engine';
import { GrpcGateway } from './gateway/grpc/server';

export interface EngineServerOptions extends Partial<EngineOptions> {
  host?: string;
  /** 0 picks a free port. */
  grpcPort?: number;
}

export interface EngineServer {
  engine: Engine;
  host: string;
  grpcPort: number;
  /** host:port for ZEEBE_GRPC_ADDRESS. */
  grpcAddress: string;
  close(): Promise<void>;
}

export async function startEngineServer(options: EngineServerOptions = {}): Promise<EngineServer> {
  const host = options.host ?? '127.0.0.1';
  const engine = await Engine.start({ dataDir: options.dataDir ?? 'data/engine', ...options });
  const grpc = new GrpcGateway(engine);
  let grpcPort: number;
  try {
    grpcPort = await grpc.listen(host, options.grpcPort ?? 26500);
  } catch (e) {
    await engine.close();
    throw new Error(
      `cannot listen for gRPC on ${host}:${options.grpcPort ?? 26500}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  let closed = false;
  return {
    engine,
    host,
    grpcPort,
    grpcAddress: `${host.includes(':') ? `[${host}]` : host}:${grpcPort}`,
    async close() {
      if (closed) return;
      closed = true;
      await grpc.close();
      await engine.close();
    },
  };
}
