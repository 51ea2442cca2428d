import { Mutex } from 'async-mutex';
import type { CoderPadClient } from '../coderpad/client';
import type { Pad } from '../coderpad/schemas';
import { padTitle, type Configuration } from '../configurations';
import { LEVER_ENVIRONMENTS, type LeverEnvironment } from '../environments';
import { ApiError, toErrorInfo } from '../http/errors';
import { t } from '../i18n';
import type { LeverClient } from '../lever/client';
import { noteMentions, opportunitySchema, stageIdOf, type Opportunity } from '../lever/schemas';
import type { ExistingPad, StartResult } from '../protocol';
import { padIdFromUrl } from '../pads';
import { type Job, type PadRecord, type PadSummary, type StepName, STEP_NAMES, pairKey } from '../records';
import * as store from '../storage';

export interface WorkflowDeps {
  lever(): Promise<LeverClient>;
  coderpad(): Promise<CoderPadClient>;
  /** Tells the tabs watching a job that it changed. */
  notify(job: Job): void;
  /** Called when a job starts running, so a killed worker is woken to resume it. */
  onRunning?(): void;
  now?: () => number;
  newId?: () => string;
}

/** How long a candidate read on page open stays good enough for a click. */
export const CANDIDATE_CACHE_MS = 60_000;
const KEEP_FINISHED_JOBS_MS = 14 * 24 * 3600 * 1000;

/** Serialises every read-modify-write of the journal within this worker. */
const journalLock = new Mutex();
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

/** The marker written into a pad's private notes, so a pad whose answer was lost can be found again. */
export const padMarker = (jobId: string) => `padbridge:${jobId}`;

export function candidateUrl(environment: LeverEnvironment, opportunityId: string): string {
  return `${LEVER_ENVIRONMENTS[environment].app}/candidates/${encodeURIComponent(opportunityId)}`;
}

/**
 * Whether CoderPad may have made the pad although we never heard back: the worker died
 * while asking, or the answer was lost on the way.
 */
function outcomeUncertain(state: Job['steps'][StepName] | undefined): boolean {
  if (!state) return false;
  if (state.status === 'running') return true;
  return state.status === 'failed' && ['network', 'timeout', 'server'].includes(state.error?.kind ?? '');
}

function summary(pad: Pad): PadSummary {
  return { id: pad.id, url: pad.url, type: pad.type ?? null, title: pad.title ?? null };
}

