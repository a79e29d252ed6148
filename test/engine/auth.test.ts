// The engine's authentication through its real ports and the official clients: Basic users on gRPC and REST
// (what CAMUNDA_AUTH_STRATEGY=BASIC sends), OIDC bearer tokens checked against an issuer's keys served from a
// loopback HTTP server in this test (the only stand-in: no identity provider runs here), the clock locked unless
// the engine was started with it controllable, and no unauthenticated engine on a non-loopback address.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Camunda8 } from '@camunda8/sdk';
import { createCamundaClientLoose } from '@camunda8/orchestration-cluster-api';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { spawnCli } from './support/engine-process';
import { noReadyDebounce } from './support/harness';

jest.setTimeout(60_000);
process.env.ZEEBE_CLIENT_LOG_LEVEL ??= 'NONE';

const process1 = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="auth-test" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
    <bpmn:serviceTask id="Work">
      <bpmn:extensionElements><zeebe:taskDefinition type="auth.test.work" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

const ops = { username: 'ops', password: 'correct horse battery staple' };
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

function grpcClient(address: string, auth: Record<string, string>) {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    ...noReadyDebounce,
    ...auth,
  } as never).getZeebeGrpcApiClient();
}

async function grpcCode(run: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await run();
    return 'ok';
  } catch (e) {
    return (e as { code?: number }).code ?? -1;
  }
}

async function restStatus(
  server: EngineServer,
  method: string,
  path: string,
  headers: Record<string, string>,
) {
  const res = await fetch(`${server.restAddress}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: method === 'GET' ? undefined : JSON.stringify({ processDefinitionId: 'auth-test' }),
  });
  return { status: res.status, challenge: res.headers.get('www-authenticate'), body: await res.text() };
}

describe('Basic users', () => {
  let server: EngineServer;
  beforeAll(async () => {
    server = await startEngineServer({
      dataDir: ':memory:',
      grpcPort: 0,
      restPort: 0,
      sync: 'off',
      auth: { users: [ops, { username: 'second', password: 'another long password' }] },
    });
  });
  afterAll(() => server.close());

  it('serves gRPC to a client with the right user and password, and UNAUTHENTICATED to anyone else', async () => {
    const good = grpcClient(server.grpcAddress, {
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: ops.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: ops.password,
    });
    const wrong = grpcClient(server.grpcAddress, {
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: ops.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: 'correct horse battery stapler',
    });
    const swapped = grpcClient(server.grpcAddress, {
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: 'second',
      CAMUNDA_BASIC_AUTH_PASSWORD: ops.password,
    });
    const none = grpcClient(server.grpcAddress, { CAMUNDA_AUTH_STRATEGY: 'NONE' });
    try {
      expect(
        await grpcCode(() => none.deployResource({ process: Buffer.from(process1), name: 'a.bpmn' })),
      ).toBe(16);
      expect(await grpcCode(() => wrong.topology())).toBe(16);
      expect(await grpcCode(() => swapped.topology())).toBe(16);
      // Refused calls changed nothing: the process is unknown until a good client deploys it.
      expect(
        await grpcCode(() => good.createProcessInstance({ bpmnProcessId: 'auth-test', variables: {} })),
      ).toBe(5);
      await good.deployResource({ process: Buffer.from(process1), name: 'auth-test.bpmn' });
      await good.createProcessInstance({ bpmnProcessId: 'auth-test', variables: {} });
      // A server stream (long-polling activation) is guarded as well as the unary calls.
      expect(
        await grpcCode(() =>
          none.activateJobs({ type: 'auth.test.work', maxJobsToActivate: 1, timeout: 10_000, worker: 'x' }),
        ),
      ).toBe(16);
      const jobs = await good.activateJobs({
        type: 'auth.test.work',
        maxJobsToActivate: 1,
        timeout: 10_000,
        worker: 'ops',
        requestTimeout: 5_000,
      });
      expect(jobs).toHaveLength(1);
    } finally {
      await Promise.all([good.close(), wrong.close(), swapped.close(), none.close()]);
    }
  });

  it('answers REST without valid credentials 401 with a Basic challenge, and the typed client with them', async () => {
    const anonymous = await restStatus(server, 'POST', '/v2/process-instances', {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.challenge).toMatch(/^Basic realm="zhuanban-engine"/);
    expect(JSON.parse(anonymous.body)).toMatchObject({ status: 401, title: 'UNAUTHORIZED' });
    const wrong = await restStatus(server, 'POST', '/v2/process-instances', {
      authorization: basic(ops.username, 'nope'),
    });
    expect(wrong.status).toBe(401);
    expect((await restStatus(server, 'GET', '/v2/topology', { authorization: 'Negotiate abc' })).status).toBe(
      401,
    );
    expect(
      (await restStatus(server, 'GET', '/v2/topology', { authorization: basic(ops.username, ops.password) }))
        .status,
    ).toBe(200);

    const client = createCamundaClientLoose({
      env: {
        CAMUNDA_REST_ADDRESS: server.restAddress,
        CAMUNDA_AUTH_STRATEGY: 'BASIC',
        CAMUNDA_BASIC_AUTH_USERNAME: 'second',
        CAMUNDA_BASIC_AUTH_PASSWORD: 'another long password',
      },
      config: { CAMUNDA_SDK_LOG_LEVEL: 'silent' },
      throwOnError: true,
    } as Parameters<typeof createCamundaClientLoose>[0]);
    const topology = await client.getTopology();
    expect(topology.clusterSize).toBe(1);
  });

  it('keeps the clock locked when the engine was not started with it controllable', async () => {
    const pin = await fetch(`${server.restAddress}/v2/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: basic(ops.username, ops.password) },
      body: JSON.stringify({ timestamp: Date.now() + 40 * 86_400_000 }),
    });
    expect(pin.status).toBe(403);
    expect(await pin.text()).toContain('ZEEBE_CLOCK_CONTROLLED=true');
    expect(server.engine.state.pinnedClock ?? null).toBeNull();
  });
});

