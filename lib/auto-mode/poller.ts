import { Mutex } from 'async-mutex';
import type { Configuration } from '../configurations/configuration';
import { configurationsList } from '../configurations/stored';
import { padsLeft } from '../services/coderpad/quota';
import { ApiError, toErrorInfo } from '../services/http/errors';
import { clockOffset, knownClockOffset, serverTime } from '../services/http/server-clock';
import type { LeverClient } from '../services/lever/client';
import type { Opportunity } from '../services/lever/schemas';
import { type AutoContext, type AutoModeDeps, type Budget, consider, noteOutcome, type Outcome } from './consider';
import * as autoItems from './items';
import { cursorOf, listSince, OVERLAP_MS, type Shared, sharedList } from './lists';
import { countingToday, dailyLimitError, inTagAndStage, nextClaimPace, orderKey, retryAt } from './pace';
import { type AutoState, type AutoTiming, forgetOld } from './state-schema';
import { changeAutoState } from './state';
import { lapsedSince } from './watch';

export type { AutoModeDeps } from './consider';

/*
 * Auto mode's poll: for each configuration with auto mode on in this browser, the open
 * candidates Lever lists with its tag in its stage, changed since the last poll (with an overlap
 * for clocks and Lever's indexing), every page. Each candidate with no pad yet for the
 * configuration is claimed through Lever (claim.ts) and, when this browser's claim wins, gets the
 * same journaled job as a click. Where polling stands is stored as it goes: a worker stopped
 * between or during polls starts the next one where this one left off, and the journal keeps a
 * job from starting twice.
 */

export interface PollReport {
  configurations: number;
  started: number;
  /** The policy turned auto mode off: the poll's alarm may go. */
  disabled?: boolean;
  /** This poll reached the day's limit for the first time today (a notification says so). */
  limitReached?: number;
}

/** The candidates of one configuration's list to consider, in this browser's order, with those whose claim lapsed. */
async function candidatesOf(
  ctx: AutoContext,
  lever: LeverClient,
  config: Configuration,
  listed: Opportunity[],
  pollStart: number,
) {
  // Lever's filters are trusted no further than the answer shows. Each browser goes through the
  // list in its own order: after a bulk tag, browsers start on different candidates instead of
  // all claiming the same first ones.
  const { orderSeed } = await changeAutoState((s) => (s.orderSeed ? s : { ...s, orderSeed: ctx.newId() }));
  const candidates = listed
    .filter((o) => inTagAndStage(o, config))
    .sort((a, b) => orderKey(orderSeed, a.id) - orderKey(orderSeed, b.id));
  // Candidates stepped back from whose claim has lapsed since: looked at again, listed or not.
  const due = await lapsedSince(lever, config, pollStart, new Set(candidates.map((o) => o.id)));
  return { candidates: [...candidates, ...due], dueIds: new Set(due.map((o) => o.id)) };
}

/** One configuration's poll: its list since its cursor, each candidate considered; answers how many jobs it started. */
async function pollConfiguration(
  ctx: AutoContext,
  lever: LeverClient,
  config: Configuration,
  turnedOn: number | undefined,
  timing: AutoTiming,
  pads: Budget['pads'],
  shared?: Shared,
): Promise<number> {
  // Cursors are on Lever's clock: they are compared with its `updatedAt`.
  const pollStart = shared?.at ?? ctx.now() + (await clockOffset('lever'));
  const cursor = await cursorOf(config, turnedOn, pollStart);
  const listed = await listSince(lever, config, cursor - OVERLAP_MS, shared);
  const { candidates, dueIds } = await candidatesOf(ctx, lever, config, listed, pollStart);
  let keepFrom = pollStart;
  let started = 0;
  const pace = (await autoItems.autoState.get()).claimPace;
  const budget: Budget = { claims: pace, lost: 0, pads };
  for (const opportunity of candidates) {
    let outcome: Outcome;
    try {
      outcome = await consider(ctx, lever, opportunity, config, timing, budget);
      if (outcome === 'started') started++;
    } catch (error) {
      // Lever's rate limit, a lost connection or a wrong key stop this configuration's poll; the next one retries.
      if (error instanceof ApiError && ['rate_limited', 'network', 'timeout', 'bad_key'].includes(error.kind))
        throw error;
      await noteOutcome(ctx, lever.environment, opportunity, config, 'failed', { error: asApiError(error) });
      outcome = 'later';
    }
    // A candidate left for later keeps the next poll's window open back to them.
    // (A followed candidate stays followed instead.)
    if (outcome === 'later' && !dueIds.has(opportunity.id))
      keepFrom = Math.min(keepFrom, opportunity.updatedAt ?? cursor);
  }
  const claimPace = nextClaimPace(pace, budget);
  await changeAutoState((s) => ({ ...s, cursors: { ...s.cursors, [config.id]: keepFrom }, claimPace }));
  return started;
}

/** The first time today the limit stops auto mode: answered once, for one notification. */
async function limitReached(limit: number): Promise<{ limitReached?: number }> {
  const before = await autoItems.autoState.get();
  if (before.today.started < limit || before.today.notified) return {};
  await changeAutoState((s) => ({ ...s, today: { ...s.today, notified: true } }));
  return { limitReached: limit };
}

