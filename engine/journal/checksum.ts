// Each journal batch carries a SHA-256 chained to the batch before it (the previous checksum is hashed in), so a
// changed, lost or reordered batch anywhere breaks the chain from there on. Batches written before checksums
// existed have none; the chain starts again after them. Compaction keeps the last deleted batch's checksum as the
// anchor of the first batch that remains.
import { createHash } from 'node:crypto';

export function batchChecksum(
  previous: string,
  id: number,
  lastPosition: number,
  lastKey: number,
  data: string,
): string {
  return createHash('sha256')
    .update(`${previous}\n${id}\n${lastPosition}\n${lastKey}\n`)
    .update(data)
    .digest('hex');
}

export class JournalCorruptError extends Error {
  constructor(
    readonly batchId: number,
    readonly detail: string,
  ) {
    super(
      `the engine journal is damaged at batch ${batchId}: ${detail}. Nothing was changed; restore the data folder ` +
        `from a backup (zhuanban restore) or check it with \`zhuanban engine --verify DIR\``,
    );
    this.name = 'JournalCorruptError';
  }
}

/** Parses the compaction anchor stored in meta ('<batch id>:<checksum>'). */
export function parseAnchor(value: string | undefined): { id: number; checksum: string } | undefined {
  if (!value) return undefined;
  const colon = value.indexOf(':');
  return { id: Number(value.slice(0, colon)), checksum: value.slice(colon + 1) };
}
