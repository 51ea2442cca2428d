import { CLICK_CATALOGUE_MS, PAGE_OPEN_CATALOGUE_MS, readCatalogue } from '../catalogues';
import type { LeverEnvironment } from '../environments';
import type { LeverClient } from './client';
import type { Stage } from './schemas';

/*
 * Lever's stages as candidate pages check them: a page that opens reads them beside the candidate
 * unless they were read in the last five minutes, and a click soon after trusts a reading of the
 * last ten. So a stage deleted in Lever after configurations were saved is marked by a page that
 * opens five minutes later at most, and a click within five minutes of its page opening never
 * waits for the list. A stage deleted in the minutes before a click: the pad is made (before any
 * write to Lever), Lever refuses the stage move, and the job names the stage that is gone.
 */

type Client = LeverClient | Promise<LeverClient>;

const stageList = (lever: Client, environment: LeverEnvironment, now: number, maxAgeMs: number) =>
  readCatalogue('stages', environment, async () => (await lever).listStages(), { maxAgeMs, now });
const stageIds = async (lever: Client, environment: LeverEnvironment, now: number, maxAgeMs: number) =>
  (await stageList(lever, environment, now, maxAgeMs)).map((s) => s.id);

/** The stages for a page that opens: read in the last five minutes, or read now. */
export function readStageList(lever: Client, environment: LeverEnvironment, now: number): Promise<Stage[]> {
  return stageList(lever, environment, now, PAGE_OPEN_CATALOGUE_MS);
}

/**
 * A click's check that Lever still has this stage: from the reading of the last ten minutes, else read again.
 * The client may still be on its way: it is awaited only when Lever must be asked.
 */
export async function stageExists(
  lever: Client,
  environment: LeverEnvironment,
  /** May still be on its way: the reading starts without it. */
  stageId: string | Promise<string>,
  now: number,
): Promise<boolean> {
  // A stage found in a recent reading is there; one missing from it is checked against Lever now.
  const [recent, id] = await Promise.all([stageIds(lever, environment, now, CLICK_CATALOGUE_MS), stageId]);
  if (recent.includes(id)) return true;
  return (await stageIds(lever, environment, now, 0)).includes(id);
}
