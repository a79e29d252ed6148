// Compression on the gRPC gateway: requests compressed with gzip (the SDK compresses every
// request) are accepted, and every response asks for uncompressed requests from then on
// (`grpc-accept-encoding: identity`), which gRPC clients honour per channel — on loopback
// compression only costs CPU. Spoken in bare HTTP/2, so the frames are exactly what is sent.
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { gzipSync } from 'node:zlib';
import * as protoLoader from '@grpc/proto-loader';
import { startTestEngine, type TestEngine } from './support/harness';
import { chain, serviceTask } from './support/bpmn';

const gateway = protoLoader.loadSync(require.resolve('@camunda8/sdk/dist/proto/zeebe.proto'), {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
})['gateway_protocol.Gateway'] as unknown as Record<
  string,
  { requestSerialize(v: object): Buffer; responseDeserialize(b: Buffer): Record<string, unknown> }
>;

let t: TestEngine;
let session: ClientHttp2Session;
beforeEach(async () => {
  t = await startTestEngine();
  session = connect(`http://${t.server.grpcAddress}`);
});
afterEach(async () => {
  session.close();
  await t.close();
});

interface Answer {
  headers: IncomingHttpHeaders;
  trailers: IncomingHttpHeaders;
  message: Record<string, unknown> | undefined;
}

function call(method: string, request: object, gzip: boolean): Promise<Answer> {
  const payload = gateway[method].requestSerialize(request);
  const body = gzip ? gzipSync(payload) : payload;
  const frame = Buffer.alloc(5 + body.length);
  frame.writeUInt8(gzip ? 1 : 0, 0);
  frame.writeUInt32BE(body.length, 1);
  body.copy(frame, 5);
  const stream = session.request({
    ':method': 'POST',
    ':path': `/gateway_protocol.Gateway/${method}`,
    'content-type': 'application/grpc+proto',
    te: 'trailers',
    ...(gzip ? { 'grpc-encoding': 'gzip' } : {}),
    'grpc-accept-encoding': 'identity,gzip',
  });
  return new Promise((resolve, reject) => {
    let headers: IncomingHttpHeaders = {};
    let trailers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => (headers = h));
    stream.on('trailers', (h) => (trailers = h));
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', reject);
    stream.on('end', () => {
      const data = Buffer.concat(chunks);
      const message =
        data.length >= 5
          ? gateway[method].responseDeserialize(data.subarray(5, 5 + data.readUInt32BE(1)))
          : undefined;
      resolve({ headers, trailers: { ...headers, ...trailers }, message });
    });
    stream.end(frame);
  });
}

describe('compressed requests', () => {
  it('are accepted and answered, and the answer asks for uncompressed requests', async () => {
    const answer = await call('Topology', {}, true);
    expect(answer.trailers['grpc-status']).toBe('0');
    expect(answer.headers['grpc-accept-encoding']).toBe('identity');
    expect(answer.message).toMatchObject({ clusterSize: 1, partitionsCount: 1 });
  });

  it('carry their payload: a gzip-compressed deployment and instance creation work like plain ones', async () => {
    const xml = chain('zipped', serviceTask('task', 'work'));
    const deployed = await call(
      'DeployResource',
      { resources: [{ name: 'z.bpmn', content: Buffer.from(xml) }] },
      true,
    );
    expect(deployed.trailers['grpc-status']).toBe('0');
    const created = await call(
      'CreateProcessInstance',
      { bpmnProcessId: 'zipped', variables: '{"a":1}' },
      true,
    );
    expect(created.trailers['grpc-status']).toBe('0');
    const key = created.message!.processInstanceKey as string;
    await t.records.waitForEvent('JOB', 'CREATED', (v) => String(v.processInstanceKey) === key);
    const plain = await call(
      'CreateProcessInstance',
      { bpmnProcessId: 'zipped', variables: '{"a":2}' },
      false,
    );
    expect(plain.trailers['grpc-status']).toBe('0');
    expect(plain.headers['grpc-accept-encoding']).toBe('identity');
  });

  it('asks job streams and long polls for uncompressed requests too', async () => {
    const answer = await call(
      'ActivateJobs',
      { type: 'none', worker: 'w', timeout: 1000, maxJobsToActivate: 1, requestTimeout: 10 },
      true,
    );
    expect(answer.trailers['grpc-status']).toBe('0');
    expect(answer.headers['grpc-accept-encoding']).toBe('identity');
  });
});
