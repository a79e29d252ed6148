// A unit's uploaded file as POST /api/attachments records it, for tests of what refers to attachments (a party's
// signed consent scan): the row only — the bytes are not read on these paths.
import type { Db } from '../../domain/db/client';

let uploads = 0;

export async function uploadedScan(db: Db, unitCode: string, fileName: string): Promise<number> {
  const unit = await db.unit.findUniqueOrThrow({ where: { code: unitCode } });
  const n = ++uploads;
  const row = await db.attachment.create({
    data: {
      unitId: unit.id,
      fileName,
      mediaType: 'application/pdf',
      sizeBytes: 1024,
      sha256: String(n).padStart(64, '0'),
      storageKey: `test-scans/${process.pid}-${n}`,
    },
  });
  return row.id;
}
