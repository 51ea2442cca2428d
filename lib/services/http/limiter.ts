import PQueue from 'p-queue';

/** Lever allows 10 requests a second per key (bursts to 20); we never go past the steady rate. */
export const LEVER_REQUESTS_PER_SECOND = 10;

/**
 * The window is a little longer than a second: timers can fire a few ms early, and a
 * burst must never reach the 11th request inside Lever's second.
 */
const WINDOW_MS = 1050;

const limiters = new Map<string, PQueue>();

/**
 * One limiter per key for the life of this worker. A restarted worker starts a fresh one,
 * which is safe: a second has passed by the time it runs again.
 */
export function limiterFor(key: string, perSecond = LEVER_REQUESTS_PER_SECOND): PQueue {
  let limiter = limiters.get(key);
  if (!limiter) {
    // At most five in flight: below the browser's six connections per host, so a request the
    // limiter lets go leaves at once instead of queueing for a socket and bunching up later.
    limiter = new PQueue({ intervalCap: perSecond, interval: WINDOW_MS, strict: true, concurrency: 5 });
    limiters.set(key, limiter);
  }
  return limiter;
}

/**
 * The service asked this browser to slow down (a 429): background requests with this key (auto
 * mode's polls, the Team view's reads) wait until it may be asked again, while what a recruiter
 * waits for keeps its turn. Kept for the life of the worker: a restarted one learns it again
 * from the next 429, at the cost of one request.
 */
export interface BackgroundPause {
  /** Until when (this machine's clock) background requests wait. */
  until(): number;
  /** Holds background requests for `ms` from now (a later hold never shortens an earlier one). */
  hold(ms: number, now?: number): void;
}

const pauses = new Map<string, number>();

export function backgroundPause(key: string): BackgroundPause {
  return {
    until: () => pauses.get(key) ?? 0,
    hold(ms, now = Date.now()) {
      pauses.set(key, Math.max(pauses.get(key) ?? 0, now + ms));
    },
  };
}

/** Forgets every pause (tests). */
export function clearBackgroundPauses(): void {
  pauses.clear();
}
