import { z } from 'zod';
import { padTypeSchema } from '../services/coderpad/schemas';
import { candidateIdentity } from '../services/lever/identity';
import { errorInfoSchema } from '../services/http/errors';
import { noteLanguageSchema } from '../text/note-language';

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
  error: z.nullable(errorInfoSchema).default(null),
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
  ...candidateIdentity,
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
  /** The Lever user the pad was made as (Act as), whom its summary note is written as too. */
  performAs: z.string().nullable().default(null),
  /** The language its summary note is written in (its job's). */
  noteLanguage: noteLanguageSchema.default('en'),
});
export type PadRecord = z.infer<typeof padRecordSchema>;

/** Statuses after which CoderPad is not asked again. */
export const FINAL_STATUSES: readonly PadRecord['status'][] = ['ended', 'deleted'];

/** Statuses CoderPad is still asked about (within FOLLOW_FOR_MS of the pad's making). */
export const FOLLOWED_STATUSES: readonly PadRecord['status'][] = padRecordSchema.shape.status
  .unwrap()
  .options.filter((status) => !FINAL_STATUSES.includes(status));

/** Summary states whose note is still to be written (or checked). */
export const PENDING_SUMMARY_STATES: readonly Summary['state'][] = ['none', 'writing', 'uncertain'];

/** Pads older than this are no longer followed. */
export const FOLLOW_FOR_MS = 14 * 24 * 3600 * 1000;

/** Whether PadBridge still follows this pad's status in CoderPad. */
export const isFollowed = (record: Pick<PadRecord, 'status' | 'createdAt'>, now: number) =>
  !FINAL_STATUSES.includes(record.status) && now - record.createdAt < FOLLOW_FOR_MS;

/** Whether a summary still has to be written (or checked). */
export const summaryPending = (summary: Summary) => PENDING_SUMMARY_STATES.includes(summary.state);

/** Whether the pad ended and its summary note is still to be written (or confirmed). */
export const summaryOpen = (record: Pick<PadRecord, 'status' | 'summary'>) =>
  record.status === 'ended' && summaryPending(record.summary);

/** An ended pad's summary may still be pending this long after the pad was made. */
export const SUMMARY_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** Whether a record still has work ahead of it (followed, or a summary still to write): such a record is never pruned. */
export const holdsWork = (record: PadRecord, now: number) =>
  isFollowed(record, now) || (summaryOpen(record) && now - record.createdAt < SUMMARY_WINDOW_MS);
