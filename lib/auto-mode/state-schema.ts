import { z } from 'zod';
import { MAX_DAILY_LIMIT } from '../policy/managed';
import { errorInfoSchema } from '../services/http/errors';
import { candidateIdentity } from '../services/lever/identity';

/** How auto mode paces itself. The defaults are the product's; the e2e suite shortens them. */
export const autoTimingSchema = z.object({
  /** Between two polls of Lever (browser alarms; packed Chrome allows no less than half a minute). */
  pollMinutes: z.number().positive().max(60),
  /** A candidate is claimed only once seen this long in the tag and stage (a click elsewhere finishes first). */
  settleMs: z.number().min(0),
  /** Between writing a claim and reading the claims again. */
  claimWaitMs: z.number().min(0),
  /** A claim with no pad after this long no longer holds (its browser went away). */
  claimTtlMs: z.number().positive(),
});
export type AutoTiming = z.infer<typeof autoTimingSchema>;

export const AUTO_TIMING: AutoTiming = {
  pollMinutes: 1,
  settleMs: 45_000,
  claimWaitMs: 5_000,
  claimTtlMs: 15 * 60_000,
};

/** Automatic pads a browser makes in a day, unless the admin or the policy says otherwise. */
export const DEFAULT_DAILY_LIMIT = 50;
export const dailyLimitSchema = z.number().int().min(1).max(MAX_DAILY_LIMIT);

/** Auto mode per configuration, in this browser only (never exported): since when it is on. */
export const autoModesSchema = z.record(z.string(), z.object({ since: z.number() }));
export type AutoModes = z.infer<typeof autoModesSchema>;

/**
 * Where polling stands, kept between polls (a stopped worker picks up from here): per
 * configuration the start of its last complete poll, per candidate (job key) when this browser
 * first saw them in the tag and stage, and the claims this browser wrote.
 */
/** Claims a browser writes per configuration and poll at most: the rest wait for the next one (Lever's rate limit). */
export const MAX_CLAIMS_PER_POLL = 10;
/**
 * Claims a browser starts with: a team's browsers all see a bulk tag at once, and fifty of them
 * claiming ten each would spend Lever's rate on claims that lose.
 */
export const FIRST_CLAIMS_PER_POLL = 2;

export const autoStateSchema = z.object({
  cursors: z.record(z.string(), z.number()).default({}),
  seen: z.record(z.string(), z.number()).default({}),
  claims: z.record(z.string(), z.object({ claimId: z.string(), at: z.number() })).default({}),
  /** Automatic pads started today (this machine's day), and whether reaching the limit was notified. */
  today: z
    .object({ day: z.string(), started: z.number(), notified: z.boolean() })
    .default({ day: '', started: 0, notified: false }),
  /** This browser's own order of a list's candidates (random, made once). */
  orderSeed: z.string().default(''),
  /** Configurations whose last polls failed: how many times in a row, and not before when again. */
  backoff: z.record(z.string(), z.object({ failures: z.number(), until: z.number() })).default({}),
  /**
   * Claims this browser writes per configuration and poll: a few at first, half as many each time
   * another browser's claim came first (a team shares the candidates), one more after a poll that
   * used them all with no such loss.
   */
  claimPace: z.number().int().min(1).default(FIRST_CLAIMS_PER_POLL),
  /** The last poll: when, and what stopped it if something did. */
  lastPoll: z
    .object({ at: z.number(), error: z.nullable(errorInfoSchema) })
    .nullable()
    .default(null),
});
export type AutoState = z.infer<typeof autoStateSchema>;
/** What this browser remembers of a candidate (first seen, its claim) is forgotten after a day. */
const FORGET_MS = 24 * 3600_000;

/** Drops what is remembered of candidates seen or claimed more than a day ago. */
export function forgetOld(state: AutoState, now: number): AutoState {
  const recent = <T>(entries: Record<string, T>, at: (v: T) => number) =>
    Object.fromEntries(Object.entries(entries).filter(([, v]) => now - at(v) < FORGET_MS));
  return { ...state, seen: recent(state.seen, (v) => v), claims: recent(state.claims, (v) => v.at) };
}

export const NO_AUTO_STATE: AutoState = {
  cursors: {},
  seen: {},
  claims: {},
  today: { day: '', started: 0, notified: false },
  backoff: {},
  orderSeed: '',
  claimPace: FIRST_CLAIMS_PER_POLL,
  lastPoll: null,
};

/** The day a time falls on, on this machine (the daily limit starts again at local midnight). */
export const dayOf = (time: number) => new Date(time).toDateString();

export const activityResultSchema = z.enum(['running', 'created', 'failed', 'skipped_link', 'claimed_elsewhere']);
export type ActivityResult = z.infer<typeof activityResultSchema>;

/** One thing auto mode did about one candidate: what the options page's Activity lists. */
export const activityEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  ...candidateIdentity,
  configurationId: z.string(),
  tag: z.string(),
  result: activityResultSchema,
  padUrl: z.string().nullable(),
  error: z.nullable(errorInfoSchema),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** The log keeps this many entries, newest first. */
export const MAX_ACTIVITY = 200;
