import { Mutex } from 'async-mutex';
import type { CoderPadClient } from '../services/coderpad/client';
import { type Configuration, padTitle } from '../configurations/schema';
import { configurationsList } from '../configurations/store';
import { ApiError, isRefusal, toErrorInfo } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import type { Opportunity } from '../services/lever/schemas';
import { type PadRecord, recordFor } from '../pads/records';
import { type Job, type PadSummary, pairKey, type StartResult, type StepName, STEP_NAMES } from './job';
import * as store from '../storage/items';
import { existingPads, forgetCandidate, readCandidate } from './candidate';
import { candidateUrl, type LeverEnvironment } from '../services/environments';
import { runStepTable } from './engine';
import * as journal from './journal';
import { type StepContext, PAD_JOB_STEPS } from './steps';
import { PAD_SEARCH, type PadSearchTiming, padSummary, requestPad, searchLostPad } from './exactly-once';
import { stageExists } from '../services/lever/stages';

export { candidateUrl } from '../services/environments';
export { padMarker } from './notes';

export interface WorkflowDeps {
  lever(): Promise<LeverClient>;
  coderpad(): Promise<CoderPadClient>;
  /** Tells the tabs watching a job that it changed. */
  notify(job: Job): void;
  /** Called when a job starts running, so a killed worker is woken to resume it. */
  onRunning?(): void;
  now?: () => number;
  newId?: () => string;
  padSearch?: PadSearchTiming;
  sleep?: (ms: number) => Promise<void>;
}

/** What the recruiter chose when a pad could not be confirmed. */
export type RetryChoice = 'keepLooking' | 'createAnyway';

const runLocks = new Map<string, Mutex>();
const startLocks = new Map<string, Mutex>();
const lockFor = (locks: Map<string, Mutex>, key: string) => {
  let lock = locks.get(key);
  if (!lock) {
    lock = new Mutex();
    locks.set(key, lock);
  }
  return lock;
};

