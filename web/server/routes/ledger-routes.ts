// The ledger pages' API (整改台账): the filtered list, the item page with its timeline and evidence, the
// filter choices, the Excel export of what the filter shows, and the all-or-nothing import of a spreadsheet.
import { unitScope } from '../../../domain/auth/roles';
import type { AppContext } from '../context';
import { exportFileName, ledgerWorkbook } from '../ledger/ledger-export';
import { importLedger } from '../ledger/ledger-import';
import { allLedgerRows, ledgerItemPage, ledgerOptions, listLedger } from '../ledger/ledger-query';
import { options } from '../ledger/labels';
import { uploadedFile } from '../ledger/upload';
import { sendXlsx } from '../xlsx/sheet';
import { startImported } from '../start/ledger-starts';
import { actorOf, intParam, type AnyRoute } from './define';

export function ledgerRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/ledger/options',
      action: 'ledger.read',
      async handler() {
        const units = await db.unit.findMany({
          where: { active: true, kind: { in: ['office', 'member'] } },
          orderBy: { sortOrder: 'asc' },
          select: { code: true, shortName: true },
        });
        return {
          sources: options(ledgerOptions.sourceLabels),
          statuses: options(ledgerOptions.statusLabels),
          colors: options(ledgerOptions.colorLabels),
          units: units.map((u) => ({ value: u.code, label: u.shortName })),
        };
      },
    },
    {
      method: 'get',
      path: '/ledger/items',
      action: 'ledger.read',
      handler: ({ req, principal }) => listLedger(db, unitScope(principal), req.query),
    },
    {
      method: 'get',
      path: '/ledger/items/:id',
      action: 'ledger.read',
      handler: ({ req, principal }) => ledgerItemPage(db, unitScope(principal), intParam(req, 'id')),
    },
    {
      method: 'get',
      path: '/ledger/export',
      action: 'ledger.read',
      async handler({ req, res, principal }) {
        const rows = await allLedgerRows(db, unitScope(principal), req.query);
        const body = await ledgerWorkbook(rows);
        sendXlsx(res, body, 'ledger.xlsx', exportFileName());
        return undefined;
      },
    },
    {
      method: 'post',
      path: '/ledger/import',
      action: 'ledger.import',
      async handler({ req, res, principal }) {
        const file = await uploadedFile(req, res, 'file', 10 * 1024 * 1024);
        const { imported, toStart } = await importLedger(db, actorOf(principal), file.buffer);
        return { imported, ...(await startImported(ctx, toStart)) };
      },
    },
  ];
}
