import { browser } from 'wxt/browser';
import type { LeverEnvironment } from '../environments';
import type { LeverClient } from './client';

/*
 * Lever's stage list, remembered for the session: read when a candidate page opens (beside the
 * candidate), when Lever is connected and when configurations are saved, so a click soon after
 * knows whether a configuration's stage still exists without asking again.
 */

/** A stage list read this recently is trusted by a click; older, it is read again. */
const STAGES_CACHE_MS = 60_000;

/** Remembers Lever's stages (the options page and connecting read them anyway). */
export async function rememberStages(environment: LeverEnvironment, ids: string[], now: number): Promise<void> {
  await browser.storage.session.set({ [`stages:${environment}`]: { at: now, ids } });
}

/** Reads Lever's stages now and remembers them (on page open, beside the candidate). */
export async function readStages(lever: LeverClient, environment: LeverEnvironment, now: number): Promise<string[]> {
  const ids = (await lever.listStages()).map((s) => s.id);
  await rememberStages(environment, ids, now);
  return ids;
}

/** Whether Lever still has this stage: from the stages read when the page opened, or read again. */
export async function stageExists(
  lever: LeverClient,
  environment: LeverEnvironment,
  stageId: string,
  now: number,
): Promise<boolean> {
  const key = `stages:${environment}`;
  const cached = (await browser.storage.session.get(key))[key] as { at?: number; ids?: unknown } | undefined;
  const ids = Array.isArray(cached?.ids) ? (cached.ids as string[]) : undefined;
  // A stage found in a recent list is there; one missing from it is checked against Lever now.
  if (ids && now - (cached?.at ?? 0) < STAGES_CACHE_MS && ids.includes(stageId)) return true;
  return (await readStages(lever, environment, now)).includes(stageId);
}
