import { resourceTimingClock, type WireClock } from './wire-clock';

/** Lever allows 10 requests a second per key (bursts to 20); we never go past the steady rate. */
export const LEVER_REQUESTS_PER_SECOND = 10;

/**
 * A second as the wire sees it, and a little more: the way from the browser to Lever varies by a
 * few milliseconds from one request to the next.
 */
const WIRE_WINDOW_MS = 1020;

/**
 * At most five in flight: below the browser's six connections per host, so a request the limiter
 * lets go rarely waits for a socket.
 */
const CONCURRENCY = 5;

/** The queue of one key's requests: what a recruiter waits for first, and never more than Lever's rate on the wire. */
export interface Limiter {
  /**
   * Runs `send` (which fetches `url` at once) when its turn comes: higher priority first, then in
   * order; at most five at a time; and only while fewer than the rate have reached the wire in the
   * last second. Each request counts from when the browser reports it left (not from when it was
   * asked for: it may leave later), as leaving any moment until then, and no later than its answer.
   */
  add<T>(url: string, send: () => Promise<T>, priority?: number): Promise<T>;
}

export interface LimiterOptions {
  perSecond?: number;
  concurrency?: number;
  clock?: WireClock;
}

export function createLimiter(options: LimiterOptions = {}): Limiter {
  const { perSecond = LEVER_REQUESTS_PER_SECOND, concurrency = CONCURRENCY, clock = resourceTimingClock() } = options;
  const queue: { priority: number; start: () => void }[] = [];
  /** The latest each recent request may have reached the wire: Infinity while that is unknown. */
  const recent: { leftBy: number }[] = [];
  let running = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function next(): void {
    clearTimeout(timer);
    timer = undefined;
    while (running < concurrency && queue.length > 0) {
      const now = clock.now();
      for (let i = recent.length - 1; i >= 0; i--) {
        if ((recent[i]?.leftBy ?? 0) <= now - WIRE_WINDOW_MS) recent.splice(i, 1);
      }
      if (recent.length >= perSecond) {
        // The oldest known departure leaving the window frees a place; a report or an answer may free one sooner.
        const oldest = Math.min(...recent.map((r) => r.leftBy));
        if (Number.isFinite(oldest)) timer = setTimeout(next, oldest + WIRE_WINDOW_MS - now);
        return;
      }
      running += 1;
      queue.shift()?.start();
    }
  }

  return {
    add<T>(url: string, send: () => Promise<T>, priority = 0): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          const departure = { leftBy: Number.POSITIVE_INFINITY };
          recent.push(departure);
          const unwatch = clock.watch(url, clock.now(), (at) => {
            departure.leftBy = Math.min(departure.leftBy, at);
            next();
          });
          let answer: Promise<T>;
          try {
            answer = send();
          } catch (error) {
            answer = Promise.reject(error);
          }
          answer.then(resolve, reject).finally(() => {
            running -= 1;
            // It left by the time it was answered, whatever the browser reports (or never does).
            departure.leftBy = Math.min(departure.leftBy, clock.now());
            // The browser's report comes just after the answer; past the window it no longer matters.
            setTimeout(unwatch, WIRE_WINDOW_MS);
            next();
          });
        };
        const at = queue.findIndex((job) => job.priority < priority);
        queue.splice(at < 0 ? queue.length : at, 0, { priority, start });
        next();
      });
    },
  };
}

const limiters = new Map<string, Limiter>();

/**
 * One limiter per key for the life of this worker. A restarted worker starts a fresh one, which is
 * safe: a second has passed by the time it runs again.
 */
export function limiterFor(key: string): Limiter {
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = createLimiter();
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
