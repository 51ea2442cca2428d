import { ApiError } from '../services/http/errors';
import { type JobContext, lockFor, runLocks, updateJob } from './context';
import type { RetryChoice } from './deps';
import type { Job } from './job';
import * as journal from './journal';
import { wakeSearch } from './pad-step';
import { run, runInBackground } from './run';
import { watchedBy } from './start';

/*
 * Going on with jobs already journaled: a recruiter's Retry (or choice while a pad is uncertain),
 * and the jobs a restarted worker finds still running.
 */

/** Continues a job from what its journal says is done. */
export async function retry(ctx: JobContext, jobId: string, tabId?: number, choice?: RetryChoice): Promise<Job> {
  const job = await journal.getJobById(jobId);
  if (!job) throw new ApiError({ kind: 'not_found', detail: 'job' });
  let current = await watchedBy(ctx, job, tabId);
  // Create anyway while the pad list is being searched: the search stops and the pad is asked
  // for by the run under way (a worker restarted meanwhile reads the choice from the journal).
  if (choice === 'createAnyway' && current.status === 'running' && current.padSearch) {
    current = await updateJob(ctx, job.pairKey, (j) => ({
      ...j,
      padSearch: j.padSearch && { ...j.padSearch, createAnyway: true },
    }));
    wakeSearch(job.pairKey);
    return current;
  }
  if (choice === 'keepLooking' && current.status !== 'running') {
    current = await updateJob(ctx, job.pairKey, (j) => ({ ...j, padSearch: { since: ctx.now(), rounds: 0 } }));
  }
  runInBackground(ctx, job.pairKey, choice);
  return current;
}

/** Waits until no run of this job is under way, and returns it as journaled. */
export const settle = (key: string): Promise<Job | undefined> =>
  lockFor(runLocks, key).runExclusive(() => journal.getJob(key));

/** Resumes every job the journal says is still running (after a worker restart). */
export async function resumeAll(ctx: JobContext): Promise<number> {
  const running = await journal.runningJobs();
  await Promise.all(running.map((job) => run(ctx, job.pairKey)));
  return running.length;
}

export const hasRunning = async (): Promise<boolean> => (await journal.runningJobs()).length > 0;
