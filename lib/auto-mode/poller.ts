import { Mutex } from 'async-mutex';
import type { Configuration } from '../configurations/schema';
import { configurationsList } from '../configurations/store';
import { existingPads } from '../pad-job/candidate';
import { jobKey } from '../pad-job/job';
import * as journal from '../pad-job/journal';
import type { Workflow } from '../pad-job/workflow';
import type { LeverEnvironment } from '../services/environments';
import { ApiError, toErrorInfo } from '../services/http/errors';
import { clockOffset, knownClockOffset, serverTime } from '../services/http/server-clock';
import type { LeverClient } from '../services/lever/client';
import type { CoderPadClient } from '../services/coderpad/client';
import { padsLeft } from '../services/coderpad/quota';
import { padIdFromUrl } from '../services/coderpad/links';
import type { Opportunity } from '../services/lever/schemas';
import * as autoItems from './items';
import { recordOutcome } from './activity';
import { claimCandidate } from './claiming';
import { changeAutoState } from './state';
import { cursorOf, listSince, OVERLAP_MS, type Shared, sharedList } from './lists';
import { countingToday, dailyLimitError, inTagAndStage, nextClaimPace, orderKey, retryAt, triedAgain } from './pace';
import { lapsedSince, unwatch, watch, watchedUntil } from './watch';
import { type ActivityResult, type AutoTiming, forgetOld } from './schema';

/*
 * Auto mode's poll: for each configuration with auto mode on in this browser, the open
 * candidates Lever lists with its tag in its stage, changed since the last poll (with an overlap
 * for clocks and Lever's indexing), every page. Each candidate with no pad yet for the
 * configuration is claimed through Lever (claim.ts) and, when this browser's claim wins, gets the
 * same journaled job as a click. Where polling stands is stored as it goes: a worker stopped
 * between or during polls starts the next one where this one left off, and the journal keeps a
 * job from starting twice.
 */

export interface AutoModeDeps {
  lever(): Promise<LeverClient>;
  /** CoderPad, to check the month's allowance before any claim (a claim no pad can follow helps nobody). */
  coderpad?(): Promise<CoderPadClient>;
  workflow: Workflow;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  newId?: () => string;
  /** What the organisation's policy says of auto mode (`null`: nothing). */
  rules?(): Promise<{ enabled: boolean | null; dailyLimit: number | null }>;
}

export interface PollReport {
  configurations: number;
  started: number;
  /** The policy turned auto mode off: the poll's alarm may go. */
  disabled?: boolean;
  /** This poll reached the day's limit for the first time today (a notification says so). */
  limitReached?: number;
}

/** What a poll may still start: claims per configuration, pads for the day (shared by all). */
interface Budget {
  claims: number;
  /** Claims lost to another browser's earlier one in this poll. */
  lost: number;
  pads: { left: number };
}

/** What became of a candidate: a job started for it, nothing left to do, or left for a later poll. */
type Outcome = 'started' | 'handled' | 'later';

