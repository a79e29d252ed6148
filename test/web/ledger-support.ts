// Helpers of the ledger API tests: a multipart upload and a binary download over real fetch with the client's
// cookies and CSRF token, and emptying a system's ledger (an "empty system" to import into).
import type { Db } from '../../domain/db/client';
import type { ApiClient } from '../support/api-client';

const cookieHeader = (c: ApiClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

export async function upload(
  c: ApiClient,
  path: string,
  file: Buffer,
  options: { csrf?: boolean; field?: string; name?: string } = {},
) {
  const form = new FormData();
  form.set(options.field ?? 'file', new Blob([new Uint8Array(file)]), options.name ?? '台账.xlsx');
  const headers: Record<string, string> = { cookie: cookieHeader(c), accept: 'application/json' };
  if (options.csrf !== false && c.csrfToken) headers['x-csrf-token'] = c.csrfToken;
  const res = await fetch(c.baseUrl + path, { method: 'POST', headers, body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function download(c: ApiClient, path: string) {
  const res = await fetch(c.baseUrl + path, { headers: { cookie: cookieHeader(c) } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

export async function emptyLedger(db: Db): Promise<void> {
  await db.agreedItem.updateMany({ data: { ledgerItemId: null } });
  await db.petition.updateMany({ data: { ledgerItemId: null } });
  await db.attachment.updateMany({ data: { ledgerItemId: null } });
  await db.ledgerProgressNote.deleteMany();
  await db.ledgerReminder.deleteMany();
  await db.ledgerExtension.deleteMany();
  await db.ledgerVerification.deleteMany();
  await db.ledgerItemUnit.deleteMany();
  await db.ledgerItem.deleteMany();
}
