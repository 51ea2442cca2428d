import { z } from 'zod';
import { padTypeSchema } from './pad-type';

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
export const languageSchema = z.enum(CODERPAD_LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export { padTypeSchema, type PadType } from './pad-type';

export const quotaSchema = z.object({
  pads_used: z.number().nullish(),
  pads_remaining: z.number().nullish(),
  unlimited: z.boolean().nullish(),
  quota_reset_at: z.string().nullish(),
});
export type Quota = z.infer<typeof quotaSchema>;

export const organizationSchema = z.object({
  organization_name: z.string().nullish(),
  name: z.string().nullish(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const questionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  language: z.string().nullish(),
  description: z.string().nullish(),
  pad_type: z.nullish(padTypeSchema),
  take_home: z.boolean().nullish(),
  is_draft: z.boolean().nullish(),
  author_name: z.string().nullish(),
});
export type Question = z.infer<typeof questionSchema>;

export function isTakeHome(question: Question): boolean {
  return question.pad_type === 'take_home' || (question.pad_type == null && question.take_home === true);
}

export const questionsPageSchema = z.object({
  questions: z.array(questionSchema),
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
