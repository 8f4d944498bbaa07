/** Injected wherever "now" matters, so deadlines are deterministic in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: string | Date): Clock & { set(at: string | Date): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next);
    },
  };
}

export function iso(date: Date): string {
  return date.toISOString();
}

/** Whole seconds from `now` until `at`, at least 1 (for a Retry-After header). */
export function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}