describe('OIDC bearer tokens', () => {
  let issuerServer: Server;
  let issuer: string;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let server: EngineServer;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    issuerServer = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/realm/.well-known/openid-configuration')
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
      else if (req.url === '/realm/keys') res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((r) => issuerServer.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}/realm`;
    server = await startEngineServer({
      dataDir: ':memory:',
      grpcPort: 0,
      restPort: 0,
      sync: 'off',
      auth: { oidc: { issuer, audience: 'zeebe-api' } },
    });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((r) => issuerServer.close(r));
  });

  const token = (
    claims: { iss?: string; aud?: string; exp?: number } = {},
    signWith: CryptoKey = key,
  ): Promise<string> =>
    new SignJWT({ client_id: 'zhuanban-workers' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('zhuanban-workers')
      .setIssuer(claims.iss ?? issuer)
      .setAudience(claims.aud ?? 'zeebe-api')
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 300)
      .sign(signWith);

  it("accepts a token signed by the issuer's key for the right audience, over REST and gRPC", async () => {
    const good = await token();
    expect(
      (await restStatus(server, 'GET', '/v2/topology', { authorization: `Bearer ${good}` })).status,
    ).toBe(200);
    const zeebe = grpcClient(server.grpcAddress, {
      CAMUNDA_AUTH_STRATEGY: 'BEARER',
      CAMUNDA_OAUTH_TOKEN: good,
    });
    try {
      expect((await zeebe.topology()).brokers).toHaveLength(1);
    } finally {
      await zeebe.close();
    }
  });

  it('refuses tokens that are expired, for another audience or issuer, or signed by another key', async () => {
    const bad = [
      await token({ exp: Math.floor(Date.now() / 1000) - 3600 }),
      await token({ aud: 'operate-api' }),
      await token({ iss: 'http://127.0.0.1:1/other' }),
      await token({}, otherKey),
      'not.a.jwt',
    ];
    for (const t of bad) {
      const r = await restStatus(server, 'GET', '/v2/topology', { authorization: `Bearer ${t}` });
      expect([r.status, r.challenge]).toEqual([401, 'Bearer realm="zhuanban-engine"']);
    }
    const zeebe = grpcClient(server.grpcAddress, {
      CAMUNDA_AUTH_STRATEGY: 'BEARER',
      CAMUNDA_OAUTH_TOKEN: bad[3],
    });
    try {
      expect(await grpcCode(() => zeebe.topology())).toBe(16);
    } finally {
      await zeebe.close();
    }
  });
});

describe('binding', () => {
  it('refuses to serve an unauthenticated engine on a non-loopback address, in process and from the CLI', async () => {
    await expect(startEngineServer({ dataDir: ':memory:', host: '0.0.0.0', grpcPort: 0 })).rejects.toThrow(
      /refusing to serve the engine on 0\.0\.0\.0 without authentication/,
    );
    const cli = spawnCli([
      'engine',
      '--data',
      ':memory:',
      '--grpc-port',
      '0',
      '--rest-port',
      '0',
      '--host',
      '0.0.0.0',
    ]);
    const { code } = await cli.exited;
    expect(code).not.toBe(0);
    expect(cli.stderr()).toMatch(/without authentication/);
  });

  it('serves on every interface once it knows who may call', async () => {
    const server = await startEngineServer({
      dataDir: ':memory:',
      host: '0.0.0.0',
      grpcPort: 0,
      restPort: 0,
      sync: 'off',
      auth: { users: [ops] },
    });
    try {
      expect((await restStatus(server, 'GET', '/v2/topology', {})).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
