import type { Job } from '../pad-job/job';
import { padIdsInText } from '../services/coderpad/links';
import { ApiError } from '../services/http/errors';
import { clockOffset } from '../services/http/server-clock';
import type { LeverClient } from '../services/lever/client';
import { type Note, noteTexts } from '../services/lever/schemas';
import * as autoItems from './items';
import { claimNoteText, claimsOnTag, lapsedClaims, liveClaims, winningClaim } from './claim';

/*
 * The checks of a candidate's claims against what Lever holds now, for the job and a click
 * (the poll writes and settles claims in poller.ts; how claims are read is claim.ts).
 */

/** Whether a note holds a CoderPad pad link (a whole link by `isPadUrl`'s rule: "coderpad.io/docs" is none): a pad exists. */
export const namesPad = (notes: Note[]) => notes.some((note) => padIdsInText(noteTexts(note)).length > 0);

/**
 * The lapsed claims a new pad would take over, when the candidate has no live claim: the pad job
 * looks for a pad made under one of them before asking for its own. `since` is on this machine's clock.
 */
export async function takeoverOf(
  notes: Note[],
  tag: string,
  leverNow: number,
  ttlMs: number,
): Promise<Job['takesOver']> {
  const lapsed = lapsedClaims(notes, tag, leverNow, ttlMs);
  if (lapsed.length === 0) return null;
  const first = Math.min(...lapsed.map((claim) => claim.at));
  return { claimIds: lapsed.map((claim) => claim.claimId), since: first - (await clockOffset('lever')) };
}

/** Now on Lever's clock, and the claims' timing. */
async function claimClock(now: number) {
  const [timing, offset] = await Promise.all([autoItems.autoTiming.get(), clockOffset('lever')]);
  return { ttlMs: timing.claimTtlMs, leverNow: now + offset };
}

/**
 * Before a resumed auto-mode job goes on. With no pad asked for yet, its claim must still be the
 * one that holds and no pad may have appeared meanwhile (its worker was stopped for long, and
 * another browser took over once the claim lapsed). Then, while the job is unfinished, its claim
 * is renewed once half its life is gone: a winner whose Lever writes keep failing is not taken
 * over while it is still at work.
 */
export async function checkAutoClaim(lever: LeverClient, job: Job, now: number): Promise<void> {
  if (!job.claimId) return;
  const { ttlMs, leverNow } = await claimClock(now);
  const notes = await lever.listNotes(job.opportunityId);
  if (!job.pad && job.padPostedAt === null) {
    const winner = winningClaim(notes, job.tag, leverNow, ttlMs);
    if (namesPad(notes) || (winner !== undefined && winner !== job.claimId)) {
      throw new ApiError({ kind: 'claimed_elsewhere', service: 'lever' });
    }
  }
  const mine = claimsOnTag(notes, job.tag).find((claim) => claim.claimId === job.claimId);
  if (mine && leverNow - mine.last > ttlMs / 2) {
    await lever.addNote(job.opportunityId, claimNoteText(job.tag, job.claimId, job.noteLanguage), {
      performAs: job.performAs ?? undefined,
    });
  }
}

/**
 * What a click on a candidate in a configuration's tag and stage finds among their claims:
 * whether another browser's auto mode holds a live one (the click then leaves the pad to that
 * browser; this browser's own claim does not count, its poll finds the click's job and makes no
 * second pad), and otherwise the lapsed claims the click's pad takes over.
 */
export async function autoClaims(
  lever: LeverClient,
  opportunityId: string,
  tag: string,
  key: string,
  now: number,
): Promise<{ held: boolean; takesOver: Job['takesOver'] }> {
  const [{ ttlMs, leverNow }, state] = await Promise.all([claimClock(now), autoItems.autoState.get()]);
  const mine = state.claims[key]?.claimId;
  const notes = await lever.listNotes(opportunityId);
  const held = liveClaims(notes, tag, leverNow, ttlMs).some((claim) => claim.claimId !== mine);
  return { held, takesOver: held ? null : await takeoverOf(notes, tag, leverNow, ttlMs) };
}
