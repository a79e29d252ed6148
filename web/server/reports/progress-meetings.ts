// The week's 推进会 as the page shows them: each 交办 item with its responsible unit's name (the meeting stores
// the code) and the id of the ledger item it opened, so the page names the unit and links the item.
import type { Db } from '../../../domain/db/client';
import { progressMeetingsOf } from '../../../domain/weekly-reports/progress-meetings';

interface StoredItem {
  problem: string;
  leadUnitCode: string;
  dueDate?: string;
  ledgerNumber?: string | null;
}

export async function progressMeetingsView(db: Db, week: string) {
  const meetings = await progressMeetingsOf(db, week);
  const items = meetings.flatMap((m) => m.items as unknown as StoredItem[]);
  const [units, ledger] = await Promise.all([
    db.unit.findMany({
      where: { code: { in: [...new Set(items.map((i) => i.leadUnitCode))] } },
      select: { code: true, shortName: true },
    }),
    db.ledgerItem.findMany({
      where: { number: { in: items.flatMap((i) => (i.ledgerNumber ? [i.ledgerNumber] : [])) } },
      select: { id: true, number: true },
    }),
  ]);
  return meetings.map((m) => ({
    ...m,
    items: (m.items as unknown as StoredItem[]).map((i) => ({
      ...i,
      leadUnitName: units.find((u) => u.code === i.leadUnitCode)?.shortName ?? i.leadUnitCode,
      ledgerItemId: ledger.find((l) => l.number === i.ledgerNumber)?.id ?? null,
    })),
  }));
}