/** The job's copy of what its configuration says, taken when it starts (and again on retry before any pad). */
function fromConfiguration(config: Configuration, candidateName: string) {
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

export function createWorkflow(deps: WorkflowDeps) {
  const now = deps.now ?? (() => Date.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const timing = deps.padSearch ?? PAD_SEARCH;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function update(key: string, change: (job: Job) => Job, record?: (job: Job) => PadRecord | undefined) {
    const job = await journal.updateJob(key, change, now(), record);
    deps.notify(job);
    return job;
  }

  /** The pad step: adopt the pad a lost answer left behind, or ask CoderPad for one, exactly once. */
  async function padStep(key: string, job: Job, coderpad: CoderPadClient, choice?: RetryChoice) {
    const keep = (pad: PadSummary, warning: Job['warning']) =>
      update(
        key,
        (current) => ({ ...current, pad, warning, padSearch: null }),
        (current) => recordFor(current, pad, now()),
      );
    const warningFor = (type: string | null | undefined): Job['warning'] =>
      job.padType === 'take_home' && type && type !== 'take_home' ? 'not_take_home' : null;

    if (job.padPostedAt !== null && choice !== 'createAnyway') {
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
    await markPosted();
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

  async function runSteps(key: string, job: Job, lever: LeverClient, coderpad: CoderPadClient, choice?: RetryChoice) {
    const opportunity = await readCandidate(lever, job.environment, job.opportunityId, now());
    if (opportunity.archived) throw new ApiError({ kind: 'archived', service: 'lever' });
    const stageDone = ['done', 'skipped'].includes(job.steps.stage?.status ?? '');
    // A stage that is gone stops the job before anything is written.
    if (!stageDone && !(await stageExists(lever, job.environment, job.stageId, now()))) {
      throw new ApiError({ kind: 'stage_missing', service: 'lever', detail: job.stageName });
    }
    const context: StepContext = {
      lever,
      coderpad,
      opportunity,
      write: { performAs: job.performAs ?? undefined },
      previous: job,
      makePad: (current) => padStep(key, current, coderpad, choice),
    };
    await runStepTable(PAD_JOB_STEPS, context, {
      get: () => journal.getJob(key),
      update: (change) => update(key, change),
      now,
    });
  }

  async function run(key: string, choice?: RetryChoice): Promise<Job | undefined> {
    return lockFor(runLocks, key).runExclusive(async () => {
      const initial = await journal.getJob(key);
      if (!initial || initial.status === 'done') return initial;
      try {
        await update(key, (job) => ({ ...job, status: 'running', error: null, failedStep: null }));
        deps.onRunning?.();
        const job = await refreshConfiguration(key, initial);
        await runSteps(key, job, await deps.lever(), await deps.coderpad(), choice);
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
  function runInBackground(key: string, choice?: RetryChoice): void {
    run(key, choice).catch((error: unknown) => console.warn('PadBridge: job', key, 'stopped:', error));
  }

  const watchedBy = (job: Job, tabId: number | undefined) =>
    tabId === undefined || job.tabIds.includes(tabId)
      ? Promise.resolve(job)
      : update(job.pairKey, (j) => ({ ...j, tabIds: [...j.tabIds, tabId].slice(-10) }));

  function newJob(environment: LeverEnvironment, opportunity: Opportunity, config: Configuration, tabId?: number) {
    return async (): Promise<Job> => {
      const actAs = await store.actAs.get();
      return {
        id: newId(),
        pairKey: pairKey(environment, opportunity.id, config.id),
        environment,
        opportunityId: opportunity.id,
        candidateName: opportunity.name,
        candidateEmail: opportunity.emails[0] ?? null,
        candidateUrl: candidateUrl(environment, opportunity.id),
        ...fromConfiguration(config, opportunity.name),
        performAs: actAs?.userId ?? null,
        ownerEmail: actAs?.email ?? null,
        status: 'running',
        padPostedAt: null,
        padSearch: null,
        steps: Object.fromEntries(
          STEP_NAMES.map((n) => [n, { status: 'pending', error: null, at: null }]),
        ) as Job['steps'],
        pad: null,
        warning: null,
        error: null,
        failedStep: null,
        tabIds: tabId === undefined ? [] : [tabId],
        createdAt: now(),
        updatedAt: now(),
      };
    };
  }

  return {
    readCandidate: (lever: LeverClient, environment: LeverEnvironment, id: string, fresh = false) =>
      readCandidate(lever, environment, id, now(), fresh),
    existingPads,

    async start(input: {
      environment: LeverEnvironment;
      /** The id in the page's address: an opportunity id, or a legacy id Lever resolves to one. */
      pageId: string;
      configuration: Configuration;
      force: boolean;
      tabId?: number;
    }): Promise<StartResult> {
      const lever = await deps.lever();
      const opportunity = await readCandidate(lever, input.environment, input.pageId, now());
      // Jobs key on Lever's own opportunity id: two addresses for one candidate are one job.
      const key = pairKey(input.environment, opportunity.id, input.configuration.id);
      const started = await lockFor(startLocks, key).runExclusive(
        async (): Promise<StartResult & { runNow: boolean }> => {
          const current = await journal.getJob(key);
          if (current?.status === 'running')
            return { kind: 'job', job: await watchedBy(current, input.tabId), runNow: false };
          if (current?.status === 'failed' && !input.force)
            return { kind: 'job', job: await watchedBy(current, input.tabId), runNow: true };
          if (!input.force) {
            const existing = (await existingPads(input.environment, opportunity, [input.configuration]))[
              input.configuration.id
            ];
            if (existing) return { kind: 'existing', existing, runNow: false };
          }
          if (opportunity.archived) throw new ApiError({ kind: 'archived', service: 'lever' });
          if (!(await stageExists(lever, input.environment, input.configuration.stageId, now()))) {
            throw new ApiError({ kind: 'stage_missing', service: 'lever', detail: input.configuration.stageName });
          }
          const job = await newJob(input.environment, opportunity, input.configuration, input.tabId)();
          await journal.putJob(job, now());
          deps.notify(job);
          return { kind: 'job', job, runNow: true };
        },
      );
      if (started.runNow && started.kind === 'job') runInBackground(key);
      const { runNow: _, ...result } = started;
      return result;
    },

    /** Continues a job from what its journal says is done. */
    async retry(jobId: string, tabId?: number, choice?: RetryChoice): Promise<Job> {
      const job = await journal.getJobById(jobId);
      if (!job) throw new ApiError({ kind: 'not_found', detail: 'job' });
      let current = await watchedBy(job, tabId);
      if (choice === 'keepLooking' && current.status !== 'running') {
        current = await update(job.pairKey, (j) => ({ ...j, padSearch: { since: now(), rounds: 0 } }));
      }
      runInBackground(job.pairKey, choice);
      return current;
    },

    get: async (jobId: string): Promise<Job | null> => (await journal.getJobById(jobId)) ?? null,

    /** Waits until no run of this job is under way, and returns it as journaled. */
    settle: (key: string): Promise<Job | undefined> => lockFor(runLocks, key).runExclusive(() => journal.getJob(key)),

    /** Resumes every job the journal says is still running (after a worker restart). */
    async resumeAll(): Promise<number> {
      const running = await journal.runningJobs();
      await Promise.all(running.map((job) => run(job.pairKey)));
      return running.length;
    },

    hasRunning: async (): Promise<boolean> => (await journal.runningJobs()).length > 0,
  };
}

export type Workflow = ReturnType<typeof createWorkflow>;
