// The ledger's Excel export opens in LibreOffice (Debian's libreoffice-calc, headless, converting to CSV) with
// the right rows: every item of the unit scope once, under the Chinese headers, in the order of the list.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bootWeb, type TestWeb } from '../support/web-server';
import { download } from './ledger-support';

const run = promisify(execFile);
let web: TestWeb;
let dir: string;
beforeAll(async () => {
  web = await bootWeb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-lo-'));
}, 60_000);
afterAll(async () => {
  await web?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A minimal CSV reader for LibreOffice's output (quoted fields, doubled quotes, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') field += ch;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

it('exports a workbook LibreOffice opens with every item of the scope as a row', async () => {
  const c = await web.signedIn('coordinator');
  const file = await download(c, '/api/ledger/export');
  expect(file.status).toBe(200);
  const xlsx = path.join(dir, 'ledger.xlsx');
  fs.writeFileSync(xlsx, file.body);
  // UTF-8 CSV (filter options: comma, double quote, UTF-8)
  await run(
    'soffice',
    [
      '--headless',
      '--norestore',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76',
      '--outdir',
      dir,
      xlsx,
    ],
    {
      timeout: 120_000,
      env: { ...process.env, HOME: dir },
    },
  );
  const rows = parseCsv(fs.readFileSync(path.join(dir, 'ledger.csv'), 'utf8')).filter((r) =>
    r.some((f) => f !== ''),
  );
  const header = rows.findIndex((r) => r.includes('序号') && r.includes('问题描述'));
  expect(header).toBeGreaterThanOrEqual(0);
  expect(rows[header]).toEqual(
    expect.arrayContaining(['序号', '问题来源', '问题描述', '责任单位', '完成时限', '状态']),
  );
  const data = rows.slice(header + 1);
  const items = await web.database.db.ledgerItem.findMany({ select: { problem: true } });
  expect(data).toHaveLength(items.length);
  const problemColumn = rows[header].indexOf('问题描述');
  expect(data.map((r) => r[problemColumn]).sort()).toEqual(items.map((i) => i.problem).sort());
  expect(data.map((r) => r[rows[header].indexOf('序号')])).toEqual(data.map((_, i) => String(i + 1)));
}, 180_000);
