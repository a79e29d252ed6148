// The gRPC gateway's thread (gateway-host.ts starts it): grpc-js, the protobuf codec and the handlers'
// validation run here; commands go to the engine's thread through EngineProxy.
// Out: { listening: port } | { failed: reason } at start, { closed: true } after 'close'; the thread then
// ends by itself once its sockets are gone. Worker.terminate() while HTTP/2 still reads a socket can abort the
// whole process (nodejs/node#38418, grpc/grpc-node#1799), so the engine's side only terminates a thread that
// does not end.
import { parentPort, workerData } from 'node:worker_threads';
import { EngineAuthenticator } from '../auth';
import { EngineProxy } from './engine-proxy';
import type { GatewayThreadData } from './gateway-engine';
import { GrpcGateway } from './server';

const data = workerData as GatewayThreadData;
const port = parentPort!;

const proxy = new EngineProxy(port, () => {
  void gateway.close().then(() => {
    proxy.send({ closed: true });
    // After the flush (a microtask): the port was what kept the thread's loop alive.
    setImmediate(() => port.close());
  });
});
const gateway = new GrpcGateway(proxy, new EngineAuthenticator(data.auth), data.requestTimeoutMillis);

gateway.listen(data.host, data.port).then(
  (bound) => proxy.send({ listening: bound }),
  (e: unknown) => proxy.send({ failed: e instanceof Error ? e.message : String(e) }),
);