export function createAutoMode(deps: AutoModeDeps) {
  const now = deps.now ?? (() => Date.now());
  /** Now on Lever's clock: what note times and `updatedAt` are compared with. */
  const leverNow = () => serverTime('lever', now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const lock = new Mutex();

  const clock = { now, leverNow, sleep, newId };

  const note = (
    environment: LeverEnvironment,
    opportunity: Opportunity,
    config: Configuration,
    result: ActivityResult,
    extra: { padUrl?: string | null; error?: ApiError } = {},
  ) => recordOutcome({ at: now(), environment, opportunity, config, result, ...extra });

  /** One candidate of one configuration's list. */
  async function consider(
    lever: LeverClient,
    opportunity: Opportunity,
    config: Configuration,
    timing: AutoTiming,
    budget: Budget,
  ): Promise<Outcome> {
    const environment = lever.environment;
    const key = jobKey(environment, opportunity.id, config.id);
    // A click, or an earlier poll, has this one in hand (whatever its state); an automatic job
    // Lever or the network stopped for a while is tried again (see `triedAgain`).
    const current = await journal.getJob(key);
    if (current && triedAgain(current)) await deps.workflow.retry(current.id);
    if (current) return unwatched(key, triedAgain(current) ? 'later' : 'handled');
    // Stepped back from: nothing of theirs is read again until the claim that held lapses.
    if (((await watchedUntil(key)) ?? Number.NEGATIVE_INFINITY) > (await leverNow())) return 'handled';
    // Any CoderPad pad link on the person leaves them alone, whoever made it: no note needs
    // reading to know that (a whole team's browsers see each new link). Without one, only this
    // browser's own records can tell of a pad.
    const link =
      opportunity.links.find((l) => padIdFromUrl(l) !== undefined) ??
      (await existingPads(environment, opportunity, [config], lever)).existing[config.id]?.pad.url;
    if (link) {
      await note(environment, opportunity, config, 'skipped_link', { padUrl: link });
      return unwatched(key, 'handled');
    }
    // Seen in an earlier poll at least `settleMs` ago: a click in another browser has had time to finish.
    const seenAt = (await autoItems.autoState.get()).seen[key];
    if (seenAt === undefined) {
      await changeAutoState((s) => ({ ...s, seen: { ...s.seen, [key]: now() } }));
      return 'later';
    }
    if (now() - seenAt < timing.settleMs || budget.claims <= 0 || budget.pads.left <= 0) return 'later';
    budget.claims -= 1;
    const claimed = await claimCandidate(lever, key, opportunity, config, timing, clock);
    if ('lost' in claimed) {
      await note(environment, opportunity, config, claimed.lost === 'pad' ? 'skipped_link' : 'claimed_elsewhere');
      if (claimed.lost === 'pad') return unwatched(key, 'handled');
      budget.lost += 1;
      // Followed until that claim lapses: its browser may go away, or no browser is behind it.
      await watch({
        key,
        environment,
        opportunityId: opportunity.id,
        configurationId: config.id,
        lapseAt: claimed.until,
      });
      return 'handled';
    }
    await unwatch(key);
    const { started } = await deps.workflow.startAuto({
      environment,
      opportunity,
      configuration: config,
      claimId: claimed.won,
      takesOver: claimed.takesOver,
    });
    if (!started) return 'handled';
    budget.pads.left -= 1;
    await changeAutoState((s) => ({ ...s, today: { ...s.today, started: s.today.started + 1 } }));
    return 'started';
  }

  /** One configuration's poll: its list since its cursor, each candidate considered; answers how many jobs it started. */
  async function pollConfiguration(
    lever: LeverClient,
    config: Configuration,
    turnedOn: number | undefined,
    timing: AutoTiming,
    pads: Budget['pads'],
    shared?: Shared,
  ): Promise<number> {
    // Cursors are on Lever's clock: they are compared with its `updatedAt`.
    const pollStart = shared?.at ?? now() + (await clockOffset('lever'));
    const cursor = await cursorOf(config, turnedOn, pollStart);
    const listed = await listSince(lever, config, cursor - OVERLAP_MS, shared);
    // Lever's filters are trusted no further than the answer shows. Each browser goes through the
    // list in its own order: after a bulk tag, browsers start on different candidates instead of
    // all claiming the same first ones.
    const { orderSeed } = await changeAutoState((s) => (s.orderSeed ? s : { ...s, orderSeed: newId() }));
    const candidates = listed
      .filter((o) => inTagAndStage(o, config))
      .sort((a, b) => orderKey(orderSeed, a.id) - orderKey(orderSeed, b.id));
    // Candidates stepped back from whose claim has lapsed since: looked at again, listed or not.
    const due = await lapsedSince(lever, config, pollStart, new Set(candidates.map((o) => o.id)));
    candidates.push(...due);
    const dueIds = new Set(due.map((o) => o.id));
    let keepFrom = pollStart;
    let started = 0;
    const pace = (await autoItems.autoState.get()).claimPace;
    const budget: Budget = { claims: pace, lost: 0, pads };
    for (const opportunity of candidates) {
      let outcome: Outcome;
      try {
        outcome = await consider(lever, opportunity, config, timing, budget);
        if (outcome === 'started') started++;
      } catch (error) {
        // Lever's rate limit, a lost connection or a wrong key stop this configuration's poll; the next one retries.
        if (error instanceof ApiError && ['rate_limited', 'network', 'timeout', 'bad_key'].includes(error.kind))
          throw error;
        await note(lever.environment, opportunity, config, 'failed', { error: asApiError(error) });
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

  async function pollLocked(): Promise<PollReport> {
    const rules = (await deps.rules?.()) ?? { enabled: null, dailyLimit: null };
    // The organisation turned auto mode off: nothing is read or written.
    if (rules.enabled === false) return { configurations: 0, started: 0, disabled: true };
    const [modes, timing, configs, ownLimit] = await Promise.all([
      autoItems.autoModes.get(),
      autoItems.autoTiming.get(),
      configurationsList(),
      autoItems.autoDailyLimit.get(),
    ]);
    const on = configs.filter((c) => modes[c.id]);
    let started = 0;
    if (on.length === 0) return { configurations: 0, started };
    const limit = rules.dailyLimit ?? ownLimit;
    const state = await changeAutoState((s) => countingToday(s, now()));
    const pads = { left: limit - state.today.started };
    let lever: LeverClient;
    try {
      // The day's automatic pads made: nothing is listed or claimed until tomorrow.
      if (pads.left <= 0) throw dailyLimitError(limit);
      // The month's pads used up: nothing is listed or claimed, and the cursors stay, so the
      // candidates tagged meanwhile are taken up once CoderPad allows pads again.
      if (deps.coderpad && !(await padsLeft(deps.coderpad(), now()).catch(() => true)))
        throw new ApiError({ kind: 'over_quota', service: 'coderpad' });
      lever = await deps.lever();
      // Cursors are on Lever's clock: learn it first when no answer of Lever's told it yet.
      if ((await knownClockOffset('lever')) === undefined) await lever.readClock();
    } catch (error) {
      await changeAutoState((s) => ({ ...s, lastPoll: { at: now(), error: toErrorInfo(error) } }));
      return { configurations: on.length, started, ...(await limitReached(limit)) };
    }
    // One configuration Lever refuses (a 429, a lost connection) does not stop the others: its
    // cursor stays where it was, so a later poll covers what this one missed; it waits longer
    // after each failure in a row.
    let firstError: unknown;
    const waiting = (config: Configuration) => (state.backoff[config.id]?.until ?? 0) > now();
    const shared = await sharedList(
      lever,
      on.filter((c) => !waiting(c)),
      modes,
      now() + (await clockOffset('lever')),
    );
    for (const config of on) {
      const backoff = state.backoff[config.id];
      if (waiting(config)) continue;
      try {
        started += await pollConfiguration(lever, config, modes[config.id]?.since, timing, pads, shared);
        if (backoff) await changeAutoState((s) => ({ ...s, backoff: omit(s.backoff, config.id) }));
      } catch (error) {
        firstError ??= error;
        const failures = (backoff?.failures ?? 0) + 1;
        const until = retryAt(failures, error, timing.pollMinutes * 60_000, now());
        await changeAutoState((s) => ({ ...s, backoff: { ...s.backoff, [config.id]: { failures, until } } }));
      }
    }
    if (pads.left <= 0) firstError ??= dailyLimitError(limit);
    await changeAutoState((s) =>
      forgetOld(
        { ...s, lastPoll: { at: now(), error: firstError === undefined ? null : toErrorInfo(firstError) } },
        now(),
      ),
    );
    return { configurations: on.length, started, ...(pads.left <= 0 ? await limitReached(limit) : {}) };
  }

  /** The first time today the limit stops auto mode: answered once, for one notification. */
  async function limitReached(limit: number): Promise<{ limitReached?: number }> {
    const before = await autoItems.autoState.get();
    if (before.today.started < limit || before.today.notified) return {};
    await changeAutoState((s) => ({ ...s, today: { ...s.today, notified: true } }));
    return { limitReached: limit };
  }

  return {
    /** One poll; a poll already under way in this worker is not doubled (it answers nothing new). */
    async poll(): Promise<PollReport> {
      if (lock.isLocked()) return { configurations: 0, started: 0 };
      return lock.runExclusive(pollLocked);
    },
  };
}

export type AutoMode = ReturnType<typeof createAutoMode>;

/** No longer followed (a pad, a job of this browser's): answers the outcome. */
const unwatched = async (key: string, outcome: Outcome): Promise<Outcome> => {
  await unwatch(key);
  return outcome;
};

const omit = <T>(entries: Record<string, T>, key: string) => {
  const { [key]: _, ...rest } = entries;
  return rest;
};

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError({ ...toErrorInfo(error) }));
