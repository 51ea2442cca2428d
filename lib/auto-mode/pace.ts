import type { Configuration } from '../configurations/configuration';
import type { Job } from '../pad-job/job';
import { ApiError, isTransient } from '../services/http/errors';
import { type Opportunity, stageIdOf } from '../services/lever/schemas';
import { type AutoState, dayOf, MAX_CLAIMS_PER_POLL } from './state-schema';

/*
 * Which candidates auto mode takes, and how far it goes: the day's limit on automatic pads in this
 * browser, how many claims a poll writes, and the pause before a configuration whose polls keep
 * failing is polled again.
 */

/** An open candidate with the configuration's tag in its stage: what auto mode makes pads for. */
export const inTagAndStage = (o: Opportunity, config: Configuration) =>
  !o.archived && o.tags.includes(config.tag) && stageIdOf(o) === config.stageId;

/** A failing configuration waits at most this long before its next try. */
const MAX_BACKOFF_MS = 30 * 60_000;

/** The state with today's count, started again when the day changed. */
export function countingToday(state: AutoState, now: number): AutoState {
  const day = dayOf(now);
  return state.today.day === day ? state : { ...state, today: { day, started: 0, notified: false } };
}

/**
 * When a configuration whose poll failed `failures` times in a row is polled again: at the next
 * poll after the first failure, then skipping 1, 3, 7… polls (never waiting more than half an
 * hour), and never before the time the service asked for (Retry-After).
 */
export function retryAt(failures: number, error: unknown, periodMs: number, now: number): number {
  const skipped = 2 ** Math.max(0, failures - 1) - 1;
  // Half a period past the last poll skipped: an alarm a little early or late changes nothing.
  const wait = skipped === 0 ? 0 : Math.min(MAX_BACKOFF_MS, skipped * periodMs + periodMs / 2);
  const asked = error instanceof ApiError ? (error.retryAfterMs ?? 0) : 0;
  return now + Math.max(wait, asked);
}

/** The error a poll reports once the day's automatic pads are used up. */
export const dailyLimitError = (limit: number) => new ApiError({ kind: 'daily_limit', detail: String(limit) });

/**
 * Whether the poll runs this browser's automatic job again: it failed on something that passes
 * (a 429, a lost connection, a timeout, a 5xx). Tried at each poll, its claim renewed on the way,
 * so its pad reaches Lever without another browser having to take it over once the claim lapses.
 */
export const triedAgain = (job: Job) =>
  job.trigger === 'auto' && job.status === 'failed' && !!job.error && isTransient(job.error.kind);

/**
 * Claims per configuration for the next poll: a team shares the candidates, so claiming fewer
 * after losing some spends less of Lever's rate on claims that lose; a poll that used every claim
 * without a loss may claim one more.
 */
export function nextClaimPace(pace: number, poll: { claims: number; lost: number }): number {
  if (poll.lost > 0) return Math.max(1, Math.floor(pace / 2));
  return poll.claims <= 0 ? Math.min(MAX_CLAIMS_PER_POLL, pace + 1) : pace;
}

/** Where a candidate comes in this browser's order (FNV-1a of the browser's seed and their id). */
export function orderKey(seed: string, id: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}:${id}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}
