// Evidence uploads over the API on the real server: a PDF is stored under the data folder with its hash and an
// Attachment row of the uploader's unit; the download carries an RFC 5987 file name and nosniff; another unit
// gets 404 like a missing file; the type is decided by the content (a renamed text file, an executable and a
// mislabelled image are refused in Chinese, and nothing is stored); over 20 MB is 413; no CSRF token is 403.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiClient } from '../support/api-client';
import { bootWeb, type TestWeb } from '../support/web-server';

let web: TestWeb;
let dataDir: string;
const savedDataDir = process.env.DATA_DIR;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-attachments-'));
  process.env.DATA_DIR = dataDir;
  web = await bootWeb();
}, 60_000);
afterAll(async () => {
  await web?.stop();
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

async function upload(client: ApiClient, name: string, content: Buffer, options: { csrf?: boolean } = {}) {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(content)]), name);
  const headers: Record<string, string> = {
    cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    accept: 'application/json',
  };
  if (options.csrf !== false && client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
  const res = await fetch(`${web.server.url}/api/attachments`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

it('stores a PDF under the data folder with its hash, owned by the uploader’s unit, and serves it back', async () => {
  const court = await web.signedIn('court.user');
  const res = await upload(court, '整改报告（第一轮）.pdf', pdf);
  expect(res.status).toBe(201);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  expect(res.body).toMatchObject({
    fileName: '整改报告（第一轮）.pdf',
    mediaType: 'application/pdf',
    sha256,
  });
  const row = await web.database.db.attachment.findUniqueOrThrow({ where: { id: res.body.id as number } });
  const unit = await web.database.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
  expect(row.unitId).toBe(unit.id);
  expect(row.storageKey.startsWith(`${sha256.slice(0, 2)}/${sha256}`)).toBe(true);
  expect(fs.readFileSync(path.join(dataDir, 'attachments', row.storageKey)).equals(pdf)).toBe(true);

  const download = await fetch(`${web.server.url}/api/attachments/${row.id}/content`, {
    headers: { cookie: [...court.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('application/pdf');
  expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  expect(download.headers.get('content-disposition')).toBe(
    `attachment; filename="_________.pdf"; filename*=UTF-8''${encodeURIComponent('整改报告（第一轮）.pdf')}`,
  );
  expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

  // Another unit: 404, the same answer as a file that does not exist; the office sees it.
  const police = await web.signedIn('police.user');
  const denied = await police.send('GET', `/api/attachments/${row.id}`);
  const missing = await police.send('GET', '/api/attachments/999999');
  expect(denied.status).toBe(404);
  expect({ ...(denied.body as object), instance: null }).toEqual({
    ...(missing.body as object),
    instance: null,
  });
  expect((await police.send('GET', `/api/attachments/${row.id}/content`)).status).toBe(404);
  const coordinator = await web.signedIn('coordinator');
  expect((await coordinator.send('GET', `/api/attachments/${row.id}`)).status).toBe(200);
});

it('decides the type by the content and refuses what is not allowed, storing nothing', async () => {
  const court = await web.signedIn('court.user');
  const before = await web.database.db.attachment.count();
  const text = await upload(court, '报告.pdf', Buffer.from('这不是 PDF 文件，只是文本'));
  expect(text.status).toBe(415);
  expect(text.body).toMatchObject({ title: '不支持的文件类型', errors: [{ field: 'file' }] });
  const exe = await upload(court, '程序.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]));
  expect(exe.status).toBe(415);
  const renamed = await upload(court, '照片.pdf', png);
  expect(renamed.status).toBe(415);
  expect(renamed.body.title).toBe('文件内容与扩展名不符');
  const empty = await upload(court, '空.pdf', Buffer.alloc(0));
  expect(empty.status).toBe(400);
  const big = await upload(court, '大文件.pdf', Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)]));
  expect(big.status).toBe(413);
  expect(big.body.detail).toContain('20 MB');
  const noToken = await upload(court, '报告.pdf', pdf, { csrf: false });
  expect(noToken.status).toBe(403);
  expect(await web.database.db.attachment.count()).toBe(before);
  const image = await upload(court, '现场照片.png', png);
  expect(image.status).toBe(201);
  expect(image.body.mediaType).toBe('image/png');
});

it('refuses an upload from someone signed out, and from the admin', async () => {
  const anonymous = web.client();
  await anonymous.refreshCsrf();
  expect((await upload(anonymous, '报告.pdf', pdf)).status).toBe(401);
  const admin = await web.signedIn('admin');
  expect((await upload(admin, '报告.pdf', pdf)).status).toBe(403);
});
