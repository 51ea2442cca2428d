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
 * The background lane of one key: auto mode's polls and the Team view's reads, which a whole team
 * may send with one shared key. They go one at a time, at a rate that halves at each 429 (down to
 * one every ten seconds) and grows back by a fiftieth with each answer (up to the key's full rate);
 * a refusal also holds the lane for about a second (a Retry-After, when Lever sends one, for that
 * long), the time Lever's bucket takes to refill for the recruiters sharing the key. Growing by a
 * share of the rate rather than by a fixed step keeps a team's climb back in proportion: a slowed
 * browser needs about 35 answers to double again, whereas a fixed step brought fifty slowed browsers
 * back to speed within a few answers each (in the team simulation, Lever refused one request in
 * eight that way, one in twelve now). What a recruiter waits for does not take this lane, so it finds Lever's limit with room
 * left. Kept for the life of the worker: a restarted one starts at full rate and learns again from
 * the next 429.
 */
export interface BackgroundLane {
  /** Resolves when the next background request may leave. */
  turn(now?: () => number, sleep?: (ms: number) => Promise<void>): Promise<void>;
  /** A 429: half the rate, and nothing before `retryAfterMs` (when the service said) or a held second. */
  slower(retryAfterMs?: number, now?: number): void;
  /** An answer that was not a 429: a little faster. */
  faster(): void;
  /** Requests per second now (for tests and the bench). */
  rate(): number;
}

const MIN_RATE = 0.1;
/** The rate grows by this share with each answer: doubled again in about 35 answers. */
const GROWTH = 0.02;
/** A refusal without a Retry-After holds the lane this long, give or take half (spread across a team). */
const HOLD_MS = 1_000;

const lanes = new Map<string, { rate: number; nextAt: number; chain: Promise<void> }>();

export function backgroundLane(key: string, fullRate = LEVER_REQUESTS_PER_SECOND): BackgroundLane {
  let lane = lanes.get(key);
  if (!lane) {
    lane = { rate: fullRate, nextAt: 0, chain: Promise.resolve() };
    lanes.set(key, lane);
  }
  const state = lane;
  return {
    turn(now = Date.now, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))) {
      // One waiter at a time: each takes the next slot after the previous one's.
      const mine = state.chain.then(async () => {
        const wait = state.nextAt - now();
        if (wait > 0) await sleep(wait);
        state.nextAt = Math.max(state.nextAt, now()) + 1000 / state.rate;
      });
      state.chain = mine.catch(() => {});
      return mine;
    },
    slower(retryAfterMs, at = Date.now()) {
      state.rate = Math.max(MIN_RATE, state.rate / 2);
      const hold = retryAfterMs ?? HOLD_MS * (0.5 + Math.random());
      state.nextAt = Math.max(state.nextAt, at + hold);
    },
    faster() {
      state.rate = Math.min(fullRate, state.rate * (1 + GROWTH));
    },
    rate: () => state.rate,
  };
}

/** Forgets every lane (tests). */
export function clearBackgroundLanes(): void {
  lanes.clear();
}
