// The time source of workers, the outbox and the scheduler, injected so tests can fix or move it.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put: `set` and `advance` move it (tests). */
export interface ManualClock extends Clock {
  set(time: Date | string | number): void;
  advance(millis: number): void;
}

export function manualClock(start: Date | string | number): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (time) => {
      current = new Date(time).getTime();
    },
    advance: (millis) => {
      current += millis;
    },
  };
}
