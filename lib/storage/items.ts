import { browser } from 'wxt/browser';
import { DEFAULT_NOTE_LANGUAGE, noteLanguageSchema } from '../text/note-language';
import { storage } from 'wxt/utils/storage';
import { Mutex } from 'async-mutex';
import { z } from 'zod';
import { db } from './db';
import { leverEnvironmentSchema } from '../services/environment-schema';

/**
 * The small items PadBridge stores that belong to no one concern: the service keys (in the
 * extension's IndexedDB), Act as, the notes' language, the configurations as stored and the
 * candidate cache; and `storedItem`, which each concern uses for its own (auto mode's are in
 * lib/auto-mode/items.ts). Pad records and the job journal are rows in IndexedDB
 * (lib/pads/record-table.ts, lib/pad-job/journal.ts); configurations are read element by element
 * (lib/configurations/stored.ts).
 */

export const leverConnectionSchema = z.object({
  apiKey: z.string().min(1),
  environment: leverEnvironmentSchema,
  stageCount: z.number(),
  userCount: z.number(),
  connectedAt: z.number(),
  /** The key came from the organisation's policy: it goes when the policy drops or changes it. */
  fromPolicy: z.boolean().default(false),
});
export type LeverConnection = z.infer<typeof leverConnectionSchema>;

export const coderpadConnectionSchema = z.object({
  apiKey: z.string().min(1),
  organizationName: z.string().nullable(),
  padsRemaining: z.number().nullable(),
  unlimited: z.boolean(),
  /** Pads past the plan's limit are billed, not refused. */
  overages: z.boolean().default(false),
  /** The organisation's default pad language, as CoderPad names it. */
  defaultLanguage: z.string().nullable().default(null),
  connectedAt: z.number(),
  /** The key came from the organisation's policy: it goes when the policy drops or changes it. */
  fromPolicy: z.boolean().default(false),
});
export type CoderPadConnection = z.infer<typeof coderpadConnectionSchema>;

export const actAsSchema = z.object({ userId: z.string(), name: z.string(), email: z.string().nullable() });
export type ActAs = z.infer<typeof actAsSchema>;

export const cachedOpportunitySchema = z.object({ at: z.number(), opportunity: z.unknown() });

/** A setting in extension storage, parsed at every read: one that does not parse reads as the fallback. */
export function storedItem<T>(
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
    /** The value as stored, parsed or not (for export when it does not parse). */
    raw: () => item.getValue(),
  };
}

/**
 * A service key and what was learned when it was tested. Kept in the extension's IndexedDB,
 * which content scripts (running in the Lever page's origin) cannot open, and never synced.
 * A key stored in extension storage by an older version moves there on first read; readers that
 * ask while it moves share that one move (a second reader would otherwise find it in neither place).
 */
function defineSecret<T>(name: 'lever' | 'coderpad', schema: z.ZodType<T>) {
  const parse = (raw: unknown): T | null => {
    const result = schema.safeParse(raw);
    return result.success ? result.data : null;
  };
  let moving: Promise<T | null> | undefined;
  async function moveLegacy(): Promise<T | null> {
    const legacy = (await browser.storage.local.get(name))[name];
    if (legacy === undefined) return null;
    const value = parse(legacy);
    // A key that does not parse stays where it is (reconnecting replaces it); one that does moves.
    if (value === null) return null;
    await db().secrets.put({ name, value });
    await browser.storage.local.remove(name);
    return value;
  }
  return {
    async get(): Promise<T | null> {
      const row = await db().secrets.get(name);
      if (row) return parse(row.value);
      moving ??= moveLegacy().finally(() => {
        moving = undefined;
      });
      return moving;
    },
    async set(value: T | null): Promise<void> {
      if (value === null) await db().secrets.delete(name);
      else await db().secrets.put({ name, value: schema.parse(value) });
      await browser.storage.local.remove(name);
    },
  };
}

export const leverConnection = defineSecret('lever', leverConnectionSchema);
export const coderpadConnection = defineSecret('coderpad', coderpadConnectionSchema);
export const actAs = storedItem('local:actAs', actAsSchema.nullable(), null);
/** The language of the notes PadBridge writes into Lever (an organisation's policy may fix it). */
export const noteLanguage = storedItem('local:noteLanguage', noteLanguageSchema, DEFAULT_NOTE_LANGUAGE);
/** Configurations, as stored: read element by element through lib/configurations/store.ts. */
export const configurationsItem = storage.defineItem<unknown>('local:configurations', { fallback: [], version: 1 });

/**
 * Candidates read when their page opened, so a click does not wait for Lever: one session item
 * per candidate (no shared value to read-modify-write), gone when the browser closes.
 */
export const candidateCache = {
  async get(key: string, maxAgeMs: number, now: number): Promise<unknown> {
    const item = `cand:${key}`;
    const parsed = cachedOpportunitySchema.safeParse((await browser.storage.session.get(item))[item]);
    return parsed.success && now - parsed.data.at < maxAgeMs ? parsed.data.opportunity : undefined;
  },
  /**
   * Keeps a reading. Bounded: at most CACHE_ENTRIES readings (the soonest to expire go first) of
   * at most CACHE_ITEM_BYTES each (a larger one is not kept); the index of what is kept is one
   * small item, so a write never reads the rest of session storage.
   */
  set: (key: string, value: unknown, now: number, maxAgeMs: number): Promise<void> =>
    cacheLock.runExclusive(async () => {
      const item = `cand:${key}`;
      const index = await cacheIndex();
      const fits = JSON.stringify(value ?? null).length <= CACHE_ITEM_BYTES;
      if (fits) index[key] = now + maxAgeMs;
      else delete index[key];
      const kept = Object.entries(index)
        .filter(([, expires]) => expires > now)
        .sort((a, b) => b[1] - a[1])
        .slice(0, CACHE_ENTRIES);
      const next = Object.fromEntries(kept);
      const gone = Object.keys(index).filter((name) => !(name in next));
      if (!fits) gone.push(key);
      if (gone.length) await browser.storage.session.remove(gone.map((name) => `cand:${name}`));
      await browser.storage.session.set({
        [CACHE_INDEX]: next,
        ...(fits ? { [item]: { at: now, opportunity: value } } : {}),
      });
    }),
  drop: (key: string) =>
    cacheLock.runExclusive(async () => {
      const index = await cacheIndex();
      delete index[key];
      await browser.storage.session.remove(`cand:${key}`);
      await browser.storage.session.set({ [CACHE_INDEX]: index });
    }),
};

/** The short caches' bounds: readings kept, and the size of one. */
export const CACHE_ENTRIES = 300;
export const CACHE_ITEM_BYTES = 256 * 1024;
const CACHE_INDEX = 'candIndex';
const cacheLock = new Mutex();

/** What the short cache holds: its keys, each with when it expires. */
async function cacheIndex(): Promise<Record<string, number>> {
  const parsed = z
    .record(z.string(), z.number())
    .safeParse((await browser.storage.session.get(CACHE_INDEX))[CACHE_INDEX]);
  return parsed.success ? parsed.data : {};
}
