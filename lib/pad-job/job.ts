// zod/mini: the job is what the content script receives; every Lever page loads these schemas.
import { z } from 'zod/mini';
import type { ConfigurationCopy } from '../configurations/configuration';
import { errorInfoSchema } from '../services/http/errors';
import { padTypeSchema } from '../services/coderpad/pad-type';
import { candidateIdentity } from '../services/lever/identity';

/*
 * A pad job as the journal keeps it: what it was asked to do, where each step stands, and the pad
 * once there is one.
 */

export const padSummarySchema = z.object({
  id: z.string(),
  url: z.string(),
  /** What CoderPad says the pad is (may differ from what the configuration asked for). */
  type: z.nullable(z.string()),
  title: z.nullable(z.string()),
});
export type PadSummary = z.infer<typeof padSummarySchema>;

/** In the order a job does them: the pad first, then Lever's four writes side by side. */
export const stepNameSchema = z.enum(['pad', 'tag', 'stage', 'link', 'note']);
export type StepName = z.infer<typeof stepNameSchema>;
export const STEP_NAMES = stepNameSchema.options;

export const stepStateSchema = z.object({
  status: z.enum(['pending', 'running', 'done', 'skipped', 'failed']),
  error: z._default(z.nullable(errorInfoSchema), null),
  at: z._default(z.nullable(z.number()), null),
});
export type StepState = z.infer<typeof stepStateSchema>;

/** A Lever user named as the pad's interviewer. */
export const interviewerSchema = z.object({ id: z.string(), name: z.string(), email: z.nullable(z.string()) });
export type Interviewer = z.infer<typeof interviewerSchema>;

export const jobSchema = z.object({
  id: z.string(),
  pairKey: z.string(),
  ...candidateIdentity,
  candidateEmail: z.nullable(z.string()),
  configurationId: z.string(),
  tag: z.string(),
  stageId: z.string(),
  stageName: z.string(),
  padType: padTypeSchema,
  questionId: z.nullable(z.number()),
  questionTitle: z.nullable(z.string()),
  language: z.nullable(z.string()),
  title: z.string(),
  performAs: z.nullable(z.string()),
  ownerEmail: z.nullable(z.string()),
  /** The interviewer the recruiter named: the pad's owner when CoderPad knows them, named in the note. */
  interviewer: z._default(z.nullable(interviewerSchema), null),
  /** The e-mail to the interviewer once the pad is ready (a mailto: link, in the notes' language). */
  interviewerMailto: z._default(z.nullable(z.string()), null),
  status: z.enum(['running', 'done', 'failed']),
  /**
   * Set before a pad request leaves and cleared only by a certain refusal (a 4xx): while set,
   * no second request is sent without proof that CoderPad made no pad.
   */
  padPostedAt: z._default(z.nullable(z.number()), null),
  /**
   * While the pad list is searched for a pad whose answer was lost: since when, how many rounds,
   * until when at most, and whether the recruiter chose meanwhile to create a pad anyway.
   */
  padSearch: z._default(
    z.nullable(
      z.object({
        since: z.number(),
        rounds: z.number(),
        until: z.optional(z.number()),
        createAnyway: z.optional(z.boolean()),
      }),
    ),
    null,
  ),
  // Partial: a job journaled before a step was added still reads (its new step counts as pending).
  steps: z.partialRecord(stepNameSchema, stepStateSchema),
  pad: z.nullable(padSummarySchema),
  /** Set when a take-home configuration produced a pad CoderPad does not call a take-home. */
  warning: z._default(z.nullable(z.enum(['not_take_home', 'owner_refused', 'owner_not_in_coderpad'])), null),
  error: z.nullable(errorInfoSchema),
  failedStep: z._default(z.nullable(stepNameSchema), null),
  tabIds: z._default(z.array(z.number()), []),
  /** What started the job: a recruiter's click, or auto mode seeing the candidate in Lever. */
  trigger: z._default(z.enum(['button', 'auto']), 'button'),
  /** The language of the notes this job writes into Lever, as the admin chose it when the job started. */
  noteLanguage: z._default(z.enum(['en', 'fr']), 'en'),
  /** Auto mode's claim on the candidate in Lever, which this job won (see lib/auto-mode/claim.ts). */
  claimId: z._default(z.nullable(z.string()), null),
  /**
   * Claims that lapsed before this job started, with no pad in Lever: another browser may have made
   * their pad and failed to write it into Lever. Before asking for a pad, the job looks in CoderPad
   * for one carrying any of them (since `since`, this machine's clock) and links that one instead.
   */
  takesOver: z._default(z.nullable(z.object({ claimIds: z.array(z.string()), since: z.number() })), null),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Job = z.infer<typeof jobSchema>;

/**
 * A job keeps every field its configuration's copy names (configurations/configuration.ts,
 * `COPIED_FIELDS`): a field added there and not here stops the build.
 */
export type JobCopiesItsConfiguration = Job extends ConfigurationCopy ? true : never;
const copiesItsConfiguration: JobCopiesItsConfiguration = true;
void copiesItsConfiguration;

/** The journal's key of a job: one per environment, candidate (Lever's opportunity id) and configuration. */
export function jobKey(environment: string, opportunityId: string, configurationId: string): string {
  return `${environment}:${opportunityId}:${configurationId}`;
}

/** A pad that already exists for a candidate: made by PadBridge, or found among their Lever links. */
export interface ExistingPad {
  source: 'padbridge' | 'lever_link';
  pad: PadSummary;
  createdAt: number | null;
  /** A pad PadBridge made: whether it may still be ended (not ended or deleted in CoderPad). */
  open?: boolean;
}

/** What starting a job gives: the pad the candidate already has, or the job under way. */
export type StartResult = { kind: 'existing'; existing: ExistingPad } | { kind: 'job'; job: Job };
