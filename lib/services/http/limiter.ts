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
