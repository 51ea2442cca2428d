import type { CoderPadClient, CreatePadParams } from '../services/coderpad/client';
import type { Pad } from '../services/coderpad/schemas';
import { ApiError, isRefusal } from '../services/http/errors';
import { serverTime } from '../services/http/server-clock';
import { t } from '../text/i18n';
import { outsideLine } from '../text/outside';
import { trustedPadUrl } from '../services/coderpad/links';
import type { Job, PadSummary } from './job';
import { padMarker } from './notes';
import { forgetCatalogue, readCatalogue } from '../services/catalogues';
import { forgetQuota } from '../services/coderpad/quota';

/*
 * Exactly one pad per job. The journal records `padPostedAt` before a pad request leaves; only a
 * 4xx (CoderPad refused, made nothing) clears it. While it is set, no request is sent again
 * without proof that no pad exists: the pad list is searched for the job's marker (every page,
 * item by item, under the key owner and under the owner e-mail used) until CoderPad's list has
 * had time to catch up. If the pad is still not there, the job stops as "unconfirmed" and the
 * recruiter chooses: keep looking, or create anyway.
 */

export interface PadSearchTiming {
  /** How long CoderPad's pad list may lag behind a pad's creation. */
  lagMs: number;
  /** Pause between two searches of the list. */
  intervalMs: number;
}

export const PAD_SEARCH: PadSearchTiming = { lagMs: 90_000, intervalMs: 15_000 };
/**
 * Pads created this long before the request (on CoderPad's clock) are looked at too: the offset is
 * known to a second or two, and an offset learnt before the browser's clock was set may be stale.
 */
const CLOCK_SKEW_MS = 5 * 60_000;

export function padSummary(pad: Pad): PadSummary {
  return { id: pad.id, url: trustedPadUrl(pad), type: pad.type ?? null, title: pad.title ?? null };
}

/** The reference a pad's title carries, by which its list item is known even when the list leaves out notes. */
export const padTitleRef = (job: Pick<Job, 'id'>) => `PB-${job.id.slice(0, 8)}`;

/** The reference of an auto-mode claim in the title of the pad made under it. */
export const claimTitleRef = (claimId: string) => `PC-${claimId.slice(0, 8)}`;

const TITLE_SEPARATOR = ' · ';

/**
 * The title a job's pad is made with: the configuration's, then the job's reference, then (auto
 * mode) its claim's: a browser taking over a lapsed claim finds the pad made under it.
 */
export const titleWithRef = (job: Pick<Job, 'id' | 'title' | 'claimId'>) =>
  [job.title, padTitleRef(job), ...(job.claimId ? [claimTitleRef(job.claimId)] : [])].join(TITLE_SEPARATOR);

/** Whether a pad's title carries this reference as one of its parts (never inside a word). */
const titleHasRef = (title: string | null | undefined, ref: string) =>
  !!title && title.split(TITLE_SEPARATOR).slice(1).includes(ref);

/**
 * Looks for the job's pad in CoderPad's list, once. A pad owned by the key's owner is in `GET /pads`;
 * one made for another owner (Act as) only in the organisation's list. When the key may not read
 * that list, nothing can be confirmed: the job stops at once, saying so.
 */
export async function findJobPad(coderpad: CoderPadClient, job: Job): Promise<Pad | undefined> {
  // Compared with the pads' `created_at`: on CoderPad's clock.
  const since = (await serverTime('coderpad', job.padPostedAt ?? 0)) - CLOCK_SKEW_MS;
  const marker = padMarker(job.id);
  const ref = padTitleRef(job);
  const isJobs = (pad: Pad) => !!pad.notes?.includes(marker) || titleHasRef(pad.title, ref);
  // The key's owner made the pad (or was its fallback owner): its own list has it.
  const own = (await coderpad.listPadsSince(since, 'own')).find(isJobs);
  if (own || !job.ownerEmail) return own;
  try {
    return (await coderpad.listPadsSince(since, 'organization')).find(isJobs);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'permission')
      throw new ApiError({ kind: 'unconfirmed', service: 'coderpad', detail: 'unconfirmedOrganizationPads' });
    throw error;
  }
}

/**
 * A pad made under one of the lapsed claims this job takes over, if CoderPad lists one: the
 * key owner's pads, then the organisation's when the key may read them (a key that may not could
 * not have set another owner either: pads made with it are all in its owner's list).
 */
export async function findClaimPad(coderpad: CoderPadClient, job: Job): Promise<Pad | undefined> {
  if (!job.takesOver || job.takesOver.claimIds.length === 0) return undefined;
  const since = (await serverTime('coderpad', job.takesOver.since)) - CLOCK_SKEW_MS;
  const refs = job.takesOver.claimIds.map(claimTitleRef);
  const carries = (pad: Pad) => refs.some((ref) => titleHasRef(pad.title, ref));
  const own = (await coderpad.listPadsSince(since, 'own')).find(carries);
  if (own) return own;
  try {
    return (await coderpad.listPadsSince(since, 'organization')).find(carries);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'permission') return undefined;
    throw error;
  }
}

