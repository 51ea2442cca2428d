import { noteLanguageInForce } from '../configurations/note-language';
import type { Configuration } from '../configurations/configuration';
import type { Job } from '../pad-job/job';
import type { LeverClient } from '../services/lever/client';
import type { Opportunity } from '../services/lever/schemas';
import * as store from '../storage/items';
import * as autoItems from './items';
import { type Claim, claimNoteText, liveClaims } from './claim';
import { namesPad, takeoverOf } from './claim-checks';
import type { AutoTiming } from './state-schema';
import { changeAutoState } from './state';

/*
 * The poll's claim on one candidate: the note it writes, the pause, and the reading that decides
 * (how claims are ordered is claim.ts; the checks of a resumed job and a click are claim-checks.ts).
 */

export interface ClaimClock {
  now(): number;
  /** Now on Lever's clock: what note times are compared with. */
  leverNow(): Promise<number>;
  sleep(ms: number): Promise<void>;
  newId(): string;
}

/**
 * Claims the candidate for this browser: a claim note (unless this browser's is already
 * there), a pause, the notes read again. Answers the claim id when it wins; otherwise whether
 * another browser's claim came first or a pad appeared meanwhile.
 */
export async function claimCandidate(
  lever: LeverClient,
  key: string,
  opportunity: Opportunity,
  config: Configuration,
  timing: AutoTiming,
  clock: ClaimClock,
): Promise<{ won: string; takesOver: Job['takesOver'] } | { lost: 'pad' } | { lost: 'claim'; until: number }> {
  const before = await lever.listNotes(opportunity.id, { background: true });
  if (namesPad(before)) return { lost: 'pad' };
  const at = await clock.leverNow();
  const live = liveClaims(before, config.tag, at, timing.claimTtlMs);
  /** When the claim that holds lapses (a claim without a time: one lapse from now). */
  const lapse = (holder: Claim) => (Number.isFinite(holder.last) ? holder.last : at) + timing.claimTtlMs;
  const mine = (await autoItems.autoState.get()).claims[key];
  let claimId = mine?.claimId;
  if (!claimId || !live.some((c) => c.claimId === claimId)) {
    // Another browser's live claim: it is on it.
    if (live[0]) return { lost: 'claim', until: lapse(live[0]) };
    claimId ??= clock.newId();
    const id = claimId;
    // Kept before the note leaves: a worker stopped now knows which claim may be its own.
    await changeAutoState((s) => ({ ...s, claims: { ...s.claims, [key]: { claimId: id, at: clock.now() } } }));
    const actAs = await store.actAs.get();
    const { language } = await noteLanguageInForce();
    await lever.addNote(opportunity.id, claimNoteText(config.tag, id, language), {
      performAs: actAs?.userId,
      background: true,
    });
  }
  await clock.sleep(timing.claimWaitMs);
  const after = await lever.listNotes(opportunity.id, { background: true });
  if (namesPad(after)) return { lost: 'pad' };
  const settled = await clock.leverNow();
  const winner = liveClaims(after, config.tag, settled, timing.claimTtlMs)[0];
  if (winner && winner.claimId !== claimId) return { lost: 'claim', until: lapse(winner) };
  // Claims that lapsed before this one: their browsers may have made a pad Lever never heard of.
  return { won: claimId, takesOver: await takeoverOf(after, config.tag, settled, timing.claimTtlMs) };
}
