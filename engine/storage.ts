// The engine and its data folder's disk. Two guards, as Zeebe has them:
// - free space: below the configured minimum (Zeebe's ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING) client
//   commands are refused with RESOURCE_EXHAUSTED until space is freed, so the disk never fills under the journal
//   in normal operation;
// - a write that fails anyway (disk full after all, the folder turned read-only, an I/O error) stops the engine
//   at once with one clear message. Its in-memory state may already hold the batch that could not be written,
//   and clients were answered only for what is durable, so stopping loses nothing acknowledged; going on would
//   answer from a state the journal does not have.
import fs from 'node:fs';

const units: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** '2GB', '512MB', '1048576' → bytes (Zeebe's data-size notation); undefined when it is not one. */
export function parseDataSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)?\s*$/i.exec(text);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * units[(m[2] ?? 'B').toUpperCase()]!);
}

const mib = (n: number) => `${(n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0)} MiB`;

/** Watches the free space of the data folder; `refusal` says why commands are refused, if they are. */
export class DiskSpaceGuard {
  refusal: string | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly dir: string,
    private readonly minFreeBytes: number,
    private readonly log: (message: string) => void,
    intervalMs = 1_000,
  ) {
    this.check();
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  check(): void {
    let free: number;
    try {
      const s = fs.statfsSync(this.dir);
      free = s.bavail * s.bsize;
    } catch {
      return; // the folder is unreadable for a moment: keep the last verdict
    }
    const low = free < this.minFreeBytes;
    if (low && !this.refusal) {
      this.refusal = `Expected to handle the request, but the engine's data folder has only ${mib(free)} of disk space left, below the configured minimum of ${mib(this.minFreeBytes)}; free disk space and retry`;
      this.log(
        `engine: disk space low — ${mib(free)} free in ${this.dir}, below the minimum ${mib(this.minFreeBytes)}: client commands are refused until space is freed`,
      );
    } else if (!low && this.refusal) {
      this.refusal = undefined;
      this.log(`engine: disk space recovered — ${mib(free)} free in ${this.dir}: commands accepted again`);
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/** What a storage error means for an operator, or undefined when it is not one. */
export function storageProblem(code: string | undefined, message = ''): string | undefined {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /disk is full/.test(message)) return 'the disk is full';
  if (code?.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return 'the data folder is read-only';
  if (code?.startsWith('SQLITE_IOERR') || code === 'EIO') return 'a disk I/O error';
  if (code === 'SQLITE_CANTOPEN') return 'the data folder cannot be opened for writing';
  return undefined;
}

export function codeOf(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The one line an operator reads when a write to the data folder failed. */
export function storageFailureMessage(part: string, dir: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const problem = storageProblem(codeOf(e), message) ?? 'an unexpected error';
  return (
    `engine stopped: writing the ${part} in ${dir} failed — ${problem} (${codeOf(e) ?? message}). ` +
    `Every acknowledged command is in the journal and nothing half-written is kept. ` +
    `Free disk space or make the folder writable, then start the engine again (\`zhuanban engine --verify ${dir}\` checks the folder).`
  );
}
