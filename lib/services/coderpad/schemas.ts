import { z } from 'zod';
import { PAD_TYPES, type PadType } from './pad-type';

export const CODERPAD_LANGUAGES = [
  'angular',
  'bash',
  'c',
  'clojure',
  'coffeescript',
  'cpp',
  'csharp',
  'django',
  'elixir',
  'erlang',
  'fsharp',
  'gin',
  'haskell',
  'html',
  'java',
  'javascript',
  'julia',
  'kotlin',
  'lua',
  'markdown',
  'node',
  'objc',
  'ocaml',
  'perl',
  'php',
  'plaintext',
  'postgresql',
  'python',
  'rails',
  'react',
  'ruby',
  'rust',
  'spring',
  'svelte',
  'swift',
  'tcl',
  'typescript',
  'vb',
  'vue',
] as const;
/**
 * A pad language as CoderPad names it. The documented list above is a suggestion: live accounts
 * use others (`go`, `python3`, `scala`, …), so any well-formed name is kept, and CoderPad's own
 * 400 is the judge of whether it makes pads in it.
 */
export const languageSchema = z.string().regex(/^[a-z][a-z0-9_+#.-]{0,39}$/, 'not a CoderPad language name');
export type Language = z.infer<typeof languageSchema>;

export { padTypeSchema, type PadType } from './pad-type';

export const quotaSchema = z.object({
  pads_used: z.number().nullish(),
  /** Absent when the plan is unlimited. */
  pads_remaining: z.number().nullish(),
  billing_cycle_pad_limit: z.number().nullish(),
  unlimited: z.boolean().nullish(),
  /** Pads past the limit are billed, not refused. */
  overages_enabled: z.boolean().nullish(),
  /** The last reset, not the next. */
  quota_reset_at: z.string().nullish(),
});
export type Quota = z.infer<typeof quotaSchema>;

export const organizationSchema = z.object({
  organization_name: z.string().nullish(),
  name: z.string().nullish(),
  /** The organisation's default pad language (a CoderPad language name). */
  organization_default_language: z.string().nullish(),
});
export type Organization = z.infer<typeof organizationSchema>;

/** A user of the CoderPad organisation (`GET /organization/users`). */
export const organizationUserSchema = z.looseObject({
  email: z.string(),
  name: z.string().nullish(),
});
export type OrganizationUser = z.infer<typeof organizationUserSchema>;

export const questionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  language: z.string().nullish(),
  description: z.string().nullish(),
  /**
   * `live`, `take_home` or `any` (most of CoderPad's own examples); a value PadBridge does not know
   * is kept as it came (see fitsPadType).
   */
  pad_type: z.string().nullish(),
  take_home: z.boolean().nullish(),
  is_draft: z.boolean().nullish(),
  author_name: z.string().nullish(),
});
export type Question = z.infer<typeof questionSchema>;

/**
 * Whether a question may make a pad of this type: `any` fits both; a take-home needs one CoderPad
 * marks as take-home (`take_home`, or the older `take_home: true` without a pad type); a value
 * PadBridge does not know is offered for live pads only.
 */
export function fitsPadType(question: Pick<Question, 'pad_type' | 'take_home'>, padType: PadType): boolean {
  const declared = question.pad_type;
  if (declared === 'any') return true;
  const takeHome = declared === 'take_home' || (declared == null && question.take_home === true);
  return PAD_TYPES[padType].takeHome === takeHome;
}

/** A page of questions; its items are parsed one by one (lib/services/http/items). */
export const questionsPageSchema = z.object({
  questions: z.array(z.unknown()),
  next_page: z.string().nullish(),
  total: z.number().nullish(),
});

const participantSchema = z.union([
  z.string().transform((name) => ({ name })),
  z.object({ name: z.string().nullish(), email: z.string().nullish() }),
]);

export const padSchema = z.object({
  id: z.string().min(1),
  title: z.string().nullish(),
  state: z.string().nullish(),
  type: z.string().nullish(),
  language: z.string().nullish(),
  /** Checked against the pad's id before it is used anywhere (lib/pads: trustedPadUrl). */
  url: z.string(),
  playback: z.string().nullish(),
  created_at: z.string().nullish(),
  ended_at: z.string().nullish(),
  participants: z.array(participantSchema).nullish(),
  question_ids: z.array(z.number()).nullish(),
  notes: z.string().nullish(),
});
export type Pad = z.infer<typeof padSchema>;

/** A page of the pad list; its items are parsed one by one, so one odd pad cannot hide the others. */
export const padListSchema = z.object({ pads: z.array(z.unknown()), next_page: z.string().nullish() });
