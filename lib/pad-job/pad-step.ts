import type { CoderPadClient } from '../services/coderpad/client';
import { PAD_TYPES } from '../services/coderpad/pad-type';
import { ApiError, isRefusal } from '../services/http/errors';
import { type JobContext, updateJob } from './context';
import type { StepResult } from './engine';
import { CREATE_ANYWAY, type OwnerFallback, padSummary, requestPad, searchLostPad } from './exactly-once';
import type { Job, PadSummary } from './job';
import * as journal from './journal';
import { recordFor } from './record';
import { interviewerMailtoFor } from './notes';

/*
 * The pad step: ask CoderPad for one (the journal already says the request is leaving), or, when
 * an earlier run's request may have made one, adopt the pad that answer left behind. Exactly once.
 */

/** What one pad step works on: the job as the step began, and the client it asks. */
interface PadWork {
  ctx: JobContext;
  key: string;
  job: Job;
  coderpad: CoderPadClient;
}

/** The pad searches waiting between rounds, by job key: "Create anyway" wakes them. */
const searchWakers = new Map<string, () => void>();

/** A pause of a pad search that `wakeSearch` ends early. */
function wakeable(key: string, ms: number, sleep: (ms: number) => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      if (searchWakers.get(key) === done) searchWakers.delete(key);
      resolve();
    };
    searchWakers.set(key, done);
    void sleep(ms).then(done);
  });
}

/** Ends the pause of the job's pad search, if it is waiting in this worker. */
export const wakeSearch = (key: string) => searchWakers.get(key)?.();

/** Answers the pad to keep, journaled with the step's end; shown at once. */
function keep(
  work: PadWork,
  pad: PadSummary,
  type: string | null | undefined,
  fallback: OwnerFallback = null,
): StepResult {
  const { ctx, job } = work;
  const warning: Job['warning'] =
    PAD_TYPES[job.padType].takeHome && type && type !== job.padType ? 'not_take_home' : fallback;
  const result: StepResult = {
    change: (current) => ({
      ...current,
      pad,
      warning,
      padSearch: null,
      interviewerMailto: interviewerMailtoFor(current, pad),
    }),
    record: (current) => recordFor(current, pad, ctx.now()),
  };
  // Shown at once, while it is journaled with the step's end: the pad exists whatever happens
  // next (a run stopped now finds it again by its marker), so the link need not wait.
  ctx.deps.notify({ ...result.change(job), updatedAt: ctx.now() });
  return result;
}

/**
 * The pad list searched for the pad a request may have made: found, it is kept; the recruiter
 * may meanwhile choose to create one anyway (the search stops and a request leaves).
 */
async function search(work: PadWork): Promise<StepResult> {
  const { ctx, key } = work;
  const searched = (await journal.getJob(key)) ?? work.job;
  const found = await searchLostPad(work.coderpad, searched, ctx.timing, {
    now: ctx.now,
    sleep: (ms) => wakeable(key, ms, ctx.sleep),
    searching: async (rounds, until) => {
      const current = await updateJob(ctx, key, (current) => ({
        ...current,
        padSearch: {
          ...current.padSearch,
          since: current.padSearch?.since ?? current.padPostedAt ?? ctx.now(),
          rounds,
          until,
        },
      }));
      return current.padSearch?.createAnyway === true;
    },
  });
  if (found === CREATE_ANYWAY) return post(work);
  if (!found) throw new ApiError({ kind: 'unconfirmed', service: 'coderpad' });
  return keep(work, padSummary(found), found.type);
}

/** Asks CoderPad for the pad; an answer that may hide a made pad turns into a search for it. */
async function post(work: PadWork): Promise<StepResult> {
  const { ctx, key } = work;
  const markPosted = async () => {
    await updateJob(ctx, key, (current) => ({ ...current, padPostedAt: ctx.now(), padSearch: null }));
  };
  try {
    const { pad, fallback } = await requestPad(work.coderpad, work.job, markPosted, ctx.now());
    return keep(work, padSummary(pad), pad.type, fallback);
  } catch (error) {
    // Only a refusal, or a failure before the request left, proves that no pad was made.
    if (isRefusal(error) || (error as { padNotSent?: boolean }).padNotSent) {
      await updateJob(ctx, key, (current) => ({ ...current, padPostedAt: null }));
      throw error;
    }
    // Anything else (a timeout, a lost connection, a 5xx) may have made one: it is looked for
    // at once, and the recruiter may create one anyway without waiting for the search.
    return search(work);
  }
}

/** The pad step of one run: `posts` when this run asks for a pad, else it looks for one. */
export function padStep(ctx: JobContext, key: string, job: Job, coderpad: CoderPadClient, posts: boolean) {
  const work: PadWork = { ctx, key, job, coderpad };
  return posts ? post(work) : search(work);
}
