import type { Configuration } from '../configurations/configuration';
import { noteLanguageInForce } from '../configurations/note-language';
import { padsLeft } from '../services/coderpad/quota';
import { candidateUrl, type LeverEnvironment } from '../services/environments';
import { ApiError } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import { type Opportunity, stageIdOf } from '../services/lever/schemas';
import { stageExists } from '../services/lever/stages';
import * as store from '../storage/items';
import type { ActAs } from '../storage/items';
import { DEFAULT_NOTE_LANGUAGE, type NoteLanguage } from '../text/note-language';
import { existingPads, readCandidate } from './candidate';
import { type JobContext, lockFor, runLocks, startLocks, updateJob } from './context';
import { type Interviewer, type Job, jobKey, type StartResult, STEP_NAMES } from './job';
import { defaultInterviewer } from './interviewer';
import * as journal from './journal';
import { type Begun, begin, type RunClients, fromConfiguration, runBegun, runInBackground } from './run';

/*
 * Starting a job: from a recruiter's click (after the checks that refuse it before anything is
 * written) or from auto mode's won claim. The job is journaled once, its first steps marked, and
 * run at once under the lock taken before that first write.
 */

/** What a click asks for. */
export interface StartRequest {
  environment: LeverEnvironment;
  /** The id in the page's address: an opportunity id, or a legacy id Lever resolves to one. */
  pageId: string;
  /** The configuration's id, known at once: the journal's row is read beside the rest. */
  configurationId: string;
  /** Found while the rest is read (the click waits for the slowest read, not their sum). */
  configuration: Configuration | Promise<Configuration>;
  /**
   * Lever's client, from the connection the page's message already read and checked (the page's
   * environment is the connected one): a refused check refuses the click. Else the connection in force.
   */
  lever?: Promise<LeverClient>;
  force: boolean;
  tabId?: number;
  /** The interviewer the recruiter named (found while the rest is read). */
  interviewer?: Promise<Interviewer | null>;
}

/** What auto mode asks for, once its claim on the candidate won. */
export interface AutoStartRequest {
  environment: LeverEnvironment;
  opportunity: Opportunity;
  configuration: Configuration;
  claimId: string;
  /** The lapsed claims this one took over (their pad, if one was made, is looked for first). */
  takesOver?: Job['takesOver'];
}

/** The job, with this tab added to those that hear about it. */
export const watchedBy = (ctx: JobContext, job: Job, tabId: number | undefined): Promise<Job> =>
  tabId === undefined || job.tabIds.includes(tabId)
    ? Promise.resolve(job)
    : updateJob(ctx, job.pairKey, (j) => ({ ...j, tabIds: [...j.tabIds, tabId].slice(-10) }));

interface NewJob {
  environment: LeverEnvironment;
  opportunity: Opportunity;
  config: Configuration;
  actAs: ActAs | null | undefined;
  tabId?: number;
  takesOver?: Job['takesOver'];
  noteLanguage?: NoteLanguage;
  interviewer?: Interviewer | null;
}

function newJob(ctx: JobContext, input: NewJob): Job {
  const { environment, opportunity, config, actAs, tabId } = input;
  return {
    id: ctx.newId(),
    pairKey: jobKey(environment, opportunity.id, config.id),
    environment,
    opportunityId: opportunity.id,
    candidateName: opportunity.name,
    candidateEmail: opportunity.emails[0] ?? null,
    candidateUrl: candidateUrl(environment, opportunity.id),
    ...fromConfiguration(config, opportunity.name),
    performAs: actAs?.userId ?? null,
    // The interviewer owns the pad when named (CoderPad permitting), else the Act-as user.
    ownerEmail: input.interviewer?.email ?? actAs?.email ?? null,
    interviewer: input.interviewer ?? null,
    interviewerMailto: null,
    status: 'running',
    padPostedAt: null,
    padSearch: null,
    steps: Object.fromEntries(STEP_NAMES.map((n) => [n, { status: 'pending', error: null, at: null }])) as Job['steps'],
    pad: null,
    warning: null,
    error: null,
    failedStep: null,
    tabIds: tabId === undefined ? [] : [tabId],
    trigger: 'button',
    claimId: null,
    takesOver: input.takesOver ?? null,
    noteLanguage: input.noteLanguage ?? DEFAULT_NOTE_LANGUAGE,
    createdAt: ctx.now(),
    updatedAt: ctx.now(),
  };
}

