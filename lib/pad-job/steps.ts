import type { CoderPadClient } from '../services/coderpad/client';
import { ApiError } from '../services/http/errors';
import type { LeverClient, WriteOptions } from '../services/lever/client';
import { noteWithRef, type Opportunity, stageIdOf } from '../services/lever/schemas';
import type { StepResult, StepTable } from './engine';
import type { Job, PadSummary } from './job';
import { creationNoteRef, creationNoteText, noteMayHaveLeft } from './notes';

/** What the steps of one run share: the clients, the candidate as read, and the run's options. */
export interface StepContext {
  lever: LeverClient;
  coderpad: CoderPadClient;
  opportunity: Opportunity;
  write: WriteOptions;
  /** The job as the journal had it when this run began (how its steps last ended). */
  previous: Job;
  /**
   * Auto mode's job: the tag and the stage are what made it start, written by someone in Lever;
   * they are never written again (a candidate moved on meanwhile is not moved back).
   */
  auto: boolean;
  /** Whether this run asks CoderPad for a pad (rather than looking for one a lost answer left). */
  postsPad: boolean;
  /** The pad step's work: adopt the pad a lost answer left behind, or ask for one, exactly once. */
  makePad(job: Job): Promise<StepResult>;
  /** Whether Lever still has a stage, its list read anew (asked when Lever refuses a stage move). */
  stageStillThere(stageId: string): Promise<boolean>;
}

const padOf = (job: Job): PadSummary => {
  if (!job.pad) throw new ApiError({ kind: 'unknown', detail: 'no pad' });
  return job.pad;
};

/**
 * The steps of a pad job. To add one: its name in `stepNameSchema` (job.ts), an entry here, and
 * its strings (`step…`, `failedStep_…`, `doneStep_…`, `stepState_…` in public/_locales).
 * Listed in the order failures are reported: the pad chain first.
 */
export const PAD_JOB_STEPS: StepTable<StepContext> = {
  pad: {
    // Journaled before the request leaves: a worker stopped after this looks for the pad first.
    onStart: (c, job, now) => (c.postsPad ? { ...job, padPostedAt: now, padSearch: null } : job),
    run: (c, job) => c.makePad(job),
  },
  link: {
    after: ['pad'],
    startsUnmarked: () => true,
    alreadyDone: (c, job) => c.opportunity.links.includes(padOf(job).url),
    run: async (c, job) => {
      await c.lever.addLinks(job.opportunityId, [padOf(job).url], c.write);
    },
  },
  note: {
    // Auto mode writes the link first: a link shows in Lever's list of candidates, so the other
    // browsers see the pad without reading notes, and the pad is found again if the note fails.
    after: (c) => (c.auto ? ['pad', 'link'] : ['pad']),
    // With CoderPad's answer: a run after one stopped before the pad was journaled looks first.
    startsUnmarked: (c) => !c.auto,
    run: async (c, job) => {
      // When Lever may have written the note without our hearing, look for its reference first.
      if (noteMayHaveLeft(c.previous)) {
        const notes = await c.lever.listNotes(job.opportunityId);
        if (noteWithRef(notes, creationNoteRef(job))) return;
      }
      await c.lever.addNote(job.opportunityId, creationNoteText(job, padOf(job)), c.write);
    },
  },
  // The tag and the stage wait for the pad: when CoderPad refuses (quota, language, question gone,
  // outage), Lever has not changed. Once the pad exists, all four Lever writes go out together,
  // with CoderPad's answer, while the journal records it: the link, the tag and the stage need no
  // mark first (a later run reads the candidate and skips what Lever already has).
  tag: {
    after: ['pad'],
    startsUnmarked: () => true,
    alreadyDone: (c, job) => c.auto || c.opportunity.tags.includes(job.tag),
    run: async (c, job) => {
      await c.lever.addTags(job.opportunityId, [job.tag], c.write);
    },
  },
  stage: {
    after: ['pad'],
    startsUnmarked: () => true,
    alreadyDone: (c, job) => c.auto || stageIdOf(c.opportunity) === job.stageId,
    run: async (c, job) => {
      try {
        await c.lever.changeStage(job.opportunityId, job.stageId, c.write);
      } catch (error) {
        // Lever refuses a stage deleted since its list was last read: said by name (the pad and
        // the other writes are made), and the next page marks the configuration.
        const refused = error instanceof ApiError && (error.kind === 'bad_request' || error.kind === 'not_found');
        if (refused && !(await c.stageStillThere(job.stageId).catch(() => true))) {
          throw new ApiError({ kind: 'stage_removed', service: 'lever', detail: job.stageName });
        }
        throw error;
      }
    },
  },
};
