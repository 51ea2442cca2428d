import { z } from 'zod';

export const stageSchema = z.object({ id: z.string().min(1), text: z.string() });
export type Stage = z.infer<typeof stageSchema>;

export const userSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  username: z.string().nullish(),
  email: z.string().nullish(),
  accessRole: z.string().nullish(),
});
export type User = z.infer<typeof userSchema>;

export const archivedSchema = z.object({ archivedAt: z.number().nullish(), reason: z.string().nullish() }).nullable();

export const opportunitySchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  headline: z.string().nullish(),
  emails: z.array(z.string()).default([]),
  links: z.array(z.string()).default([]),
  // Lever sends the stage id; with expand=stage it is an object.
  stage: z.union([z.string(), stageSchema]).nullish(),
  tags: z.array(z.string()).default([]),
  archived: archivedSchema.optional().transform((value) => value ?? null),
  owner: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  /** The person (contact) this application belongs to; one person may have several. */
  contact: z.string().nullish(),
  /** When Lever last changed the application (ms). */
  updatedAt: z.number().nullish(),
  /** `confidential` when only some Lever users may see it (the API key sees it all the same). */
  confidentiality: z.string().nullish(),
  /** Ids, or with `expand=applications` objects naming the job posting (whose title tells applications apart). */
  applications: z
    .array(z.union([z.string(), z.looseObject({ id: z.string(), posting: z.string().nullish() })]))
    .nullish(),
  urls: z.object({ show: z.string().optional(), list: z.string().optional() }).partial().optional(),
});
export type Opportunity = z.infer<typeof opportunitySchema>;

/** The job posting an opportunity is for, when Lever's answer expanded its applications. */
export function postingIdOf(opportunity: Opportunity): string | undefined {
  for (const application of opportunity.applications ?? []) {
    if (typeof application === 'object' && application.posting) return application.posting;
  }
  return undefined;
}

/** A job posting (`GET /postings/:id`): `text` is its title. */
export const postingSchema = z.looseObject({ id: z.string(), text: z.string() });
export type Posting = z.infer<typeof postingSchema>;

export function stageIdOf(opportunity: Opportunity): string | undefined {
  const { stage } = opportunity;
  if (!stage) return undefined;
  return typeof stage === 'string' ? stage : stage.id;
}

/** Lever answers one object as {data: {...}}. */
export const single = <T extends z.ZodType>(item: T) => z.object({ data: item });

/**
 * Lever answers a list as {data: [...], hasNext, next}; hasNext absent means no more. The items
 * are parsed one by one by the reader (an odd one is left out, not the cause of a failed list).
 */
export const pageSchema = z.object({
  data: z.array(z.unknown()),
  hasNext: z.boolean().optional(),
  next: z.string().nullish(),
});

/** The note write answers {data: {noteId}}; some accounts answer with the whole note. */
export const noteCreatedSchema = single(
  z.union([z.object({ noteId: z.string() }), z.object({ id: z.string() }).transform((n) => ({ noteId: n.id }))]),
);

/**
 * A note as Lever lists it. Its text sits in fields whose shape varies between accounts, so
 * only the id is required and the rest is kept as it came, for searching.
 */
export const noteSchema = z.looseObject({ id: z.string() });
export type Note = z.infer<typeof noteSchema>;

/** Every text a note carries (its text, its fields' values, whatever Lever put there), one per line. */
export function noteTexts(note: Note): string {
  const texts: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (typeof value === 'string') texts.push(value);
    else if (depth < 4 && value && typeof value === 'object')
      for (const item of Object.values(value)) walk(item, depth + 1);
  };
  walk(note, 0);
  return texts.join('\n');
}

/** The lines of a note's texts, trimmed. */
export const noteLines = (note: Note): string[] =>
  noteTexts(note)
    .split(/\r?\n/)
    .map((line) => line.trim());

/**
 * Whether a note carries the reference as PadBridge writes it: the last word of one of its own
 * lines ("PadBridge ref: C-1a2b3c4d", in whichever language). A reference inside other text
 * (a participant's name, a colleague's note quoting it) does not count.
 */
export function noteHasRef(note: Note, ref: string): boolean {
  return noteLines(note).some(
    (line) => line.endsWith(ref) && /(^|[\s:])$/.test(line.slice(0, -ref.length)) && line.length <= ref.length + 40,
  );
}

/** When Lever says the note was written (ms), if it says. */
export function noteCreatedAt(note: Note): number | undefined {
  const at = (note as { createdAt?: unknown }).createdAt;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

/** The note among these that carries the reference, if any. */
export const noteWithRef = (notes: Note[], ref: string) => notes.find((note) => noteHasRef(note, ref));