/**
 * Marks a new job's first steps and writes it once, the run lock held from before that write.
 * The tabs watching it are told in the next task, once its pad request is on its way: the one
 * tab of a click has the job in its answer, and the push readies its reading of pushed jobs (the
 * first costs it a few milliseconds) before the update that carries the pad's link.
 */
async function beginWritten(ctx: JobContext, job: Job, opportunity: Opportunity, clients: RunClients): Promise<Begun> {
  const release = await lockFor(runLocks, job.pairKey).acquire();
  try {
    const begun = begin(ctx, job, opportunity, clients, release);
    await journal.putJob(begun.job);
    setTimeout(() => ctx.deps.notify(begun.job), 0);
    return begun;
  } catch (error) {
    release();
    throw error;
  }
}

/** What a click's reads found, side by side before the start lock is taken. */
interface ClickReads {
  input: StartRequest & { configuration: Configuration };
  opportunity: Opportunity;
  actAs: ActAs | null | undefined;
  noteLanguage: NoteLanguage;
  interviewer: Interviewer | null;
  leverClient: Promise<LeverClient>;
  coderpad: ReturnType<JobContext['deps']['coderpad']>;
  stageThere: Promise<boolean>;
  quotaLeft: Promise<boolean>;
  /** The journal's row for the page's id, read with the rest. */
  journalRow: journal.JobReadAhead;
}

type Decided = StartResult & { runNow?: boolean; begun?: Begun };

/** Under the start lock: answers the job under way, the pad that exists, a refusal, or a new job begun. */
async function decide(ctx: JobContext, key: string, reads: ClickReads): Promise<Decided> {
  const { input, opportunity, leverClient } = reads;
  // A candidate who already carries the tag in the stage is what auto mode reacts to: a live
  // claim by another browser's auto mode means that browser is making this pad now.
  const autoTrigger =
    !input.force &&
    opportunity.tags.includes(input.configuration.tag) &&
    stageIdOf(opportunity) === input.configuration.stageId;
  const { journalRow } = reads;
  // Read side by side: the click waits for the slowest, not for their sum.
  const [current, existing, stageIsThere, padsAreLeft, claimed] = await Promise.all([
    // Read ahead for the page's id; a legacy id Lever resolved to another is read now.
    journalRow.pairKey === key ? journalRow.current() : journal.getJob(key),
    input.force
      ? undefined
      : existingPads(input.environment, opportunity, [input.configuration], leverClient).then(
          (pads) => pads.existing[input.configuration.id],
        ),
    reads.stageThere,
    reads.quotaLeft,
    autoTrigger && ctx.deps.autoClaims
      ? leverClient.then((lever) => ctx.deps.autoClaims?.(lever, opportunity.id, input.configuration.tag, key))
      : undefined,
  ]);
  if (current?.status === 'running') return { kind: 'job', job: await watchedBy(ctx, current, input.tabId) };
  if (current?.status === 'failed' && !input.force)
    return { kind: 'job', job: await watchedBy(ctx, current, input.tabId), runNow: true };
  if (existing) return { kind: 'existing', existing };
  if (claimed?.held) throw new ApiError({ kind: 'claimed_elsewhere', service: 'lever' });
  if (opportunity.archived) throw new ApiError({ kind: 'archived', service: 'lever' });
  if (!stageIsThere) {
    throw new ApiError({ kind: 'stage_missing', service: 'lever', detail: input.configuration.stageName });
  }
  // Refused before anything is written to Lever: a tag and a stage move without a pad help nobody.
  if (!padsAreLeft) throw new ApiError({ kind: 'over_quota', service: 'coderpad' });
  const clients = { lever: await leverClient, coderpad: await reads.coderpad };
  const job = newJob(ctx, {
    environment: input.environment,
    opportunity,
    config: input.configuration,
    actAs: reads.actAs,
    tabId: input.tabId,
    takesOver: claimed?.takesOver,
    noteLanguage: reads.noteLanguage,
    interviewer: reads.interviewer,
  });
  const begun = await beginWritten(ctx, job, opportunity, clients);
  return { kind: 'job', job: begun.job, begun };
}

