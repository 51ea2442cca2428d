import { browser } from 'wxt/browser';
import type { Configuration } from '../configurations/schema';
import type { LeverEnvironment } from '../services/environments';
import type { LeverClient } from '../services/lever/client';
import { type Opportunity, opportunitySchema } from '../services/lever/schemas';
import { padIdFromUrl } from '../services/coderpad/links';
import type { ExistingPad } from './job';
import { recordsFor } from '../pads/store';
import { candidateCache } from '../storage/items';

/** How long a candidate read on page open stays good enough for a click. */
const CANDIDATE_CACHE_MS = 60_000;
/** Lever's stage list is read when a candidate page opens; a click soon after uses that reading. */
const STAGES_CACHE_MS = CANDIDATE_CACHE_MS;

/** The candidate behind a page id, from the short cache filled when the page opened, or from Lever. */
export async function readCandidate(
  lever: LeverClient,
  environment: LeverEnvironment,
  id: string,
  now: number,
  fresh = false,
): Promise<Opportunity> {
  const cacheKey = `${environment}:${id}`;
  if (!fresh) {
    const parsed = opportunitySchema.safeParse(await candidateCache.get(cacheKey, CANDIDATE_CACHE_MS, now));
    if (parsed.success) return parsed.data;
  }
  const opportunity = await lever.getOpportunity(id);
  await candidateCache.set(cacheKey, opportunity, now, CANDIDATE_CACHE_MS);
  return opportunity;
}

/** The candidate changed (or may have): the next read comes from Lever. */
export const forgetCandidate = (environment: LeverEnvironment, id: string) =>
  candidateCache.drop(`${environment}:${id}`);

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

/** Pads this candidate already has, by configuration id (a pad deleted in CoderPad is not offered). */
export async function existingPads(
  environment: LeverEnvironment,
  opportunity: Opportunity,
  configs: Configuration[],
): Promise<Record<string, ExistingPad>> {
  const records = (await recordsFor(environment, opportunity.id)).filter((r) => r.status !== 'deleted');
  const ours = new Set(records.map((r) => r.padId));
  const foreign = opportunity.links
    .map((link) => ({ link, id: padIdFromUrl(link) }))
    .filter((l): l is { link: string; id: string } => l.id !== undefined && !ours.has(l.id));
  const existing: Record<string, ExistingPad> = {};
  for (const config of configs) {
    const record = records.filter((r) => r.configurationId === config.id).sort((a, b) => b.createdAt - a.createdAt)[0];
    if (record) {
      existing[config.id] = {
        source: 'padbridge',
        pad: { id: record.padId, url: record.url, type: record.padType, title: record.title },
        createdAt: record.createdAt,
      };
    } else if (foreign[0]) {
      existing[config.id] = {
        source: 'lever_link',
        pad: { id: foreign[0].id, url: foreign[0].link, type: null, title: null },
        createdAt: null,
      };
    }
  }
  return existing;
}
