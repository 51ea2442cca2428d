import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { configurationSchema } from './configurations';
import { leverEnvironmentSchema } from './environments';
import { jobSchema, padRecordSchema } from './records';
import { PAD_RECORDS_VERSION, padRecordsMigrations } from './storage-migrations';

/**
 * Every item PadBridge stores, in one place. Each is versioned (WXT runs migrations on
 * read) and parsed with zod: a value that does not parse reads as the fallback and is
 * left untouched in storage, so nothing is lost to a bad read.
 */

export const leverConnectionSchema = z.object({
  apiKey: z.string().min(1),
  environment: leverEnvironmentSchema,
  stageCount: z.number(),
  userCount: z.number(),
  connectedAt: z.number(),
});
export type LeverConnection = z.infer<typeof leverConnectionSchema>;

export const coderpadConnectionSchema = z.object({
  apiKey: z.string().min(1),
  organizationName: z.string().nullable(),
  padsRemaining: z.number().nullable(),
  unlimited: z.boolean(),
  connectedAt: z.number(),
});
export type CoderPadConnection = z.infer<typeof coderpadConnectionSchema>;

export const actAsSchema = z.object({ userId: z.string(), name: z.string(), email: z.string().nullable() });
export type ActAs = z.infer<typeof actAsSchema>;

export const MAX_PAD_RECORDS = 2000;

export const cachedOpportunitySchema = z.object({ at: z.number(), opportunity: z.unknown() });

function defineParsed<T>(
  key: `local:${string}` | `session:${string}`,
  schema: z.ZodType<T>,
  fallback: T,
  versioning: { version: number; migrations?: Record<number, (old: unknown) => unknown> } = { version: 1 },
) {
  const item = storage.defineItem<unknown>(key, { fallback, ...versioning });
  const parse = (raw: unknown): T => {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    console.warn(`PadBridge: stored ${key} did not parse; using the default`, result.error.issues[0]);
    return fallback;
  };
  return {
    key,
    get: async (): Promise<T> => parse(await item.getValue()),
    set: async (value: T) => item.setValue(schema.parse(value)),
    remove: () => item.removeValue(),
    watch: (callback: (value: T) => void) => item.watch((raw) => callback(parse(raw))),
    /** Runs the pending migrations now (WXT also runs them when the item is defined). */
    migrate: () => item.migrate(),
  };
}

// Keys live only in extension-local storage: never sync, never exported.
export const leverConnection = defineParsed('local:lever', leverConnectionSchema.nullable(), null);
export const coderpadConnection = defineParsed('local:coderpad', coderpadConnectionSchema.nullable(), null);
export const actAs = defineParsed('local:actAs', actAsSchema.nullable(), null);
export const configurations = defineParsed('local:configurations', z.array(configurationSchema), []);
export const padRecords = defineParsed('local:padRecords', z.array(padRecordSchema), [], {
  version: PAD_RECORDS_VERSION,
  migrations: padRecordsMigrations,
});
/** The journal: one job per (environment, candidate, configuration), newest attempt. */
export const jobs = defineParsed('local:jobs', z.record(z.string(), jobSchema), {});
/** Candidates read when their page opened, so a click does not wait for Lever. */
export const candidateCache = defineParsed('session:candidates', z.record(z.string(), cachedOpportunitySchema), {});
