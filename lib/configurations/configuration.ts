import { z } from 'zod';
import { PAD_TYPES } from '../services/coderpad/pad-type';
import { languageSchema, padTypeSchema } from '../services/coderpad/schemas';

export const DEFAULT_TITLE_TEMPLATE = '{candidate} — {stage}';
export const MAX_TAG_LENGTH = 80;
export const MAX_TEMPLATE_LENGTH = 200;
/** Lever splits tags on commas; control characters have no place in a tag. */
const TAG_CHARACTERS = /^[^,\p{Cc}]*$/u;
/** Imports larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 256 * 1024;
export const MAX_CONFIGURATIONS = 200;

/** A configuration maps a tag to a hiring stage, a pad type and (optionally) a question. */
export const configurationSchema = z.object({
  id: z.uuid(),
  tag: z.string().trim().min(1).max(MAX_TAG_LENGTH).regex(TAG_CHARACTERS),
  stageId: z.string().min(1),
  /** The stage's name when the configuration was saved: shown if the stage disappears. */
  stageName: z.string(),
  padType: padTypeSchema,
  questionId: z.number().int().nullable(),
  questionTitle: z.string().nullable(),
  /** For live pads without a question. */
  language: languageSchema.nullable().default(null),
  titleTemplate: z.string().trim().min(1).max(MAX_TEMPLATE_LENGTH).default(DEFAULT_TITLE_TEMPLATE),
  /**
   * The interviewer (a Lever user's id) auto mode names for this configuration's pads, and the
   * confirmation offers first when this browser has named none for it yet.
   */
  interviewerId: z.string().min(1).max(100).nullable().default(null),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Configuration = z.infer<typeof configurationSchema>;

/** What a pad job copies of its configuration when it starts (with the configuration's id). */
export const COPIED_FIELDS = {
  tag: true,
  stageId: true,
  stageName: true,
  padType: true,
  questionId: true,
  questionTitle: true,
  language: true,
} as const satisfies Partial<Record<keyof Configuration, true>>;
export type ConfigurationCopy = Pick<Configuration, keyof typeof COPIED_FIELDS>;

/**
 * What the wizard submits: the configuration's own fields, before ids, times and the names read
 * from Lever and CoderPad. The text is taken as typed (bounded): `validateConfiguration` says in
 * words what is wrong with it.
 */
export const configurationInputSchema = configurationSchema
  .omit({ id: true, stageName: true, questionTitle: true, createdAt: true, updatedAt: true })
  .extend({
    id: z.uuid().optional(),
    tag: z.string().max(1000),
    stageId: z.string(),
    language: languageSchema.nullable(),
    titleTemplate: z.string().max(1000),
    // Absent: the configuration keeps the one it has.
    interviewerId: z.string().min(1).max(100).nullable().optional(),
  });
export type ConfigurationInput = z.infer<typeof configurationInputSchema>;

/** Message keys (public/_locales) for each way a configuration can be refused. */
export type ConfigurationProblem =
  | 'errTagRequired'
  | 'errTagDuplicate'
  | 'errTagTooLong'
  | 'errTagCharacters'
  | 'errTitleTooLong'
  | 'errStageRequired'
  | 'errStageUnknown'
  | 'errQuestionRequiredTakeHome'
  | 'errQuestionNotTakeHome'
  | 'errQuestionUnknown'
  | 'errTitleRequired'
  | 'errTagManaged';

export interface ValidationContext {
  existing: Pick<Configuration, 'id' | 'tag'>[];
  stageIds?: string[];
  questions?: { id: number; take_home: boolean }[];
}

export interface ValidationResult {
  errors: Partial<Record<keyof ConfigurationInput, ConfigurationProblem>>;
  /** Lever tags are case-sensitive: a tag differing only by case is allowed but worth a warning. */
  caseClash?: string;
}

export function validateConfiguration(input: ConfigurationInput, ctx: ValidationContext): ValidationResult {
  const errors: ValidationResult['errors'] = {};
  const tag = input.tag.trim();
  const others = ctx.existing.filter((c) => c.id !== input.id);
  if (!tag) errors.tag = 'errTagRequired';
  else if (tag.length > MAX_TAG_LENGTH) errors.tag = 'errTagTooLong';
  else if (!TAG_CHARACTERS.test(tag)) errors.tag = 'errTagCharacters';
  else if (others.some((c) => c.tag === tag)) errors.tag = 'errTagDuplicate';
  const caseClash = tag
    ? others.find((c) => c.tag !== tag && c.tag.toLowerCase() === tag.toLowerCase())?.tag
    : undefined;

  if (!input.stageId) errors.stageId = 'errStageRequired';
  else if (ctx.stageIds && !ctx.stageIds.includes(input.stageId)) errors.stageId = 'errStageUnknown';

  const question = input.questionId === null ? undefined : ctx.questions?.find((q) => q.id === input.questionId);
  const kind = PAD_TYPES[input.padType];
  if (kind.needsQuestion) {
    if (input.questionId === null) errors.questionId = kind.errQuestionRequired ?? 'errQuestionUnknown';
    else if (ctx.questions && !question) errors.questionId = 'errQuestionUnknown';
    else if (question && question.take_home !== kind.takeHome)
      errors.questionId = kind.errQuestionOfAnotherKind ?? 'errQuestionUnknown';
  } else if (input.questionId !== null && ctx.questions && !question) {
    errors.questionId = 'errQuestionUnknown';
  }
  if (!input.titleTemplate.trim()) errors.titleTemplate = 'errTitleRequired';
  else if (input.titleTemplate.trim().length > MAX_TEMPLATE_LENGTH) errors.titleTemplate = 'errTitleTooLong';
  return { errors, caseClash };
}

/**
 * The pad's title: each placeholder replaced in one pass, so a candidate named "{stage}" or
 * "$&" stays as written.
 */
export function padTitle(template: string, values: { candidate: string; stage: string; tag: string }): string {
  const lookup = new Map(Object.entries(values));
  return template
    .replace(/\{(candidate|stage|tag)\}/g, (whole, name: string) => lookup.get(name) ?? whole)
    .trim()
    .slice(0, MAX_TEMPLATE_LENGTH);
}

/** The export file: versioned, never holding keys. */
export const EXPORT_FORMAT = 'padbridge-configurations';
export const exportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  configurations: z.array(configurationSchema).max(MAX_CONFIGURATIONS),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

export function buildExport(configurations: Configuration[], now = new Date()): ExportFile {
  return { format: EXPORT_FORMAT, version: 1, exportedAt: now.toISOString(), configurations };
}

/** Why an import was refused, as a readable list of "where: what". */
export function describeImportProblems(error: z.ZodError): string[] {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'file'}: ${issue.message}`);
}
