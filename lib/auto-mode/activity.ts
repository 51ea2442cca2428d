import { Mutex } from 'async-mutex';
import type { Configuration } from '../configurations/configuration';
import { jobKey, type Job } from '../pad-job/job';
import { candidateUrl, type LeverEnvironment } from '../services/environments';
import { type ApiError, toErrorInfo } from '../services/http/errors';
import type { Opportunity } from '../services/lever/schemas';
import { activityLog } from './items';
import { type ActivityEntry, type ActivityResult, MAX_ACTIVITY } from './state-schema';

/*
 * What auto mode did, newest first, bounded: one entry per job it started (updated as the job
 * goes), and one per candidate it stepped back from and why. Written by the background only, one
 * change at a time.
 */

const lock = new Mutex();

/**
 * Adds an entry, or updates the one with its id in place (it keeps its first time); `merge` says
 * what an update keeps of the entry it replaces.
 */
export function recordActivity(
  update: ActivityEntry,
  merge: (previous: ActivityEntry, next: ActivityEntry) => ActivityEntry = (_, n) => n,
): Promise<void> {
  return lock.runExclusive(async () => {
    const all = await activityLog.get();
    const previous = all.find((e) => e.id === update.id);
    const entry = previous ? merge(previous, update) : update;
    if (previous && sameOutcome(previous, entry)) return;
    const next = [{ ...entry, at: previous?.at ?? entry.at }, ...all.filter((e) => e.id !== entry.id)]
      .sort((a, b) => b.at - a.at)
      .slice(0, MAX_ACTIVITY);
    await activityLog.set(next);
  });
}

const sameOutcome = (a: ActivityEntry, b: ActivityEntry) =>
  a.result === b.result && a.padUrl === b.padUrl && JSON.stringify(a.error) === JSON.stringify(b.error);

const JOB_RESULTS: Record<Job['status'], ActivityResult> = { running: 'running', done: 'created', failed: 'failed' };

/** The entry of an auto-mode job as it stands. */
export function entryForJob(job: Job, now: number): ActivityEntry {
  return {
    id: job.id,
    at: now,
    environment: job.environment,
    opportunityId: job.opportunityId,
    candidateName: job.candidateName,
    candidateUrl: job.candidateUrl,
    configurationId: job.configurationId,
    tag: job.tag,
    result: JOB_RESULTS[job.status],
    padUrl: job.pad?.url ?? null,
    error: job.error,
  };
}

export const readActivity = () => activityLog.get();

/**
 * What the poll did about one candidate, in the Activity. One entry per candidate for stepping
 * back: a pad that shows up after another browser's claim is that browser's, and is added to its entry.
 */
export function recordOutcome(outcome: {
  at: number;
  environment: LeverEnvironment;
  opportunity: Opportunity;
  config: Configuration;
  result: ActivityResult;
  padUrl?: string | null;
  error?: ApiError;
}): Promise<void> {
  const { environment, opportunity, config, result } = outcome;
  const stepped = result === 'skipped_link' || result === 'claimed_elsewhere';
  return recordActivity(
    {
      id: `${jobKey(environment, opportunity.id, config.id)}:${stepped ? 'stepped' : result}`,
      at: outcome.at,
      environment,
      opportunityId: opportunity.id,
      candidateName: opportunity.name,
      candidateUrl: candidateUrl(environment, opportunity.id),
      configurationId: config.id,
      tag: config.tag,
      result,
      padUrl: outcome.padUrl ?? null,
      error: outcome.error ? toErrorInfo(outcome.error) : null,
    },
    (previous, next) =>
      previous.result === 'claimed_elsewhere'
        ? { ...next, result: previous.result, padUrl: next.padUrl ?? previous.padUrl }
        : next,
  );
}
