import { browser } from 'wxt/browser';

/*
 * Lever's stages and users and CoderPad's questions and quota, as last read: one session-storage item per
 * catalogue (gone when the browser closes), with when it was read. Each reader says how old a
 * reading it accepts: a click checks its stage against one at most a minute old, the options
 * page and the checks of a saved configuration accept ten minutes, and Refresh reads anew.
 * Readings under way are shared, so pages opening together ask once.
 */

export type CatalogueName = 'stages' | 'users' | 'questions' | 'quota';

/** How old a reading the options page, and the checks of a saved configuration, accept. */
export const SETTINGS_CATALOGUE_MS = 10 * 60_000;

interface Reading<T> {
  at: number;
  items: T[];
}

const keyOf = (name: CatalogueName, scope: string) => `catalogue:${name}:${scope}`;
const underWay = new Map<string, Promise<unknown[]>>();

/**
 * A catalogue read at most `maxAgeMs` ago (0: read now), or read now and kept. `scope` names
 * whose catalogue it is (Lever's environment, or CoderPad).
 */
export async function readCatalogue<T>(
  name: CatalogueName,
  scope: string,
  read: () => Promise<T[]>,
  options: { maxAgeMs: number; now: number },
): Promise<T[]> {
  const key = keyOf(name, scope);
  if (options.maxAgeMs > 0) {
    const kept = (await browser.storage.session.get(key))[key] as Reading<T> | undefined;
    if (kept && Array.isArray(kept.items) && options.now - kept.at < options.maxAgeMs) return kept.items;
  }
  let reading = underWay.get(key) as Promise<T[]> | undefined;
  if (!reading) {
    reading = (async () => {
      const items = await read();
      await keepCatalogue(name, scope, items, options.now);
      return items;
    })().finally(() => underWay.delete(key));
    underWay.set(key, reading);
  }
  return reading;
}

/** Keeps a catalogue just read elsewhere (testing a key reads Lever's stages and users). */
export async function keepCatalogue<T>(name: CatalogueName, scope: string, items: T[], now: number): Promise<void> {
  await browser.storage.session.set({ [keyOf(name, scope)]: { at: now, items } satisfies Reading<T> });
}

/** Forgets what was read for a scope (its key was replaced or removed). */
export async function forgetCatalogues(scope: string): Promise<void> {
  const names: CatalogueName[] = ['stages', 'users', 'questions', 'quota'];
  await browser.storage.session.remove(names.map((name) => keyOf(name, scope)));
}