/** What a poll with work to do starts from: the configurations on, the day's budget, the state. */
interface PollPlan {
  on: Configuration[];
  modes: Awaited<ReturnType<typeof autoItems.autoModes.get>>;
  timing: AutoTiming;
  limit: number;
  state: AutoState;
  pads: Budget['pads'];
}

/** Lever's client, once the day's and the month's allowances and Lever's clock allow a poll. */
async function readyLever(ctx: AutoContext, plan: PollPlan): Promise<LeverClient> {
  // The day's automatic pads made: nothing is listed or claimed until tomorrow.
  if (plan.pads.left <= 0) throw dailyLimitError(plan.limit);
  // The month's pads used up: nothing is listed or claimed, and the cursors stay, so the
  // candidates tagged meanwhile are taken up once CoderPad allows pads again.
  const { coderpad } = ctx.deps;
  if (coderpad && !(await padsLeft(coderpad(), ctx.now()).catch(() => true)))
    throw new ApiError({ kind: 'over_quota', service: 'coderpad' });
  const lever = await ctx.deps.lever();
  // Cursors are on Lever's clock: learn it first when no answer of Lever's told it yet.
  if ((await knownClockOffset('lever')) === undefined) await lever.readClock();
  return lever;
}

/**
 * Each configuration on, polled in turn. One configuration Lever refuses (a 429, a lost
 * connection) does not stop the others: its cursor stays where it was, so a later poll covers
 * what this one missed; it waits longer after each failure in a row. Answers the jobs started
 * and the first error.
 */
async function pollEach(ctx: AutoContext, lever: LeverClient, plan: PollPlan) {
  const { on, modes, timing, state, pads } = plan;
  let firstError: unknown;
  let started = 0;
  const waiting = (config: Configuration) => (state.backoff[config.id]?.until ?? 0) > ctx.now();
  const shared = await sharedList(
    lever,
    on.filter((c) => !waiting(c)),
    modes,
    ctx.now() + (await clockOffset('lever')),
  );
  for (const config of on) {
    const backoff = state.backoff[config.id];
    if (waiting(config)) continue;
    try {
      started += await pollConfiguration(ctx, lever, config, modes[config.id]?.since, timing, pads, shared);
      if (backoff) await changeAutoState((s) => ({ ...s, backoff: omit(s.backoff, config.id) }));
    } catch (error) {
      firstError ??= error;
      const failures = (backoff?.failures ?? 0) + 1;
      const until = retryAt(failures, error, timing.pollMinutes * 60_000, ctx.now());
      await changeAutoState((s) => ({ ...s, backoff: { ...s.backoff, [config.id]: { failures, until } } }));
    }
  }
  return { started, firstError };
}

async function pollLocked(ctx: AutoContext): Promise<PollReport> {
  const rules = (await ctx.deps.rules?.()) ?? { enabled: null, dailyLimit: null };
  // The organisation turned auto mode off: nothing is read or written.
  if (rules.enabled === false) return { configurations: 0, started: 0, disabled: true };
  const [modes, timing, configs, ownLimit] = await Promise.all([
    autoItems.autoModes.get(),
    autoItems.autoTiming.get(),
    configurationsList(),
    autoItems.autoDailyLimit.get(),
  ]);
  const on = configs.filter((c) => modes[c.id]);
  if (on.length === 0) return { configurations: 0, started: 0 };
  const limit = rules.dailyLimit ?? ownLimit;
  const state = await changeAutoState((s) => countingToday(s, ctx.now()));
  const plan: PollPlan = { on, modes, timing, limit, state, pads: { left: limit - state.today.started } };
  let lever: LeverClient;
  try {
    lever = await readyLever(ctx, plan);
  } catch (error) {
    await changeAutoState((s) => ({ ...s, lastPoll: { at: ctx.now(), error: toErrorInfo(error) } }));
    return { configurations: on.length, started: 0, ...(await limitReached(limit)) };
  }
  let { started, firstError } = await pollEach(ctx, lever, plan);
  if (plan.pads.left <= 0) firstError ??= dailyLimitError(limit);
  const error = firstError === undefined ? null : toErrorInfo(firstError);
  await changeAutoState((s) => forgetOld({ ...s, lastPoll: { at: ctx.now(), error } }, ctx.now()));
  return { configurations: on.length, started, ...(plan.pads.left <= 0 ? await limitReached(limit) : {}) };
}

export function createAutoMode(deps: AutoModeDeps) {
  const now = deps.now ?? (() => Date.now());
  const ctx: AutoContext = {
    deps,
    now,
    /** Now on Lever's clock: what note times and `updatedAt` are compared with. */
    leverNow: () => serverTime('lever', now()),
    sleep: deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    newId: deps.newId ?? (() => crypto.randomUUID()),
    lock: new Mutex(),
  };
  return {
    /** One poll; a poll already under way in this worker is not doubled (it answers nothing new). */
    async poll(): Promise<PollReport> {
      if (ctx.lock.isLocked()) return { configurations: 0, started: 0 };
      return ctx.lock.runExclusive(() => pollLocked(ctx));
    },
  };
}

export type AutoMode = ReturnType<typeof createAutoMode>;

const omit = <T>(entries: Record<string, T>, key: string) => {
  const { [key]: _, ...rest } = entries;
  return rest;
};

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError({ ...toErrorInfo(error) }));
