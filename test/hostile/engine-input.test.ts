// Hostile input to the engine's public APIs, kept as a corpus and run in CI: XML bombs and external entities in
// a BPMN and a DMN upload, a variable document nested 100,000 deep, and one past the size limit. Each is refused with a
// clear message, answers quickly, and leaves the engine's journal where it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRestEngine, type RestTestEngine } from '../engine/rest/support/rest-harness';

let t: RestTestEngine;
beforeAll(async () => {
  t = await startRestEngine();
}, 30_000);
afterAll(() => t?.close());

const bpmn = (id: string, doctype: string, name: string) => `<?xml version="1.0" encoding="UTF-8"?>
${doctype}
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="${id}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;

const dmn = (id: string, doctype: string, name: string) => `<?xml version="1.0" encoding="UTF-8"?>
${doctype}
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="drg-${id}" name="${name}" namespace="t">
  <decision id="${id}" name="${name}"><literalExpression><text>"${name}"</text></literalExpression></decision>
</definitions>`;

async function deployRaw(fileName: string, xml: string) {
  const form = new FormData();
  form.append('resources', new Blob([xml], { type: 'application/xml' }), fileName);
  const started = performance.now();
  const res = await fetch(`${t.address}/v2/deployments`, { method: 'POST', body: form });
  return { status: res.status, text: await res.text(), ms: performance.now() - started };
}

it('refuses a billion-laughs BPMN quickly, without expanding it, and deploys nothing', async () => {
  const before = t.server.engine.lastPosition;
  const lol = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  const xml = bpmn('bomb', `<!DOCTYPE lolz [${lol.join('')}]>`, '&lol9;');
  const res = await deployRaw('bomb.bpmn', xml);
  expect(res.ms).toBeLessThan(20_000); // not a speed goal: an expanded bomb would take minutes or exhaust memory
  if (res.status < 300) {
    // Accepted only if the entity was left as text: the name must not have grown.
    expect(res.text).not.toContain('lollollol');
  } else expect(res.status).toBe(400);
  expect(res.text).not.toContain('lollollollol');
  // A rejected deployment is journaled as command + rejection (as in Zeebe); no definition comes of it.
  const defs = await t.http('POST', '/v2/process-definitions/search', {
    filter: { processDefinitionId: 'bomb' },
  });
  if (res.status >= 400) expect(defs.json.items).toEqual([]);
  expect(t.server.engine.lastPosition - before).toBeLessThanOrEqual(2);
});

it('never reads a file an external entity names', async () => {
  const secretFile = path.join(os.tmpdir(), `zhuanban-xxe-${process.pid}.txt`);
  const secret = `secret-${Date.now()}-${Math.random()}`;
  fs.writeFileSync(secretFile, secret);
  try {
    const xml = bpmn('xxe', `<!DOCTYPE d [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`, 'x&xxe;y');
    const res = await deployRaw('xxe.bpmn', xml);
    expect(res.text).not.toContain(secret);
    const defs = await t.http('POST', '/v2/process-definitions/search', {
      filter: { processDefinitionId: 'xxe' },
    });
    expect(JSON.stringify(defs.json)).not.toContain(secret);
  } finally {
    fs.rmSync(secretFile, { force: true });
  }
});

it('answers a variable document nested 100,000 deep with a 400, not a crash', async () => {
  const before = t.server.engine.lastPosition;
  const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
  const res = await t.http(
    'POST',
    '/v2/messages/publication',
    `{"name":"m","correlationKey":"k","variables":${deep}}`,
  );
  expect(res.status).toBe(400);
  expect(res.contentType).toMatch(/problem\+json/);
  expect(res.json.detail).toContain('nested deeper than 100 levels');
  expect(t.server.engine.lastPosition).toBe(before);
  expect((await t.http('GET', '/v2/topology')).status).toBe(200);
});

it('answers a body past the limit with 413', async () => {
  const before = t.server.engine.lastPosition;
  const big = JSON.stringify({
    name: 'm',
    correlationKey: 'k',
    variables: { blob: 'x'.repeat(5 * 1024 * 1024) },
  });
  const res = await t.http('POST', '/v2/messages/publication', big);
  expect(res.status).toBe(413);
  expect(t.server.engine.lastPosition).toBe(before);
});

it('refuses the same deep document over gRPC', async () => {
  let deep: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < 150; i++) deep = { a: deep };
  const before = t.server.engine.lastPosition;
  await expect(
    t.zeebe.publishMessage({ name: 'm', correlationKey: 'k', variables: deep as never, timeToLive: 0 }),
  ).rejects.toThrow(/nested deeper than 100 levels/);
  expect(t.server.engine.lastPosition).toBe(before);
});

it('refuses or neutralises a billion-laughs DMN and one naming an external entity', async () => {
  const before = t.server.engine.lastPosition;
  const lol = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  const bomb = await deployRaw('bomb.dmn', dmn('bomb', `<!DOCTYPE lolz [${lol.join('')}]>`, '&lol9;'));
  expect(bomb.ms).toBeLessThan(20_000); // an expanded bomb would take minutes or exhaust memory
  expect(bomb.text).not.toContain('lollollollol');
  const secretFile = path.join(os.tmpdir(), `zhuanban-xxe-dmn-${process.pid}.txt`);
  const secret = `secret-${Date.now()}-${Math.random()}`;
  fs.writeFileSync(secretFile, secret);
  try {
    const xxe = await deployRaw(
      'xxe.dmn',
      dmn('xxe', `<!DOCTYPE d [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`, 'x&xxe;y'),
    );
    expect(xxe.text).not.toContain(secret);
    expect(JSON.stringify(t.server.engine.state)).not.toContain(secret);
  } finally {
    fs.rmSync(secretFile, { force: true });
  }
  console.log(
    `hostile DMN: bomb answered ${bomb.status} in ${Math.round(bomb.ms)} ms; records written: ${t.server.engine.lastPosition - before}`,
  );
});
