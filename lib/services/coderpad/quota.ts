import { CLICK_CATALOGUE_MS, forgetCatalogue, PAGE_OPEN_CATALOGUE_MS, readCatalogue } from '../catalogues';
import type { CoderPadClient } from './client';
import type { Quota } from './schemas';

/*
 * CoderPad's monthly allowance as candidate pages check it. A reading that says plenty are left is
 * trusted as Lever's stages are (a page re-reads it past five minutes, a click trusts ten): CoderPad
 * itself refuses a pad past the month ("Over quota"), and the pad is asked for before anything is
 * written to Lever, so a month used up meanwhile by colleagues still leaves Lever untouched, and
 * that refusal makes the next page read the quota anew. Near the end of the month's pads (or with
 * none left) a page that opens reads it unless it was read in the last half minute, and the click
 * reads it again.
 */

/** More pads left than this, a reading is trusted as long as Lever's stages. */
const PLENTY = 10;
/** How old a reading that says few are left a page that opens accepts. */
const FEW_LEFT_PAGE_OPEN_MS = 30_000;

type Client = CoderPadClient | Promise<CoderPadClient>;

const read = async (coderpad: Client, now: number, maxAgeMs: number): Promise<Quota | undefined> =>
  (await readCatalogue('quota', 'coderpad', async () => [await (await coderpad).getQuota()], { maxAgeMs, now }))[0];

/** Pads past the plan's limit are billed, not refused: CoderPad makes them. */
const billedPast = (quota: Quota) => quota.unlimited === true || quota.overages_enabled === true;
const plenty = (quota: Quota | undefined) =>
  !quota || billedPast(quota) || quota.pads_remaining == null || quota.pads_remaining > PLENTY;
const hasPadsLeft = (quota: Quota | undefined) =>
  !quota || billedPast(quota) || quota.pads_remaining == null || quota.pads_remaining > 0;

/** The quota for a page that opens: a reading of the last five minutes that says plenty, or of the last half minute, or read now. */
export async function readQuota(coderpad: Client, now: number): Promise<Quota | undefined> {
  const kept = await read(coderpad, now, PAGE_OPEN_CATALOGUE_MS);
  return plenty(kept) ? kept : read(coderpad, now, FEW_LEFT_PAGE_OPEN_MS);
}

/**
 * Whether the account may make another pad this month: an unlimited plan, one billing overages, or
 * an answer without figures counts as yes (CoderPad itself refuses if it must).
 */
export async function padsLeft(coderpad: Client, now: number): Promise<boolean> {
  if (plenty(await read(coderpad, now, CLICK_CATALOGUE_MS))) return true;
  return hasPadsLeft(await read(coderpad, now, 0));
}

/** CoderPad refused a pad for the month: the reading that said otherwise is read anew next time. */
export const forgetQuota = (): Promise<void> => forgetCatalogue('quota', 'coderpad');
