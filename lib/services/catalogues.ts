import { browser } from 'wxt/browser';
import { type Skipped, skippedOf } from './http/items';

/*
 * Lever's stages and users and CoderPad's questions and quota, as last read: one session-storage item per
 * catalogue (gone when the browser closes), with when it was read. Each reader says how old a
 * reading it accepts: a click checks its stage against one at most ten minutes old, the options
 * page and the checks of a saved configuration accept ten minutes, and Refresh reads anew.
 * Readings under way are shared, so pages opening together ask once.
 */

/**
 * `coderpadUser`: whether an address is a user of the CoderPad organisation (scope: the address);
 * `posting`: a Lever job posting's title (scope: environment and posting id).
 */
export type CatalogueName = 'stages' | 'users' | 'questions' | 'quota' | 'coderpadUser' | 'posting';

/** How old a reading the options page, and the checks of a saved configuration, accept. */
export const SETTINGS_CATALOGUE_MS = 10 * 60_000;

/**
 * Lever's stages and CoderPad's quota as candidate pages check them: a click trusts a reading of
 * the last ten minutes; a page that opens reads them again past half that, so the click it leads
 * to within five minutes never waits for them. Every request a page open saves counts: a team's
 * browsers share one Lever key's ten requests a second.
 */
export const CLICK_CATALOGUE_MS = 10 * 60_000;
export const PAGE_OPEN_CATALOGUE_MS = CLICK_CATALOGUE_MS / 2;

interface Reading<T> {
  at: number;
  items: T[];
  /** What the service sent that could not be read, left out of `items`. */
  skipped?: Skipped;
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
  const reading: Reading<T> = { at: now, items, skipped: skippedOf(items) };
  await browser.storage.session.set({ [keyOf(name, scope)]: reading });
}

/** What the last reading of a catalogue left out (none when it was not read, or left nothing out). */
export async function skippedIn(name: CatalogueName, scope: string): Promise<Skipped | null> {
  const key = keyOf(name, scope);
  const kept = (await browser.storage.session.get(key))[key] as Reading<unknown> | undefined;
  return kept?.skipped?.count ? kept.skipped : null;
}

/** Forgets one catalogue's reading (it proved out of date). */
export async function forgetCatalogue(name: CatalogueName, scope: string): Promise<void> {
  await browser.storage.session.remove(keyOf(name, scope));
}

/** A catalogue as last read, without asking the service (undefined when none is kept). */
export async function keptCatalogue<T>(name: CatalogueName, scope: string): Promise<T[] | undefined> {
  const key = keyOf(name, scope);
  const kept = (await browser.storage.session.get(key))[key] as Reading<T> | undefined;
  return kept && Array.isArray(kept.items) ? kept.items : undefined;
}

/** Forgets what was read for a scope (its key was replaced or removed). */
export async function forgetCatalogues(scope: string): Promise<void> {
  const names: CatalogueName[] = ['stages', 'users', 'questions', 'quota'];
  await browser.storage.session.remove(names.map((name) => keyOf(name, scope)));
}