export interface SearchHooks {
  now(): number;
  sleep(ms: number): Promise<void>;
  /**
   * Journals a round of the search and when it ends at the latest, so the widget can say what is
   * happening; answers true when the recruiter chose meanwhile to create a pad anyway.
   */
  searching(rounds: number, until: number): Promise<boolean>;
}

/** What a search ended with when the recruiter chose to create a pad without waiting for it. */
export const CREATE_ANYWAY = 'createAnyway';

/**
 * Searches until the pad is found or the list has had time to show it, or until the recruiter
 * chooses to create a pad anyway. The window starts when the request left, or when the recruiter
 * last asked to keep looking.
 */
export async function searchLostPad(
  coderpad: CoderPadClient,
  job: Job,
  timing: PadSearchTiming,
  hooks: SearchHooks,
): Promise<Pad | typeof CREATE_ANYWAY | undefined> {
  const windowStart = Math.max(job.padPostedAt ?? 0, job.padSearch?.since ?? 0);
  for (let rounds = (job.padSearch?.rounds ?? 0) + 1; ; rounds++) {
    if (await hooks.searching(rounds, windowStart + timing.lagMs)) return CREATE_ANYWAY;
    const found = await findJobPad(coderpad, job);
    if (found) return found;
    const left = windowStart + timing.lagMs - hooks.now();
    if (left <= 0) return undefined;
    await hooks.sleep(Math.min(timing.intervalMs, left));
  }
}

/** How long a reading of whether an address is a CoderPad user is trusted. */
const OWNER_CHECK_MS = 10 * 60_000;

/**
 * Whether CoderPad knows this address as a user of the organisation, read at most ten minutes
 * ago: sending an unknown address as `user_email` would create a user (a paid seat). `undefined`
 * when the key may not read the organisation's users (it is then not an owner's, and could not
 * set a pad's owner either).
 */
async function isOrganizationUser(coderpad: CoderPadClient, email: string, now: number): Promise<boolean | undefined> {
  try {
    const found = await readCatalogue(
      'coderpadUser',
      email.trim().toLowerCase(),
      async () => {
        const user = await coderpad.findOrganizationUser(email);
        return user ? [user.email] : [];
      },
      { maxAgeMs: OWNER_CHECK_MS, now },
    );
    return found.length > 0;
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'permission') return undefined;
    throw error;
  }
}

/** Why the pad is not owned by the Act-as user: CoderPad refused them, or they are not a CoderPad user. */
export type OwnerFallback = 'owner_refused' | 'owner_not_in_coderpad' | null;

/**
 * Sends the pad request. The Act-as user's address is sent as the owner only when CoderPad already
 * has them as a user (otherwise CoderPad would add one); an owner CoderPad refuses falls back to
 * the key's owner. Either fallback is answered, for the widget to say so. A failure before the
 * pad request left is marked `padNotSent` (nothing can have been made).
 */
export async function requestPad(
  coderpad: CoderPadClient,
  job: Job,
  markPosted: () => Promise<void>,
  now: number,
): Promise<{ pad: Pad; fallback: OwnerFallback }> {
  const notSent = (error: unknown) => {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { padNotSent: true });
  };
  // Taking over a lapsed claim: the pad its browser made, if there is one, is the pad.
  const made = await findClaimPad(coderpad, job).catch(notSent);
  if (made) return { pad: made, fallback: null };
  let fallback: OwnerFallback = null;
  let ownerEmail = job.ownerEmail ?? undefined;
  if (ownerEmail) {
    const known = await isOrganizationUser(coderpad, ownerEmail, now).catch(notSent);
    if (known !== true) {
      fallback = known === false ? 'owner_not_in_coderpad' : 'owner_refused';
      ownerEmail = undefined;
    }
  }
  const params: CreatePadParams = {
    title: titleWithRef(job),
    questionId: job.questionId ?? undefined,
    language: job.questionId === null ? (job.language ?? undefined) : undefined,
    notes: t('padNotes', { candidate: outsideLine(job.candidateName), tag: job.tag, ref: padMarker(job.id) }),
    ownerEmail,
  };
  try {
    return { pad: await coderpad.createPad(params), fallback };
  } catch (error) {
    // A question deleted in CoderPad: refused, nothing made; an admin must pick another.
    if (params.questionId !== undefined && error instanceof ApiError && error.kind === 'not_found') {
      await forgetCatalogue('questions', 'coderpad');
      throw new ApiError({
        kind: 'question_missing',
        service: 'coderpad',
        status: 404,
        detail: job.questionTitle ?? undefined,
      });
    }
    const kind = error instanceof ApiError ? error.kind : undefined;
    // The month is used up: the reading of the quota that let the click through is read anew next time.
    if (kind === 'over_quota') await forgetQuota().catch(() => {});
    // Only organisation owners may set a pad's owner; CoderPad refused before making anything.
    if (params.ownerEmail && isRefusal(error) && (kind === 'permission' || kind === 'bad_request')) {
      await markPosted();
      return { pad: await coderpad.createPad({ ...params, ownerEmail: undefined }), fallback: 'owner_refused' };
    }
    throw error;
  }
}
