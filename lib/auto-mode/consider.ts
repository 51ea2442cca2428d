import type { Mutex } from 'async-mutex';
import type { Configuration } from '../configurations/configuration';
import { existingPads } from '../pad-job/candidate';
import { jobKey } from '../pad-job/job';
import * as journal from '../pad-job/journal';
import type { Workflow } from '../pad-job/workflow';
import type { CoderPadClient } from '../services/coderpad/client';
import { padIdFromUrl } from '../services/coderpad/links';
import type { LeverEnvironment } from '../services/environments';
import type { ApiError } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import type { Opportunity } from '../services/lever/schemas';
import { recordOutcome } from './activity';
import { type ClaimClock, claimCandidate } from './claiming';
import * as autoItems from './items';
import { triedAgain } from './pace';
import type { ActivityResult, AutoTiming } from './state-schema';
import { changeAutoState } from './state';
import { unwatch, watch, watchedUntil } from './watch';

/*
 * One candidate of one configuration's list, as the poll considers it: already in hand, stepped
 * back from, carrying a pad, not yet settled, or claimed (and, when the claim wins, started).
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

/** What the poll's parts work over: the wiring, its clocks (this browser's and Lever's), one poll at a time. */
export interface AutoContext extends ClaimClock {
  deps: AutoModeDeps;
  lock: Mutex;
}

/** What a poll may still start: claims per configuration, pads for the day (shared by all). */
export interface Budget {
  claims: number;
  /** Claims lost to another browser's earlier one in this poll. */
  lost: number;
  pads: { left: number };
}

/** What became of a candidate: a job started for it, nothing left to do, or left for a later poll. */
export type Outcome = 'started' | 'handled' | 'later';

/** A line in Activity for this candidate and configuration. */
export const noteOutcome = (
  ctx: AutoContext,
  environment: LeverEnvironment,
  opportunity: Opportunity,
  config: Configuration,
  result: ActivityResult,
  extra: { padUrl?: string | null; error?: ApiError } = {},
) => recordOutcome({ at: ctx.now(), environment, opportunity, config, result, ...extra });

/** No longer followed (a pad, a job of this browser's): answers the outcome. */
const unwatched = async (key: string, outcome: Outcome): Promise<Outcome> => {
  await unwatch(key);
  return outcome;
};

/** A pad link on the person, or this browser's own record of a pad for the configuration. */
async function padLink(lever: LeverClient, opportunity: Opportunity, config: Configuration) {
  // Any CoderPad pad link on the person leaves them alone, whoever made it: no note needs
  // reading to know that (a whole team's browsers see each new link). Without one, only this
  // browser's own records can tell of a pad.
  return (
    opportunity.links.find((l) => padIdFromUrl(l) !== undefined) ??
    (await existingPads(lever.environment, opportunity, [config], lever)).existing[config.id]?.pad.url
  );
}

/** Whether the candidate was seen in an earlier poll at least `settleMs` ago (first sight is noted). */
async function settled(ctx: AutoContext, key: string, timing: AutoTiming): Promise<boolean> {
  const seenAt = (await autoItems.autoState.get()).seen[key];
  if (seenAt !== undefined) return ctx.now() - seenAt >= timing.settleMs;
  await changeAutoState((s) => ({ ...s, seen: { ...s.seen, [key]: ctx.now() } }));
  return false;
}

/** Claims the candidate and, when the claim wins, starts its job. */
async function claimAndStart(
  ctx: AutoContext,
  lever: LeverClient,
  key: string,
  opportunity: Opportunity,
  config: Configuration,
  timing: AutoTiming,
  budget: Budget,
): Promise<Outcome> {
  const environment = lever.environment;
  budget.claims -= 1;
  const claimed = await claimCandidate(lever, key, opportunity, config, timing, ctx);
  if ('lost' in claimed) {
    await noteOutcome(
      ctx,
      environment,
      opportunity,
      config,
      claimed.lost === 'pad' ? 'skipped_link' : 'claimed_elsewhere',
    );
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
  const { started } = await ctx.deps.workflow.startAuto({
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

/** One candidate of one configuration's list. */
export async function consider(
  ctx: AutoContext,
  lever: LeverClient,
  opportunity: Opportunity,
  config: Configuration,
  timing: AutoTiming,
  budget: Budget,
): Promise<Outcome> {
  const key = jobKey(lever.environment, opportunity.id, config.id);
  // A click, or an earlier poll, has this one in hand (whatever its state); an automatic job
  // Lever or the network stopped for a while is tried again (see `triedAgain`).
  const current = await journal.getJob(key);
  if (current && triedAgain(current)) await ctx.deps.workflow.retry(current.id);
  if (current) return unwatched(key, triedAgain(current) ? 'later' : 'handled');
  // Stepped back from: nothing of theirs is read again until the claim that held lapses.
  if (((await watchedUntil(key)) ?? Number.NEGATIVE_INFINITY) > (await ctx.leverNow())) return 'handled';
  const link = await padLink(lever, opportunity, config);
  if (link) {
    await noteOutcome(ctx, lever.environment, opportunity, config, 'skipped_link', { padUrl: link });
    return unwatched(key, 'handled');
  }
  // Seen in an earlier poll at least `settleMs` ago: a click in another browser has had time to finish.
  if (!(await settled(ctx, key, timing)) || budget.claims <= 0 || budget.pads.left <= 0) return 'later';
  return claimAndStart(ctx, lever, key, opportunity, config, timing, budget);
}
