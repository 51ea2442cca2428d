import { z } from 'zod';
import { padTypeSchema } from './coderpad/schemas';
import { leverEnvironmentSchema } from './environments';
import { errorInfoSchema } from './http/errors';

export const padSummarySchema = z.object({
  id: z.string(),
  url: z.string(),
  /** What CoderPad says the pad is (may differ from what the configuration asked for). */
  type: z.string().nullable(),
  title: z.string().nullable(),
});
export type PadSummary = z.infer<typeof padSummarySchema>;

/**
 * The interview summary written to Lever when the pad ends. "writing" is set before the note is
 * sent; "uncertain" when Lever may have written it without answering. Neither is sent again
 * before the candidate's notes have been read for the note's reference. Only a 4xx means "not
 * written"; after MAX_SUMMARY_ATTEMPTS the summary is "failed" and shown as such.
 */
export const summarySchema = z.object({
  state: z.enum(['none', 'writing', 'written', 'uncertain', 'failed']),
  noteId: z.string().nullable(),
  attempts: z.number().int().min(0).default(0),
  /** Not tried again before this time (backoff). */
  nextAt: z.number().nullable().default(null),
  /** When the last attempt was sent. */
  sentAt: z.number().nullable().default(null),
  error: errorInfoSchema.nullable().default(null),
});
export type Summary = z.infer<typeof summarySchema>;
export const NO_SUMMARY: Summary = {
  state: 'none',
  noteId: null,
  attempts: 0,
  nextAt: null,
  sentAt: null,
  error: null,
};
export const MAX_SUMMARY_ATTEMPTS = 5;

/** One pad PadBridge made: what the popup lists. */
export const padRecordSchema = z.object({
  padId: z.string(),
  url: z.string(),
  padType: padTypeSchema,
  title: z.string().nullable(),
  environment: leverEnvironmentSchema,
  opportunityId: z.string(),
  candidateName: z.string(),
  candidateUrl: z.string(),
  configurationId: z.string(),
  tag: z.string(),
  stageName: z.string(),
  questionTitle: z.string().nullable(),
  createdAt: z.number(),
  /** Last status read from CoderPad. */
  status: z.enum(['pending', 'started', 'ended', 'deleted', 'unknown']).default('pending'),
  statusCheckedAt: z.number().nullable().default(null),
  endedAt: z.string().nullable().default(null),
  summary: summarySchema.default(NO_SUMMARY),
});
export type PadRecord = z.infer<typeof padRecordSchema>;

/** Statuses after which CoderPad is not asked again. */
export const FINAL_STATUSES: readonly PadRecord['status'][] = ['ended', 'deleted'];

export const stepNameSchema = z.enum(['tag', 'stage', 'pad', 'link', 'note']);
export type StepName = z.infer<typeof stepNameSchema>;
export const STEP_NAMES = stepNameSchema.options;

export const stepStateSchema = z.object({
  status: z.enum(['pending', 'running', 'done', 'skipped', 'failed']),
  error: errorInfoSchema.nullable().default(null),
  at: z.number().nullable().default(null),
});
export type StepState = z.infer<typeof stepStateSchema>;

export const jobSchema = z.object({
  id: z.string(),
  pairKey: z.string(),
  environment: leverEnvironmentSchema,
  opportunityId: z.string(),
  candidateName: z.string(),
  candidateEmail: z.string().nullable(),
  candidateUrl: z.string(),
  configurationId: z.string(),
  tag: z.string(),
  stageId: z.string(),
  stageName: z.string(),
  padType: padTypeSchema,
  questionId: z.number().nullable(),
  questionTitle: z.string().nullable(),
  language: z.string().nullable(),
  title: z.string(),
  performAs: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  status: z.enum(['running', 'done', 'failed']),
  /**
   * Set before a pad request leaves and cleared only by a certain refusal (a 4xx): while set,
   * no second request is sent without proof that CoderPad made no pad.
   */
  padPostedAt: z.number().nullable().default(null),
  /** While the pad list is searched for a pad whose answer was lost: since when, how many rounds. */
  padSearch: z.object({ since: z.number(), rounds: z.number() }).nullable().default(null),
  steps: z.record(stepNameSchema, stepStateSchema),
  pad: padSummarySchema.nullable(),
  /** Set when a take-home configuration produced a pad CoderPad does not call a take-home. */
  warning: z.enum(['not_take_home']).nullable().default(null),
  error: errorInfoSchema.nullable(),
  failedStep: stepNameSchema.nullable().default(null),
  tabIds: z.array(z.number()).default([]),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Job = z.infer<typeof jobSchema>;

export function pairKey(environment: string, opportunityId: string, configurationId: string): string {
  return `${environment}:${opportunityId}:${configurationId}`;
}
