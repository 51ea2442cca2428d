import type { RetryChoice, WorkflowDeps } from './deps';
import { Mutex } from 'async-mutex';
import type { CoderPadClient } from '../services/coderpad/client';
import { type Configuration, padTitle } from '../configurations/schema';
import { configurationsList } from '../configurations/store';
import { ApiError, isRefusal, toErrorInfo } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import type { Opportunity } from '../services/lever/schemas';
import type { PadRecord } from '../pads/records';
import { recordFor } from './record';
import { PAD_TYPES } from '../services/coderpad/pad-type';
import { pruneRecords } from '../pads/store';
import type { Job, PadSummary, StepName } from './job';
import { forgetCandidate, readCandidate } from './candidate';
import { runStepTable, type StepResult, startSteps } from './engine';
import * as journal from './journal';
import { type StepContext, PAD_JOB_STEPS } from './steps';
import { CREATE_ANYWAY, type OwnerFallback, PAD_SEARCH, padSummary, requestPad, searchLostPad } from './exactly-once';
import { stageExists } from '../services/lever/stages';

/*
 * Running a job: the engine over the step table, with what a run needs around it (today's
 * configuration before any pad exists, the candidate re-read afterwards, the journal told how it
 * ended). One run per job at a time, in this worker.
 */

/** The clients a run talks through. */
export interface Clients {
  lever: LeverClient;
  coderpad: CoderPadClient;
}

/**
 * A new job whose first steps are marked, ready to be written once and run at once: what `start`
 * read and checked for it (the candidate, the clients) is not read again, and the run lock is
 * already held (nothing can run the job between its first write and its first requests).
 */
export interface Begun {
  key: string;
  job: Job;
  starting: StepName[];
  context: StepContext;
  release: () => void;
}

export const runLocks = new Map<string, Mutex>();
export const lockFor = (locks: Map<string, Mutex>, key: string) => {
  let lock = locks.get(key);
  if (!lock) {
    lock = new Mutex();
    locks.set(key, lock);
  }
  return lock;
};

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

/** The job's copy of what its configuration says, taken when it starts (and again on retry before any pad). */
export function fromConfiguration(config: Configuration, candidateName: string) {
  return {
    configurationId: config.id,
    tag: config.tag,
    stageId: config.stageId,
    stageName: config.stageName,
    padType: config.padType,
    questionId: config.questionId,
    questionTitle: config.questionTitle,
    language: config.language,
    title: padTitle(config.titleTemplate, { candidate: candidateName, stage: config.stageName, tag: config.tag }),
  };
}

