// The REST API refuses what a web page in a browser on the same machine could send it: a cross-origin request
// (Origin set), a body not declared as JSON (a text/plain form post needs no preflight), and a Host that is
// neither an address nor a known name (DNS rebinding). The SDK's own requests go through unchanged.
import http from 'node:http';
import { startRestEngine, type RestTestEngine } from './support/rest-harness';

let t: RestTestEngine;
beforeAll(async () => {
  t = await startRestEngine();
}, 30_000);
afterAll(() => t?.close());

const publish = { name: 'guard-test', correlationKey: 'k', timeToLive: 0, variables: {} };

it('refuses a cross-origin browser request, and changes nothing', async () => {
  const res = await t.http('POST', '/v2/messages/publication', publish, { origin: 'http://evil.example' });
  expect(res.status).toBe(403);
  expect(res.contentType).toMatch(/problem\+json/);
  expect(res.json.detail).toContain('Cross-origin');
});

it('refuses a text/plain body that holds JSON (the no-preflight form post)', async () => {
  const res = await t.http('POST', '/v2/messages/publication', JSON.stringify(publish), {
    'content-type': 'text/plain',
  });
  expect(res.status).toBe(415);
});

/** A GET with a Host header of our choosing (fetch would set its own). */
function getWithHost(host: string): Promise<{ status: number; body: string }> {
  const url = new URL(t.address);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: '/v2/topology', headers: { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

it('refuses a Host that is not an address or a known name (DNS rebinding)', async () => {
  const res = await getWithHost('attacker.example:8080');
  expect(res.status).toBe(403);
  expect(res.body).toContain("host 'attacker.example'");
  expect((await getWithHost(`localhost:${new URL(t.address).port}`)).status).toBe(200);
  expect((await getWithHost(`[::1]:${new URL(t.address).port}`)).status).toBe(200);
});

it('serves the SDK as before: JSON without Origin, by IP or localhost', async () => {
  expect((await t.http('POST', '/v2/messages/publication', publish)).status).toBe(200);
  expect(
    (await t.http('GET', '/v2/topology', undefined, { host: `localhost:${new URL(t.address).port}` })).status,
  ).toBe(200);
  const topology = await t.api.getTopology();
  expect(topology.brokers.length).toBe(1);
});
