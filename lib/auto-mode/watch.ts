import { z } from 'zod';
import { db, parseRows, rawKey } from '../storage/db';
import type { Configuration } from '../configurations/configuration';
import { leverEnvironmentSchema } from '../services/environment-schema';
import { ApiError } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import type { Opportunity } from '../services/lever/schemas';
import { inTagAndStage } from './pace';

/*
 * The watch list: candidates auto mode stepped back from because another claim held (another
 * browser at work, or a claim written by hand), with the time that claim lapses on Lever's clock.
 * Until then the poll reads nothing of theirs; from then it looks at them again even when Lever no
 * longer lists them as changed, and claims them the usual way. A candidate leaves the list when
 * they have a pad, leave the tag or the stage, are archived, or this browser starts their job.
 */

export const watchedSchema = z.object({
  /** The job key (environment, opportunity, configuration). */
  key: z.string(),
  environment: leverEnvironmentSchema,
  opportunityId: z.string(),
  configurationId: z.string(),
  /** When the claim that held lapses, on Lever's clock. */
  lapseAt: z.number(),
});
export type Watched = z.infer<typeof watchedSchema>;

/** Kept small: past this, the entries that lapse first are looked at by the poll's overlap only. */
const MAX_WATCHED = 2_000;
const table = () => db().watch;
const keyOf = rawKey('key');

/** Follows a candidate until the claim that holds them lapses (a later claim moves the time). */
export async function watch(entry: Watched): Promise<void> {
  await db().transaction('rw', table(), async () => {
    await table().put(watchedSchema.parse(entry));
    const over = (await table().count()) - MAX_WATCHED;
    if (over > 0) await table().bulkDelete(await table().orderBy('lapseAt').limit(over).primaryKeys());
  });
}

export async function unwatch(key: string): Promise<void> {
  await table().delete(key);
}

/** When the claim that held this candidate lapses, while they are followed. */
export async function watchedUntil(key: string): Promise<number | undefined> {
  const [entry] = await parseRows('watch', [await table().get(key)].filter(Boolean), keyOf, watchedSchema);
  return entry?.lapseAt;
}

/** The followed candidates of a configuration whose claim lapsed by `leverNow`. */
export async function watchedDue(configurationId: string, leverNow: number): Promise<Watched[]> {
  const rows = await table()
    .where('[configurationId+lapseAt]')
    .between([configurationId, -Infinity], [configurationId, leverNow], true, true)
    .toArray();
  return parseRows('watch', rows, keyOf, watchedSchema);
}

/**
 * The followed candidates of a configuration whose claim lapsed by `leverNow` and who are not in
 * this poll's list (`listed`), read again from Lever: those still open in the tag and stage. The
 * others leave the list.
 */
export async function lapsedSince(
  lever: LeverClient,
  config: Configuration,
  leverNow: number,
  listed: Set<string>,
): Promise<Opportunity[]> {
  const found: Opportunity[] = [];
  for (const due of await watchedDue(config.id, leverNow)) {
    if (listed.has(due.opportunityId)) continue;
    const current = await lever.getOpportunity(due.opportunityId, { background: true }).catch((error: unknown) => {
      if (error instanceof ApiError && error.kind === 'not_found') return undefined;
      throw error;
    });
    if (current && inTagAndStage(current, config)) found.push(current);
    else await unwatch(due.key);
  }
  return found;
}
