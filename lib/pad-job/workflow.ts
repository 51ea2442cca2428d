import type { Mutex } from 'async-mutex';
import type { Configuration } from '../configurations/schema';
import { ApiError } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import { type Opportunity, stageIdOf } from '../services/lever/schemas';
import { type Job, jobKey, type StartResult, STEP_NAMES } from './job';
import * as store from '../storage/items';
import type { ActAs } from '../storage/items';
import { existingPads, readCandidate } from './candidate';
import { candidateUrl, type LeverEnvironment } from '../services/environments';
import * as journal from './journal';
import { noteLanguageInForce } from '../configurations/note-language';
import { DEFAULT_NOTE_LANGUAGE, type NoteLanguage } from '../text/note-language';
import type { RetryChoice, WorkflowDeps } from './deps';
import { type Begun, createRunner, fromConfiguration, lockFor, runLocks, wakeSearch } from './runner';
import { padsLeft } from '../services/coderpad/quota';
import { stageExists } from '../services/lever/stages';

export { candidateUrl } from '../services/environments';
export { padMarker } from './notes';

const startLocks = new Map<string, Mutex>();

export function createWorkflow(deps: WorkflowDeps) {
  const now = deps.now ?? (() => Date.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());

  const { update, run, runInBackground, begin, runBegun } = createRunner(deps);

  const watchedBy = (job: Job, tabId: number | undefined) =>
    tabId === undefined || job.tabIds.includes(tabId)
      ? Promise.resolve(job)
      : update(job.pairKey, (j) => ({ ...j, tabIds: [...j.tabIds, tabId].slice(-10) }));

  function newJob(
    environment: LeverEnvironment,
    opportunity: Opportunity,
    config: Configuration,
    actAs: ActAs | null | undefined,
    tabId?: number,
    takesOver: Job['takesOver'] = null,
    noteLanguage: NoteLanguage = DEFAULT_NOTE_LANGUAGE,
  ): Job {
    return {
      id: newId(),
      pairKey: jobKey(environment, opportunity.id, config.id),
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
      trigger: 'button',
      claimId: null,
      takesOver,
      noteLanguage,
      createdAt: now(),
      updatedAt: now(),
    };
  }

  return {
    readCandidate: (lever: LeverClient, environment: LeverEnvironment, id: string, options: { fresh?: boolean } = {}) =>
      readCandidate(lever, environment, id, now(), options),
    existingPads,

    async start(request: {
      environment: LeverEnvironment;
      /** The id in the page's address: an opportunity id, or a legacy id Lever resolves to one. */
      pageId: string;
      /** Found while the rest is read (the click waits for the slowest read, not their sum). */
      configuration: Configuration | Promise<Configuration>;
      /** A check made beside the reads (the page's environment is the connected one): its failure refuses the click. */
      checked?: Promise<unknown>;
      force: boolean;
      tabId?: number;
    }): Promise<StartResult> {
      // Read side by side; CoderPad's key only matters to a new job (by then it is there).
      const leverClient = deps.lever();
      const coderpad = deps.coderpad();
      for (const read of [leverClient, coderpad]) read.catch(() => {});
      const configuration = Promise.resolve(request.configuration);
      // Started with the rest: whether the stage still exists, and CoderPad's pads left (a quota
      // that cannot be read does not stop the click: CoderPad itself refuses if it must).
      const stageThere = stageExists(
        leverClient,
        request.environment,
        configuration.then((c) => c.stageId),
        now(),
      );
      const quotaLeft = padsLeft(coderpad, now()).catch(() => true);
      stageThere.catch(() => {});
      // Lever is asked (when the page's read has expired) only once the check passed.
      const checkedClient = request.checked ? request.checked.then(() => leverClient) : leverClient;
      const [opportunity, actAs, notes, found] = await Promise.all([
        readCandidate(checkedClient, request.environment, request.pageId, now()),
        store.actAs.get(),
        noteLanguageInForce(),
        configuration,
        request.checked,
      ]);
      const input = { ...request, configuration: found };

      // Jobs key on Lever's own opportunity id: two addresses for one candidate are one job.
      const key = jobKey(input.environment, opportunity.id, input.configuration.id);
      const started = await lockFor(startLocks, key).runExclusive(
        async (): Promise<StartResult & { runNow?: boolean; begun?: Begun }> => {
          // Read side by side: the click waits for the slowest, not for their sum.
          // A candidate who already carries the tag in the stage is what auto mode reacts to: a live
          // claim by another browser's auto mode means that browser is making this pad now.
          const autoTrigger =
            !input.force &&
            opportunity.tags.includes(input.configuration.tag) &&
            stageIdOf(opportunity) === input.configuration.stageId;
          const [current, existing, stageIsThere, padsAreLeft, claimed] = await Promise.all([
            journal.getJob(key),
            input.force
              ? undefined
              : existingPads(input.environment, opportunity, [input.configuration], leverClient).then(
                  (pads) => pads.existing[input.configuration.id],
                ),
            stageThere,
            quotaLeft,
            autoTrigger && deps.autoClaims
              ? leverClient.then((lever) => deps.autoClaims?.(lever, opportunity.id, input.configuration.tag, key))
              : undefined,
          ]);
          if (current?.status === 'running') return { kind: 'job', job: await watchedBy(current, input.tabId) };
          if (current?.status === 'failed' && !input.force)
            return { kind: 'job', job: await watchedBy(current, input.tabId), runNow: true };
          if (existing) return { kind: 'existing', existing };
          if (claimed?.held) throw new ApiError({ kind: 'claimed_elsewhere', service: 'lever' });
          if (opportunity.archived) throw new ApiError({ kind: 'archived', service: 'lever' });
          if (!stageIsThere) {
            throw new ApiError({ kind: 'stage_missing', service: 'lever', detail: input.configuration.stageName });
          }
          // Refused before anything is written to Lever: a tag and a stage move without a pad help nobody.
          if (!padsAreLeft) throw new ApiError({ kind: 'over_quota', service: 'coderpad' });
          const clients = { lever: await leverClient, coderpad: await coderpad };
          const job = newJob(
            input.environment,
            opportunity,
            input.configuration,
            actAs,
            input.tabId,
            claimed?.takesOver,
            notes.language,
          );
          // Held from before the first write until the run: nothing else can run the job in between.
          const release = await lockFor(runLocks, key).acquire();
          try {
            const begun = begin(job, opportunity, clients, release);
            await journal.putJob(begun.job);
            deps.notify(begun.job);
            return { kind: 'job', job: begun.job, begun };
          } catch (error) {
            release();
            throw error;
          }
        },
      );
      if (started.begun) runBegun(started.begun);
      else if (started.runNow && started.kind === 'job') runInBackground(key);
      const { runNow: _, begun: __, ...result } = started;
      return result;
    },

    /**
     * Auto mode's start, once its claim on the candidate won: the same journaled job as a click,
     * marked as auto mode's (the tag and the stage are already there). A job this candidate and
     * configuration already have, whatever its state, is left as it is and answered.
     */
    async startAuto(input: {
      environment: LeverEnvironment;
      opportunity: Opportunity;
      configuration: Configuration;
      claimId: string;
      /** The lapsed claims this one took over (their pad, if one was made, is looked for first). */
      takesOver?: Job['takesOver'];
    }): Promise<{ job: Job; started: boolean }> {
      const key = jobKey(input.environment, input.opportunity.id, input.configuration.id);
      const started = await lockFor(startLocks, key).runExclusive(async () => {
        const current = await journal.getJob(key);
        if (current) return { job: current };
        const [lever, coderpad, actAs, notes] = await Promise.all([
          deps.lever(),
          deps.coderpad(),
          store.actAs.get(),
          noteLanguageInForce(),
        ]);
        const job: Job = {
          ...newJob(
            input.environment,
            input.opportunity,
            input.configuration,
            actAs,
            undefined,
            input.takesOver,
            notes.language,
          ),
          trigger: 'auto',
          claimId: input.claimId,
        };
        const release = await lockFor(runLocks, key).acquire();
        try {
          const begun = begin(job, input.opportunity, { lever, coderpad }, release);
          await journal.putJob(begun.job);
          deps.notify(begun.job);
          return { job: begun.job, begun };
        } catch (error) {
          release();
          throw error;
        }
      });
      if (started.begun) runBegun(started.begun);
      return { job: started.job, started: started.begun !== undefined };
    },

    /** Continues a job from what its journal says is done. */
    async retry(jobId: string, tabId?: number, choice?: RetryChoice): Promise<Job> {
      const job = await journal.getJobById(jobId);
      if (!job) throw new ApiError({ kind: 'not_found', detail: 'job' });
      let current = await watchedBy(job, tabId);
      // Create anyway while the pad list is being searched: the search stops and the pad is asked
      // for by the run under way (a worker restarted meanwhile reads the choice from the journal).
      if (choice === 'createAnyway' && current.status === 'running' && current.padSearch) {
        current = await update(job.pairKey, (j) => ({
          ...j,
          padSearch: j.padSearch && { ...j.padSearch, createAnyway: true },
        }));
        wakeSearch(job.pairKey);
        return current;
      }
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