export function createRunner(deps: WorkflowDeps) {
  const now = deps.now ?? (() => Date.now());
  const timing = deps.padSearch ?? PAD_SEARCH;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function update(key: string, change: (job: Job) => Job, record?: (job: Job) => PadRecord | undefined) {
    const job = await journal.updateJob(key, change, now(), record);
    deps.notify(job);
    return job;
  }

  /**
   * The pad step: ask CoderPad for one (the journal already says the request is leaving), or, when
   * an earlier run's request may have made one, adopt the pad that answer left behind. Exactly
   * once. Answers the pad to keep, journaled with the step's end.
   */
  async function padStep(key: string, job: Job, coderpad: CoderPadClient, posts: boolean): Promise<StepResult> {
    const keep = (pad: PadSummary, type: string | null | undefined, fallback: OwnerFallback = null): StepResult => {
      const warning: Job['warning'] =
        PAD_TYPES[job.padType].takeHome && type && type !== job.padType ? 'not_take_home' : fallback;
      const result: StepResult = {
        change: (current) => ({ ...current, pad, warning, padSearch: null }),
        record: (current) => recordFor(current, pad, now()),
      };
      // Shown at once, while it is journaled with the step's end: the pad exists whatever happens
      // next (a run stopped now finds it again by its marker), so the link need not wait.
      deps.notify({ ...result.change(job), updatedAt: now() });
      return result;
    };

    /**
     * The pad list searched for the pad a request may have made: found, it is kept; the recruiter
     * may meanwhile choose to create one anyway (the search stops and a request leaves).
     */
    const search = async (): Promise<StepResult> => {
      const searched = (await journal.getJob(key)) ?? job;
      const found = await searchLostPad(coderpad, searched, timing, {
        now,
        sleep: (ms) => wakeable(key, ms, sleep),
        searching: async (rounds, until) => {
          const current = await update(key, (current) => ({
            ...current,
            padSearch: {
              ...current.padSearch,
              since: current.padSearch?.since ?? current.padPostedAt ?? now(),
              rounds,
              until,
            },
          }));
          return current.padSearch?.createAnyway === true;
        },
      });
      if (found === CREATE_ANYWAY) return post();
      if (!found) throw new ApiError({ kind: 'unconfirmed', service: 'coderpad' });
      return keep(padSummary(found), found.type);
    };

    const markPosted = async () => {
      await update(key, (current) => ({ ...current, padPostedAt: now(), padSearch: null }));
    };
    const post = async (): Promise<StepResult> => {
      try {
        const { pad, fallback } = await requestPad(coderpad, job, markPosted, now());
        return keep(padSummary(pad), pad.type, fallback);
      } catch (error) {
        // Only a refusal, or a failure before the request left, proves that no pad was made.
        if (isRefusal(error) || (error as { padNotSent?: boolean }).padNotSent) {
          await update(key, (current) => ({ ...current, padPostedAt: null }));
          throw error;
        }
        // Anything else (a timeout, a lost connection, a 5xx) may have made one: it is looked for
        // at once, and the recruiter may create one anyway without waiting for the search.
        return search();
      }
    };
    return posts ? post() : search();
  }

  /** Before any pad exists, a retry uses the configuration as it is today. */
  async function refreshConfiguration(key: string, job: Job): Promise<Job> {
    if (job.pad || job.padPostedAt !== null) return job;
    const config = (await configurationsList()).find((c) => c.id === job.configurationId);
    if (!config) throw new ApiError({ kind: 'configuration_missing' });
    return update(key, (current) => ({ ...current, ...fromConfiguration(config, current.candidateName) }));
  }

  /** The candidate as Lever has it, checked: not archived, the stage still there (unless moved already). */
  async function checkedCandidate(lever: LeverClient, job: Job): Promise<Opportunity> {
    const opportunity = await readCandidate(lever, job.environment, job.opportunityId, now());
    if (opportunity.archived) throw new ApiError({ kind: 'archived', service: 'lever' });
    const stageDone = ['done', 'skipped'].includes(job.steps.stage?.status ?? '');
    // A stage that is gone stops the job before anything is written.
    if (!stageDone && !(await stageExists(lever, job.environment, job.stageId, now()))) {
      throw new ApiError({ kind: 'stage_missing', service: 'lever', detail: job.stageName });
    }
    return opportunity;
  }

  /** What the steps of one run share. `postsPad`: this run asks CoderPad for a pad. */
  function contextFor(
    key: string,
    job: Job,
    opportunity: Opportunity,
    clients: Clients,
    postsPad: boolean,
  ): StepContext {
    return {
      ...clients,
      opportunity,
      // Auto mode's writes wait behind what a recruiter is waiting for, in the key's background lane.
      write: { performAs: job.performAs ?? undefined, background: job.trigger === 'auto' },
      previous: job,
      auto: job.trigger === 'auto',
      postsPad,
      makePad: (current) => padStep(key, current, clients.coderpad, postsPad),
    };
  }

  /** Marks a new job's first steps (the pad request among them) before it is first written. */
  function begin(job: Job, opportunity: Opportunity, clients: Clients, release: () => void): Begun {
    const context = contextFor(job.pairKey, job, opportunity, clients, true);
    const { job: marked, starting } = startSteps(PAD_JOB_STEPS, context, job, now());
    return { key: job.pairKey, job: marked, starting, context, release };
  }

  /** The body of a run, under the job's run lock. */
  async function runLocked(key: string, choice?: RetryChoice, begun?: Begun): Promise<Job | undefined> {
    const initial = begun?.job ?? (await journal.getJob(key));
    if (!initial || initial.status === 'done') return initial;
    try {
      deps.onRunning?.();
      let context = begun?.context;
      if (!context) {
        await update(key, (job) => ({ ...job, status: 'running', error: null, failedStep: null }));
        const [lever, coderpad] = await Promise.all([deps.lever(), deps.coderpad()]);
        const job = await refreshConfiguration(key, initial);
        if (job.trigger === 'auto') await deps.checkAutoClaim?.(lever, job);
        const opportunity = await checkedCandidate(lever, job);
        const postsPad = job.padPostedAt === null || choice === 'createAnyway' || job.padSearch?.createAnyway === true;
        context = contextFor(key, job, opportunity, { lever, coderpad }, postsPad);
      }
      await runStepTable(
        PAD_JOB_STEPS,
        context,
        { update: (change, record) => update(key, change, record), now },
        begun,
      );
      return await update(key, (current) => ({ ...current, status: 'done', error: null, failedStep: null }));
    } catch (error) {
      const failedStep = (error as { step?: StepName }).step ?? null;
      // The journal may be gone (storage cleared while the job ran): then there is nothing to record.
      return update(key, (job) => ({ ...job, status: 'failed', error: toErrorInfo(error), failedStep })).catch(
        () => undefined,
      );
    } finally {
      // Housekeeping after the run, where nobody waits for it.
      await Promise.all([
        forgetCandidate(initial.environment, initial.opportunityId),
        pruneRecords(now()).catch(() => {}),
        journal.pruneJobs(now()).catch(() => {}),
      ]);
    }
  }

  /** Runs a job to its end, one run per job at a time. */
  function run(key: string, choice?: RetryChoice): Promise<Job | undefined> {
    return lockFor(runLocks, key).runExclusive(() => runLocked(key, choice));
  }

  const warn = (key: string) => (error: unknown) => console.warn('PadBridge: job', key, 'stopped:', error);

  /** Runs a job without making its caller wait; the journal and the tabs hear how it ends. */
  function runInBackground(key: string, choice?: RetryChoice): void {
    run(key, choice).catch(warn(key));
  }

  /** Runs a new job `begin` prepared, once it is written, under the lock its caller took. */
  function runBegun(begun: Begun): void {
    runLocked(begun.key, undefined, begun).finally(begun.release).catch(warn(begun.key));
  }

  return { update, run, runInBackground, begin, runBegun };
}
