import type { RetryChoice, WorkflowDeps } from './workflow';
import { Mutex } from 'async-mutex';
import type { CoderPadClient } from '../services/coderpad/client';
import { type Configuration, padTitle } from '../configurations/schema';
import { configurationsList } from '../configurations/store';
import { ApiError, isRefusal, toErrorInfo } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import type { Opportunity } from '../services/lever/schemas';
import { type PadRecord, recordFor } from '../pads/records';
import type { Job, PadSummary, StepName } from './job';
import { forgetCandidate, readCandidate } from './candidate';
import { runStepTable } from './engine';
import * as journal from './journal';
import { type StepContext, PAD_JOB_STEPS } from './steps';
import { PAD_SEARCH, padSummary, requestPad, searchLostPad } from './exactly-once';
import { stageExists } from '../services/lever/stages';

/*
 * Running a job: the engine over the step table, with what a run needs around it (today's
 * configuration before any pad exists, the candidate re-read afterwards, the journal told how it
 * ended). One run per job at a time, in this worker.
 */

/** A job `start` has just written, with the candidate it read and checked for it. */
export interface JustStarted {
  job: Job;
  opportunity: Opportunity;
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
   * an earlier run's request may have made one, adopt the pad that answer left behind. Exactly once.
   */
  async function padStep(key: string, job: Job, coderpad: CoderPadClient, posts: boolean) {
    const keep = (pad: PadSummary, warning: Job['warning']) =>
      update(
        key,
        (current) => ({ ...current, pad, warning, padSearch: null }),
        (current) => recordFor(current, pad, now()),
      );
    const warningFor = (type: string | null | undefined): Job['warning'] =>
      job.padType === 'take_home' && type && type !== 'take_home' ? 'not_take_home' : null;

    if (!posts) {
      const found = await searchLostPad(coderpad, job, timing, {
        now,
        sleep,
        searching: async (rounds) => {
          await update(key, (current) => ({
            ...current,
            padSearch: { since: current.padSearch?.since ?? current.padPostedAt ?? now(), rounds },
          }));
        },
      });
      if (!found) throw new ApiError({ kind: 'unconfirmed', service: 'coderpad' });
      await keep(padSummary(found), warningFor(found.type));
      return;
    }

    const markPosted = async () => {
      await update(key, (current) => ({ ...current, padPostedAt: now(), padSearch: null }));
    };
    try {
      const pad = await requestPad(coderpad, job, markPosted);
      await keep(padSummary(pad), warningFor(pad.type));
    } catch (error) {
      // Only a refusal proves that no pad was made; anything else leaves the request "posted".
      if (isRefusal(error)) await update(key, (current) => ({ ...current, padPostedAt: null }));
      throw error;
    }
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

  async function runSteps(
    key: string,
    job: Job,
    opportunity: Opportunity,
    clients: { lever: LeverClient; coderpad: CoderPadClient },
    choice?: RetryChoice,
  ) {
    const postsPad = job.padPostedAt === null || choice === 'createAnyway';
    const context: StepContext = {
      ...clients,
      opportunity,
      write: { performAs: job.performAs ?? undefined },
      previous: job,
      postsPad,
      makePad: (current) => padStep(key, current, clients.coderpad, postsPad),
    };
    await runStepTable(PAD_JOB_STEPS, context, {
      get: () => journal.getJob(key),
      update: (change) => update(key, change),
      now,
    });
  }

  /**
   * Runs a job to its end. `started` is what `start` read and checked moments ago for a job it
   * has just written: while the journal still holds that very job, the run does not read and
   * check it all again, so the first requests leave one journal write after the click's.
   */
  async function run(key: string, choice?: RetryChoice, started?: JustStarted): Promise<Job | undefined> {
    return lockFor(runLocks, key).runExclusive(async () => {
      const initial = await journal.getJob(key);
      if (!initial || initial.status === 'done') return initial;
      const fresh = started && started.job.updatedAt === initial.updatedAt && started.job.id === initial.id;
      try {
        if (!fresh) await update(key, (job) => ({ ...job, status: 'running', error: null, failedStep: null }));
        deps.onRunning?.();
        const [lever, coderpad] = await Promise.all([deps.lever(), deps.coderpad()]);
        const job = fresh ? initial : await refreshConfiguration(key, initial);
        const opportunity = fresh ? started.opportunity : await checkedCandidate(lever, job);
        await runSteps(key, job, opportunity, { lever, coderpad }, choice);
        return await update(key, (current) => ({ ...current, status: 'done', error: null, failedStep: null }));
      } catch (error) {
        const failedStep = (error as { step?: StepName }).step ?? null;
        // The journal may be gone (storage cleared while the job ran): then there is nothing to record.
        return update(key, (job) => ({ ...job, status: 'failed', error: toErrorInfo(error), failedStep })).catch(
          () => undefined,
        );
      } finally {
        await forgetCandidate(initial.environment, initial.opportunityId);
      }
    });
  }

  /** Runs a job without making its caller wait; the journal and the tabs hear how it ends. */
  function runInBackground(key: string, choice?: RetryChoice, started?: JustStarted): void {
    run(key, choice, started).catch((error: unknown) => console.warn('PadBridge: job', key, 'stopped:', error));
  }

  return { update, run, runInBackground };
}
