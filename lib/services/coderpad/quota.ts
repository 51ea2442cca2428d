import { CLICK_CATALOGUE_MS, PAGE_OPEN_CATALOGUE_MS, readCatalogue } from '../catalogues';
import type { CoderPadClient } from './client';
import type { Quota } from './schemas';

/*
 * CoderPad's monthly allowance as candidate pages check it: a page that opens reads it unless it
 * was read in the last half minute (so the click it leads to finds it fresh), and a click trusts a
 * reading of the last minute when it says plenty are left. Near
 * the end of the month's pads (or with none left) the click reads it again, so a month used up
 * meanwhile by colleagues is refused before anything is written to Lever.
 */

/** More pads left than this, a reading of the last minute is trusted by a click. */
const PLENTY = 10;

type Client = CoderPadClient | Promise<CoderPadClient>;

const read = async (coderpad: Client, now: number, maxAgeMs: number): Promise<Quota | undefined> =>
  (await readCatalogue('quota', 'coderpad', async () => [await (await coderpad).getQuota()], { maxAgeMs, now }))[0];

/** Pads past the plan's limit are billed, not refused: CoderPad makes them. */
const billedPast = (quota: Quota) => quota.unlimited === true || quota.overages_enabled === true;
const plenty = (quota: Quota | undefined) =>
  !quota || billedPast(quota) || quota.pads_remaining == null || quota.pads_remaining > PLENTY;
const hasPadsLeft = (quota: Quota | undefined) =>
  !quota || billedPast(quota) || quota.pads_remaining == null || quota.pads_remaining > 0;

/** The quota for a page that opens: read in the last half minute, or read now. */
export function readQuota(coderpad: Client, now: number): Promise<Quota | undefined> {
  return read(coderpad, now, PAGE_OPEN_CATALOGUE_MS);
}

/**
 * Whether the account may make another pad this month: an unlimited plan, one billing overages, or
 * an answer without figures counts as yes (CoderPad itself refuses if it must).
 */
export async function padsLeft(coderpad: Client, now: number): Promise<boolean> {
  if (plenty(await read(coderpad, now, CLICK_CATALOGUE_MS))) return true;
  return hasPadsLeft(await read(coderpad, now, 0));
}
