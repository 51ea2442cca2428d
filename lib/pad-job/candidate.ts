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

/**
 * The candidate behind a page id, from the short cache filled when the page opened, or from Lever
 * (the client may still be on its way: it is awaited only when Lever must be asked).
 */
export async function readCandidate(
  lever: LeverClient | Promise<LeverClient>,
  environment: LeverEnvironment,
  id: string,
  now: number,
  options: { fresh?: boolean } = {},
): Promise<Opportunity> {
  const cacheKey = `${environment}:${id}`;
  if (!options.fresh) {
    const parsed = opportunitySchema.safeParse(await candidateCache.get(cacheKey, CANDIDATE_CACHE_MS, now));
    if (parsed.success) return parsed.data;
  }
  const opportunity = await (await lever).getOpportunity(id);
  await candidateCache.set(cacheKey, opportunity, now, CANDIDATE_CACHE_MS);
  return opportunity;
}

/** The candidate changed (or may have): the next read comes from Lever. */
export const forgetCandidate = (environment: LeverEnvironment, id: string) =>
  candidateCache.drop(`${environment}:${id}`);

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