export function createWorkflow(deps: WorkflowDeps) {
  const now = deps.now ?? (() => Date.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());

  async function updateJob(key: string, change: (job: Job) => Job): Promise<Job> {
    const updated = await journalLock.runExclusive(async () => {
      const all = await store.jobs.get();
      const current = all[key];
      if (!current) throw new ApiError({ kind: 'not_found', detail: 'job' });
      const next = { ...change(current), updatedAt: now() };
      all[key] = next;
      await store.jobs.set(all);
      return next;
    });
    deps.notify(updated);
    return updated;
  }

  async function putJob(job: Job): Promise<void> {
    await journalLock.runExclusive(async () => {
      const all = await store.jobs.get();
      const cutoff = now() - KEEP_FINISHED_JOBS_MS;
      for (const [key, old] of Object.entries(all)) {
        if (old.status !== 'running' && old.updatedAt < cutoff) delete all[key];
      }
      all[job.pairKey] = job;
      await store.jobs.set(all);
    });
    deps.notify(job);
  }

  async function readCandidate(
    lever: LeverClient,
    environment: LeverEnvironment,
    id: string,
    fresh = false,
  ): Promise<Opportunity> {
    const cacheKey = `${environment}:${id}`;
    if (!fresh) {
      const cached = (await store.candidateCache.get())[cacheKey];
      if (cached && now() - cached.at < CANDIDATE_CACHE_MS) {
        const parsed = opportunitySchema.safeParse(cached.opportunity);
        if (parsed.success) return parsed.data;
      }
    }
    const opportunity = await lever.getOpportunity(id);
    const cache = await store.candidateCache.get();
    for (const [key, value] of Object.entries(cache)) if (now() - value.at > CANDIDATE_CACHE_MS) delete cache[key];
    cache[cacheKey] = { at: now(), opportunity };
    await store.candidateCache.set(cache);
    return opportunity;
  }

  /** Pads this candidate already has, by configuration id. */
  async function existingPads(environment: LeverEnvironment, opportunity: Opportunity, configs: Configuration[]) {
    const records = (await store.padRecords.get()).filter(
      (r) => r.environment === environment && r.opportunityId === opportunity.id,
    );
    const ours = new Set(records.map((r) => r.padId));
    const foreign = opportunity.links
      .map((link) => ({ link, id: padIdFromUrl(link) }))
      .filter((l): l is { link: string; id: string } => l.id !== undefined && !ours.has(l.id));
    const existing: Record<string, ExistingPad> = {};
    for (const config of configs) {
      const record = records.find((r) => r.configurationId === config.id);
      if (record) {
        existing[config.id] = {
          source: 'padbridge',
          pad: { id: record.padId, url: record.url, type: record.padType, title: record.title },
          createdAt: record.createdAt,
        };
      } else if (foreign[0]) {
        existing[config.id] = {
          source: 'lever_link',
          pad: { id: foreign[0].id, url: foreign[0].link, type: null, title: null },
          createdAt: null,
        };
      }
    }
    return existing;
  }

  async function addRecord(job: Job, pad: PadSummary): Promise<void> {
    const record: PadRecord = {
      padId: pad.id,
      url: pad.url,
      padType: job.padType,
      title: pad.title,
      environment: job.environment,
      opportunityId: job.opportunityId,
      candidateName: job.candidateName,
      candidateUrl: job.candidateUrl,
      configurationId: job.configurationId,
      tag: job.tag,
      stageName: job.stageName,
      questionTitle: job.questionTitle,
      createdAt: now(),
      status: 'pending',
      statusCheckedAt: null,
      endedAt: null,
      summary: { state: 'none', noteId: null },
    };
    await journalLock.runExclusive(async () => {
      const records = (await store.padRecords.get()).filter((r) => r.padId !== pad.id);
      await store.padRecords.set([record, ...records].slice(0, store.MAX_PAD_RECORDS));
    });
  }

  async function step(key: string, name: StepName, work: (job: Job) => Promise<'done' | 'skipped'>): Promise<void> {
    const before = (await store.jobs.get())[key];
    if (!before) throw new ApiError({ kind: 'not_found', detail: 'job' });
    if (before.steps[name]?.status === 'done' || before.steps[name]?.status === 'skipped') return;
    const started = await updateJob(key, (job) => ({
      ...job,
      steps: { ...job.steps, [name]: { status: 'running', error: null, at: now() } },
    }));
    try {
      const outcome = await work(started);
      await updateJob(key, (job) => ({
        ...job,
        steps: { ...job.steps, [name]: { status: outcome, error: null, at: now() } },
      }));
    } catch (error) {
      await updateJob(key, (job) => ({
        ...job,
        steps: { ...job.steps, [name]: { status: 'failed', error: toErrorInfo(error), at: now() } },
      }));
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { step: name });
    }
  }

  async function createOrAdoptPad(job: Job, coderpad: CoderPadClient, interrupted: boolean): Promise<Pad> {
    // A pad step the journal found "running" means a worker died while CoderPad was asked:
    // look for that pad before making one.
    if (interrupted) {
      const recent = await coderpad.listRecentPads();
      const adopted = recent.find((pad) => pad.notes?.includes(padMarker(job.id)));
      if (adopted) return adopted;
    }
    const notes = t('padNotes', { candidate: job.candidateName, tag: job.tag, ref: padMarker(job.id) });
    const params = {
      title: job.title,
      questionId: job.questionId ?? undefined,
      language: job.questionId === null ? (job.language ?? undefined) : undefined,
      notes,
      ownerEmail: job.ownerEmail ?? undefined,
    };
    try {
      return await coderpad.createPad(params);
    } catch (error) {
      // Only organisation owners may set a pad's owner; CoderPad refused before making anything.
      if (
        params.ownerEmail &&
        error instanceof ApiError &&
        (error.kind === 'permission' || error.kind === 'bad_request')
      ) {
        return coderpad.createPad({ ...params, ownerEmail: undefined });
      }
      throw error;
    }
  }

  function noteText(job: Job, pad: PadSummary): string {
    const type = job.padType === 'take_home' ? t('padTypeTakeHome') : t('padTypeLive');
    return t('leverNoteCreated', {
      type,
      question: job.questionTitle ?? t('noQuestion'),
      stage: job.stageName,
      url: pad.url,
    });
  }

  async function run(key: string): Promise<Job | undefined> {
    return lockFor(runLocks, key).runExclusive(async () => {
      const initial = (await store.jobs.get())[key];
      if (!initial || initial.status === 'done') return initial;
      await updateJob(key, (job) => ({ ...job, status: 'running', error: null, failedStep: null }));
      deps.onRunning?.();
      try {
        const lever = await deps.lever();
        const coderpad = await deps.coderpad();
        const opportunity = await readCandidate(lever, initial.environment, initial.opportunityId);
        if (opportunity.archived) throw new ApiError({ kind: 'archived', service: 'lever' });
        const write = { performAs: initial.performAs ?? undefined };

        const tagStep = step(key, 'tag', async (job) => {
          if (opportunity.tags.includes(job.tag)) return 'skipped';
          await lever.addTags(job.opportunityId, [job.tag], write);
          return 'done';
        });
        const stageStep = step(key, 'stage', async (job) => {
          if (stageIdOf(opportunity) === job.stageId) return 'skipped';
          await lever.changeStage(job.opportunityId, job.stageId, write);
          return 'done';
        });
        const padChain = (async () => {
          await step(key, 'pad', async (job) => {
            const pad = await createOrAdoptPad(job, coderpad, outcomeUncertain(initial.steps.pad));
            const padSummary = summary(pad);
            await addRecord(job, padSummary);
            await updateJob(key, (current) => ({
              ...current,
              pad: padSummary,
              warning: current.padType === 'take_home' && pad.type && pad.type !== 'take_home' ? 'not_take_home' : null,
            }));
            return 'done';
          });
          await step(key, 'link', async (job) => {
            const pad = job.pad;
            if (!pad) throw new ApiError({ kind: 'unknown', detail: 'no pad' });
            if (opportunity.links.includes(pad.url)) return 'skipped';
            await lever.addLinks(job.opportunityId, [pad.url], write);
            return 'done';
          });
          await step(key, 'note', async (job) => {
            const pad = job.pad;
            if (!pad) throw new ApiError({ kind: 'unknown', detail: 'no pad' });
            // As for the pad: when Lever may have written the note without our hearing, look first.
            if (outcomeUncertain(initial.steps.note)) {
              const notes = await lever.listNotes(job.opportunityId);
              if (notes.some((note) => noteMentions(note, pad.url))) return 'done';
            }
            await lever.addNote(job.opportunityId, noteText(job, pad), write);
            return 'done';
          });
        })();
        const outcomes = await Promise.allSettled([padChain, tagStep, stageStep]);
        const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        if (failure) throw failure.reason;
        return await updateJob(key, (job) => ({ ...job, status: 'done', error: null, failedStep: null }));
      } catch (error) {
        const failedStep = (error as { step?: StepName }).step ?? null;
        // The journal may be gone (storage cleared while the job ran): then there is nothing to record.
        return updateJob(key, (job) => ({ ...job, status: 'failed', error: toErrorInfo(error), failedStep })).catch(
          () => undefined,
        );
      } finally {
        // The candidate changed (or may have): the next read must come from Lever.
        const cache = await store.candidateCache.get();
        delete cache[`${initial.environment}:${initial.opportunityId}`];
        await store.candidateCache.set(cache);
      }
    });
  }

  /** Runs a job without making its caller wait; the journal and the tabs hear how it ends. */
  function runInBackground(key: string): void {
    run(key).catch((error: unknown) => console.warn('PadBridge: job', key, 'stopped:', error));
  }

  return {
    readCandidate,
    existingPads,

    async start(input: {
      environment: LeverEnvironment;
      opportunityId: string;
      configuration: Configuration;
      force: boolean;
      tabId?: number;
    }): Promise<StartResult> {
      const key = pairKey(input.environment, input.opportunityId, input.configuration.id);
      const started = await lockFor(startLocks, key).runExclusive(
        async (): Promise<StartResult & { runNow: boolean }> => {
          const current = (await store.jobs.get())[key];
          const watch = (job: Job) =>
            input.tabId === undefined || job.tabIds.includes(input.tabId)
              ? Promise.resolve(job)
              : updateJob(key, (j) => ({ ...j, tabIds: [...j.tabIds, input.tabId as number].slice(-10) }));
          if (current?.status === 'running') return { kind: 'job', job: await watch(current), runNow: false };
          if (current?.status === 'failed' && !input.force)
            return { kind: 'job', job: await watch(current), runNow: true };

          const lever = await deps.lever();
          const opportunity = await readCandidate(lever, input.environment, input.opportunityId);
          if (!input.force) {
            const existing = (await existingPads(input.environment, opportunity, [input.configuration]))[
              input.configuration.id
            ];
            if (existing) return { kind: 'existing', existing, runNow: false };
          }
          if (opportunity.archived) throw new ApiError({ kind: 'archived', service: 'lever' });

          const actAs = await store.actAs.get();
          const config = input.configuration;
          const job: Job = {
            id: newId(),
            pairKey: key,
            environment: input.environment,
            opportunityId: opportunity.id,
            candidateName: opportunity.name,
            candidateEmail: opportunity.emails[0] ?? null,
            candidateUrl: opportunity.urls?.show ?? candidateUrl(input.environment, opportunity.id),
            configurationId: config.id,
            tag: config.tag,
            stageId: config.stageId,
            stageName: config.stageName,
            padType: config.padType,
            questionId: config.questionId,
            questionTitle: config.questionTitle,
            language: config.language,
            title: padTitle(config.titleTemplate, {
              candidate: opportunity.name,
              stage: config.stageName,
              tag: config.tag,
            }),
            performAs: actAs?.userId ?? null,
            ownerEmail: actAs?.email ?? null,
            status: 'running',
            steps: Object.fromEntries(
              STEP_NAMES.map((n) => [n, { status: 'pending', error: null, at: null }]),
            ) as Job['steps'],
            pad: null,
            warning: null,
            error: null,
            failedStep: null,
            tabIds: input.tabId === undefined ? [] : [input.tabId],
            createdAt: now(),
            updatedAt: now(),
          };
          await putJob(job);
          return { kind: 'job', job, runNow: true };
        },
      );
      if (started.runNow && started.kind === 'job') runInBackground(key);
      const { runNow: _, ...result } = started;
      return result;
    },

    /** Continues a job from what its journal says is done. */
    async retry(jobId: string, tabId?: number): Promise<Job> {
      const job = Object.values(await store.jobs.get()).find((j) => j.id === jobId);
      if (!job) throw new ApiError({ kind: 'not_found', detail: 'job' });
      if (tabId !== undefined && !job.tabIds.includes(tabId)) {
        await updateJob(job.pairKey, (j) => ({ ...j, tabIds: [...j.tabIds, tabId].slice(-10) }));
      }
      runInBackground(job.pairKey);
      return job;
    },

    async get(jobId: string): Promise<Job | null> {
      return Object.values(await store.jobs.get()).find((j) => j.id === jobId) ?? null;
    },

    /** Waits until no run of this job is under way, and returns it as journaled. */
    settle(key: string): Promise<Job | undefined> {
      return lockFor(runLocks, key).runExclusive(async () => (await store.jobs.get())[key]);
    },

    /** Resumes every job the journal says is still running (after a worker restart). */
    async resumeAll(): Promise<number> {
      const running = Object.values(await store.jobs.get()).filter((j) => j.status === 'running');
      await Promise.all(running.map((job) => run(job.pairKey)));
      return running.length;
    },

    async hasRunning(): Promise<boolean> {
      return Object.values(await store.jobs.get()).some((j) => j.status === 'running');
    },
  };
}

export type Workflow = ReturnType<typeof createWorkflow>;
