import { readCatalogue } from '../catalogues';
import type { CoderPadClient } from './client';
import type { Quota } from './schemas';

/*
 * CoderPad's monthly allowance as candidate pages check it: a page that opens reads it unless it
 * was read in the last minute, and a click trusts that reading when it says pads are left. A
 * reading that says none are left is checked again before a click is refused.
 */

const QUOTA_CACHE_MS = 60_000;

type Client = CoderPadClient | Promise<CoderPadClient>;

const read = async (coderpad: Client, now: number, maxAgeMs: number): Promise<Quota | undefined> =>
  (await readCatalogue('quota', 'coderpad', async () => [await (await coderpad).getQuota()], { maxAgeMs, now }))[0];

const hasPadsLeft = (quota: Quota | undefined) =>
  !quota ||
  quota.unlimited === true ||
  quota.pads_remaining === null ||
  quota.pads_remaining === undefined ||
  quota.pads_remaining > 0;

/** The quota for a page that opens: read in the last minute, or read now. */
export function readQuota(coderpad: Client, now: number): Promise<Quota | undefined> {
  return read(coderpad, now, QUOTA_CACHE_MS);
}

/** Whether the account may make another pad this month (an answer without figures counts as yes). */
export async function padsLeft(coderpad: Client, now: number): Promise<boolean> {
  if (hasPadsLeft(await readQuota(coderpad, now))) return true;
  return hasPadsLeft(await read(coderpad, now, 0));
}
