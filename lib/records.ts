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
  /**
   * The interview summary written to Lever when the pad ends. "writing" is set before the note
   * is sent and "uncertain" when Lever may have written it without answering: neither is
   * ever sent again, so no candidate gets the summary twice.
   */
  summary: z
    .object({
      state: z.enum(['none', 'writing', 'written', 'uncertain']),
      noteId: z.string().nullable(),
    })
    .default({ state: 'none', noteId: null }),
});
export type PadRecord = z.infer<typeof padRecordSchema>;

/** Statuses after which CoderPad is not asked again. */
export const FINAL_STATUSES: readonly PadRecord['status'][] = ['ended', 'deleted'];

/** Pad records newest first, those whose candidate or tag contains the query. */
export function filterRecords(records: PadRecord[], query: string): PadRecord[] {
  const needle = query.trim().toLowerCase();
  const sorted = [...records].sort((a, b) => b.createdAt - a.createdAt);
  if (!needle) return sorted;
  return sorted.filter((r) => r.candidateName.toLowerCase().includes(needle) || r.tag.toLowerCase().includes(needle));
}

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
