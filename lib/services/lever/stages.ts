import { browser } from 'wxt/browser';
import type { LeverEnvironment } from '../environments';
import type { LeverClient } from './client';

/*
 * Lever's stage list, as candidate pages read it: a page that opens reads it beside the candidate,
 * unless a page read it in the last minute; a click soon after trusts that reading. Only these
 * readings are kept (not the options page's), so a stage deleted in Lever after configurations
 * were saved is seen by the next page that opens.
 */

/** A stage list read this recently is trusted by a click; older, it is read again. */
const STAGES_CACHE_MS = 60_000;

type Cached = { at?: number; ids?: unknown } | undefined;
/** Readings under way, so pages opening together share one (an optimisation only: nothing relies on it). */
const reading = new Map<LeverEnvironment, Promise<string[]>>();

async function cachedStages(environment: LeverEnvironment, now: number): Promise<string[] | undefined> {
  const key = `stages:${environment}`;
  const cached = (await browser.storage.session.get(key))[key] as Cached;
  const fresh = cached && Array.isArray(cached.ids) && now - (cached.at ?? 0) < STAGES_CACHE_MS;
  return fresh ? (cached.ids as string[]) : undefined;
}

/** Reads Lever's stages now and keeps them for the clicks of the next minute. */
function readNow(
  lever: LeverClient | Promise<LeverClient>,
  environment: LeverEnvironment,
  now: number,
): Promise<string[]> {
  let under = reading.get(environment);
  if (!under) {
    under = (async () => {
      const ids = (await (await lever).listStages()).map((s) => s.id);
      await browser.storage.session.set({ [`stages:${environment}`]: { at: now, ids } });
      return ids;
    })().finally(() => reading.delete(environment));
    reading.set(environment, under);
  }
  return under;
}

/** The stage ids for a page that opens: read in the last minute, or read now. */
export async function readStages(
  lever: LeverClient | Promise<LeverClient>,
  environment: LeverEnvironment,
  now: number,
): Promise<string[]> {
  return (await cachedStages(environment, now)) ?? readNow(lever, environment, now);
}

/** Whether Lever still has this stage: from the reading of the last minute, else read again. */
export async function stageExists(
  /** The client, or the promise of one: awaited only when Lever must be asked. */
  lever: LeverClient | Promise<LeverClient>,
  environment: LeverEnvironment,
  stageId: string,
  now: number,
): Promise<boolean> {
  // A stage found in a recent reading is there; one missing from it is checked against Lever now.
  if ((await cachedStages(environment, now))?.includes(stageId)) return true;
  return (await readNow(lever, environment, now)).includes(stageId);
}
