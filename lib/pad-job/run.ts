import type { CoderPadClient } from '../services/coderpad/client';
import { COPIED_FIELDS, type Configuration, type ConfigurationCopy, padTitle } from '../configurations/configuration';
import { configurationsList } from '../configurations/stored';
import { ApiError, toErrorInfo } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import type { Opportunity } from '../services/lever/schemas';
import { stageExists } from '../services/lever/stages';
import { forgetCatalogue } from '../services/catalogues';
import { pruneRecords } from '../pads/record-table';
import { type JobContext, lockFor, runLocks, updateJob } from './context';
import type { RetryChoice } from './deps';
import type { Job, StepName } from './job';
import { forgetCandidate, readCandidate } from './candidate';
import { runStepTable, startSteps } from './engine';
import * as journal from './journal';
import { padStep } from './pad-step';
import { type StepContext, PAD_JOB_STEPS } from './steps';

/*
 * Running a job: the engine over the step table, with what a run needs around it (today's
 * configuration before any pad exists, the candidate re-read afterwards, the journal told how it
 * ended). One run per job at a time, in this worker.
 */

/** The clients a run talks through. */
export interface RunClients {
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

/** The job's copy of what its configuration says, taken when it starts (and again on retry before any pad). */
export function fromConfiguration(config: Configuration, candidateName: string) {
  const copy = Object.fromEntries(
    Object.keys(COPIED_FIELDS).map((field) => [field, config[field as keyof ConfigurationCopy]]),
  ) as ConfigurationCopy;
  return {
    configurationId: config.id,
    ...copy,
    title: padTitle(config.titleTemplate, { candidate: candidateName, stage: config.stageName, tag: config.tag }),
  };
}

/** Before any pad exists, a retry uses the configuration as it is today. */
async function refreshConfiguration(ctx: JobContext, key: string, job: Job): Promise<Job> {
  if (job.pad || job.padPostedAt !== null) return job;
  const config = (await configurationsList()).find((c) => c.id === job.configurationId);
  if (!config) throw new ApiError({ kind: 'configuration_missing' });
  return updateJob(ctx, key, (current) => ({ ...current, ...fromConfiguration(config, current.candidateName) }));
}

/**
 * The candidate as Lever has it, checked: not archived, the stage still there (unless moved
 * already). `fresh`: read from Lever even when a reading is cached.
 */
async function checkedCandidate(ctx: JobContext, lever: LeverClient, job: Job, fresh: boolean): Promise<Opportunity> {
  const opportunity = await readCandidate(lever, job.environment, job.opportunityId, ctx.now(), { fresh });
  if (opportunity.archived) throw new ApiError({ kind: 'archived', service: 'lever' });
  const stageDone = ['done', 'skipped'].includes(job.steps.stage?.status ?? '');
  // A stage that is gone stops the job before anything is written.
  if (!stageDone && !(await stageExists(lever, job.environment, job.stageId, ctx.now()))) {
    throw new ApiError({ kind: 'stage_missing', service: 'lever', detail: job.stageName });
  }
  return opportunity;
}

/** What the steps of one run share. `postsPad`: this run asks CoderPad for a pad. */
function contextFor(
  ctx: JobContext,
  job: Job,
  opportunity: Opportunity,
  clients: RunClients,
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
    makePad: (current) => padStep(ctx, job.pairKey, current, clients.coderpad, postsPad),
    stageStillThere: async (stageId) => {
      await forgetCatalogue('stages', job.environment);
      return stageExists(clients.lever, job.environment, stageId, ctx.now());
    },
  };
}

/** Marks a new job's first steps (the pad request among them) before it is first written. */
export function begin(
  ctx: JobContext,
  job: Job,
  opportunity: Opportunity,
  clients: RunClients,
  release: () => void,
): Begun {
  const context = contextFor(ctx, job, opportunity, clients, true);
  const { job: marked, starting } = startSteps(PAD_JOB_STEPS, context, job, ctx.now());
  return { key: job.pairKey, job: marked, starting, context, release };
}

/** A resumed or retried run's step context: the clients, today's configuration, the candidate checked. */
async function resumedContext(ctx: JobContext, key: string, initial: Job, choice?: RetryChoice): Promise<StepContext> {
  await updateJob(ctx, key, (job) => ({ ...job, status: 'running', error: null, failedStep: null }));
  const [lever, coderpad] = await Promise.all([ctx.deps.lever(), ctx.deps.coderpad()]);
  const job = await refreshConfiguration(ctx, key, initial);
  if (job.trigger === 'auto') await ctx.deps.checkAutoClaim?.(lever, job);
  // A job still running in the journal was stopped with its worker, maybe after Lever acted, and
  // the cached reading was not forgotten: the steps Lever has must be seen as done.
  const opportunity = await checkedCandidate(ctx, lever, job, initial.status === 'running');
  const postsPad = job.padPostedAt === null || choice === 'createAnyway' || job.padSearch?.createAnyway === true;
  return contextFor(ctx, job, opportunity, { lever, coderpad }, postsPad);
}

/** The body of a run, under the job's run lock. */
async function runLocked(ctx: JobContext, key: string, choice?: RetryChoice, begun?: Begun): Promise<Job | undefined> {
  const initial = begun?.job ?? (await journal.getJob(key));
  if (!initial || initial.status === 'done') return initial;
  const update = (change: (job: Job) => Job, record?: Parameters<typeof updateJob>[3]) =>
    updateJob(ctx, key, change, record);
  try {
    ctx.deps.onRunning?.();
    const context = begun?.context ?? (await resumedContext(ctx, key, initial, choice));
    await runStepTable(PAD_JOB_STEPS, context, { update, now: ctx.now }, begun);
    return await update((current) => ({ ...current, status: 'done', error: null, failedStep: null }));
  } catch (error) {
    const failedStep = (error as { step?: StepName }).step ?? null;
    // The journal may be gone (storage cleared while the job ran): then there is nothing to record.
    return update((job) => ({ ...job, status: 'failed', error: toErrorInfo(error), failedStep })).catch(
      () => undefined,
    );
  } finally {
    // Housekeeping after the run, where nobody waits for it.
    await Promise.all([
      forgetCandidate(initial.environment, initial.opportunityId),
      pruneRecords(ctx.now()).catch(() => {}),
      journal.pruneJobs(ctx.now()).catch(() => {}),
    ]);
  }
}

/** Runs a job to its end, one run per job at a time. */
export function run(ctx: JobContext, key: string, choice?: RetryChoice): Promise<Job | undefined> {
  return lockFor(runLocks, key).runExclusive(() => runLocked(ctx, key, choice));
}

const warn = (key: string) => (error: unknown) => console.warn('PadBridge: job', key, 'stopped:', error);

/** Runs a job without making its caller wait; the journal and the tabs hear how it ends. */
export function runInBackground(ctx: JobContext, key: string, choice?: RetryChoice): void {
  run(ctx, key, choice).catch(warn(key));
}

/** Runs a new job `begin` prepared, once it is written, under the lock its caller took. */
export function runBegun(ctx: JobContext, begun: Begun): void {
  runLocked(ctx, begun.key, undefined, begun).finally(begun.release).catch(warn(begun.key));
}
