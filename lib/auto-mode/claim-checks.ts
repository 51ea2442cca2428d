import type { Job } from '../pad-job/job';
import { padIdsInText } from '../services/coderpad/links';
import { ApiError } from '../services/http/errors';
import { serverTime } from '../services/http/server-clock';
import type { LeverClient } from '../services/lever/client';
import { type Note, noteTexts } from '../services/lever/schemas';
import * as store from '../storage/items';
import { liveClaims, winningClaim } from './claim';

/*
 * The checks of a candidate's claims against what Lever holds now, for the job and a click
 * (the poll writes and settles claims in poller.ts; how claims are read is claim.ts).
 */

/** Whether a note holds a CoderPad pad link (a whole link by `isPadUrl`'s rule: "coderpad.io/docs" is none): a pad exists. */
export const namesPad = (notes: Note[]) => notes.some((note) => padIdsInText(noteTexts(note)).length > 0);

/**
 * Before a resumed auto-mode job asks CoderPad for a pad: its claim must still be the one that
 * holds, and no pad may have appeared meanwhile (its worker was stopped for long, and another
 * browser took over once the claim lapsed).
 */
export async function stillClaimed(lever: LeverClient, job: Job, now: number): Promise<void> {
  const timing = await store.autoTiming.get();
  const notes = await lever.listNotes(job.opportunityId);
  const winner = winningClaim(notes, job.tag, await serverTime('lever', now), timing.claimTtlMs);
  if (namesPad(notes) || (winner !== undefined && winner !== job.claimId)) {
    throw new ApiError({ kind: 'claimed_elsewhere', service: 'lever' });
  }
}

/**
 * Whether another browser holds a live claim on this tag among the candidate's notes: a click
 * that finds one leaves the pad to that browser. This browser's own claim does not count (its
 * poll, finding the click's job in the journal, makes no second pad).
 */
export async function autoClaimHeld(
  lever: LeverClient,
  opportunityId: string,
  tag: string,
  key: string,
  now: number,
): Promise<boolean> {
  const [timing, state] = await Promise.all([store.autoTiming.get(), store.autoState.get()]);
  const mine = state.claims[key]?.claimId;
  const notes = await lever.listNotes(opportunityId);
  return liveClaims(notes, tag, await serverTime('lever', now), timing.claimTtlMs).some(
    (claim) => claim.claimId !== mine,
  );
}