/** A recruiter's click: the job under way, the pad the candidate has, or a new job, running. */
export async function start(ctx: JobContext, request: StartRequest): Promise<StartResult> {
  const { now } = ctx;
  // The journal's row, read beside the rest for the id the page gives (almost always the
  // opportunity's own), and trusted under the start lock only if the journal was not written since.
  const journalRow = journal.readAhead(jobKey(request.environment, request.pageId, request.configurationId));
  // Read side by side; CoderPad's key only matters to a new job (by then it is there).
  const leverClient = request.lever ?? ctx.deps.lever();
  const coderpad = ctx.deps.coderpad();
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
  const [opportunity, actAs, notes, found, interviewer] = await Promise.all([
    readCandidate(leverClient, request.environment, request.pageId, now()),
    store.actAs.get(),
    noteLanguageInForce(),
    configuration,
    request.interviewer ?? null,
  ]);
  const input = { ...request, configuration: found };

  // Jobs key on Lever's own opportunity id: two addresses for one candidate are one job.
  const key = jobKey(input.environment, opportunity.id, input.configuration.id);
  const reads: ClickReads = {
    input,
    opportunity,
    actAs,
    noteLanguage: notes.language,
    interviewer,
    leverClient,
    coderpad,
    stageThere,
    quotaLeft,
    journalRow,
  };
  const started = await lockFor(startLocks, key).runExclusive(() => decide(ctx, key, reads));
  if (started.begun) runBegun(ctx, started.begun);
  else if (started.runNow && started.kind === 'job') runInBackground(ctx, key);
  const { runNow: _, begun: __, ...result } = started;
  return result;
}

/**
 * Auto mode's start, once its claim on the candidate won: the same journaled job as a click,
 * marked as auto mode's (the tag and the stage are already there). A job this candidate and
 * configuration already have, whatever its state, is left as it is and answered.
 */
export async function startAuto(ctx: JobContext, input: AutoStartRequest): Promise<{ job: Job; started: boolean }> {
  const key = jobKey(input.environment, input.opportunity.id, input.configuration.id);
  const started = await lockFor(startLocks, key).runExclusive(async (): Promise<{ job: Job; begun?: Begun }> => {
    const current = await journal.getJob(key);
    if (current) return { job: current };
    const [lever, coderpad, actAs, notes] = await Promise.all([
      ctx.deps.lever(),
      ctx.deps.coderpad(),
      store.actAs.get(),
      noteLanguageInForce(),
    ]);
    const interviewer = await defaultInterviewer(lever, input.configuration, ctx.now());
    const job: Job = {
      ...newJob(ctx, {
        environment: input.environment,
        opportunity: input.opportunity,
        config: input.configuration,
        actAs,
        takesOver: input.takesOver,
        noteLanguage: notes.language,
        interviewer,
      }),
      trigger: 'auto',
      claimId: input.claimId,
    };
    const begun = await beginWritten(ctx, job, input.opportunity, { lever, coderpad });
    return { job: begun.job, begun };
  });
  if (started.begun) runBegun(ctx, started.begun);
  return { job: started.job, started: started.begun !== undefined };
}
