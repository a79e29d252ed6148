// The due-date checker: one clock for timers, job deadlines, retry back-offs and message TTLs.
// Whatever fell due becomes a command (TIMER TRIGGER, JOB TIME_OUT, JOB RECUR_AFTER_BACKOFF,
// MESSAGE EXPIRE); with the clock pinned, checks run when the pin moves.
import type { State } from './state/state';
import type { StreamProcessor } from './processors/stream-processor';
import { nextDue, takeDue, type DueIndex } from './state/due-index';

export class DueDateChecker {
  private timer: NodeJS.Timeout | undefined;
  private scheduledFor = Infinity;
  private stopped = false;

  constructor(
    private readonly state: State,
    private readonly processor: StreamProcessor,
  ) {}

  private get indexes(): [DueIndex, (key: number, due: number) => boolean, (key: number) => void][] {
    const s = this.state;
    const p = this.processor;
    return [
      [
        s.timers.due,
        (k, due) => s.timers.get(k)?.dueDate === due,
        (k) => p.submit('TIMER', 'TRIGGER', EMPTY_TIMER, k),
      ],
      [
        s.jobs.deadlines,
        (k, due) => {
          const j = s.jobs.get(k);
          return j?.state === 'ACTIVATED' && j.value.deadline === due;
        },
        (k) => p.submit('JOB', 'TIME_OUT', s.jobs.get(k)!.value, k),
      ],
      [
        s.jobs.backoffs,
        (k, due) => {
          const j = s.jobs.get(k);
          return j?.state === 'BACKOFF' && j.value.recurringTime === due;
        },
        (k) => p.submit('JOB', 'RECUR_AFTER_BACKOFF', s.jobs.get(k)!.value, k),
      ],
      [
        s.messages.ttl,
        (k, due) => s.messages.get(k)?.value.deadline === due,
        (k) => p.submit('MESSAGE', 'EXPIRE', s.messages.get(k)!.value, k),
      ],
    ];
  }

  /** Submits commands for everything due now and sets the wake-up for the next due date. */
  check(): void {
    if (this.stopped) return;
    const now = this.processor.now();
    let next = Infinity;
    for (const [index, stillDue, submit] of this.indexes) {
      for (const key of takeDue(index, now, stillDue, 10_000)) submit(key);
      const n = nextDue(index, stillDue);
      if (n !== undefined && n < next) next = n;
    }
    this.wakeAt(next);
  }

  private wakeAt(due: number): void {
    // With a pinned clock time stands still: the next check comes when the pin moves.
    if (this.state.pinnedClock !== null || due === Infinity) {
      this.clear();
      return;
    }
    if (this.timer && due >= this.scheduledFor) return;
    this.clear();
    this.scheduledFor = due;
    const delay = Math.min(Math.max(0, due - Date.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.scheduledFor = Infinity;
      this.check();
    }, delay);
    this.timer.unref?.();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.scheduledFor = Infinity;
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }
}

const EMPTY_TIMER = {
  elementInstanceKey: -1,
  processInstanceKey: -1,
  processDefinitionKey: -1,
  dueDate: -1,
  targetElementId: '',
  repetitions: 0,
  tenantId: '',
};
