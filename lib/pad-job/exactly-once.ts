import type { CoderPadClient, CreatePadParams } from '../services/coderpad/client';
import type { Pad } from '../services/coderpad/schemas';
import { ApiError, isRefusal } from '../services/http/errors';
import { t } from '../text/i18n';
import { trustedPadUrl } from '../services/coderpad/links';
import type { Job, PadSummary } from './job';
import { padMarker } from './notes';

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
/** Pads created this long before the request are looked at too (clocks differ). */
const CLOCK_SKEW_MS = 5 * 60_000;

export function padSummary(pad: Pad): PadSummary {
  return { id: pad.id, url: trustedPadUrl(pad), type: pad.type ?? null, title: pad.title ?? null };
}

/** Looks for the job's pad in CoderPad's list, once. */
export async function findJobPad(coderpad: CoderPadClient, job: Job): Promise<Pad | undefined> {
  const since = (job.padPostedAt ?? 0) - CLOCK_SKEW_MS;
  const marker = padMarker(job.id);
  const owners = job.ownerEmail ? [undefined, job.ownerEmail] : [undefined];
  for (const owner of owners) {
    const pads = await coderpad.listPadsSince(since, owner);
    const found = pads.find((pad) => pad.notes?.includes(marker));
    if (found) return found;
  }
  return undefined;
}

export interface SearchHooks {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Journals a round of the search, so the widget can say what is happening. */
  searching(rounds: number): Promise<void>;
}

/**
 * Searches until the pad is found or the list has had time to show it. The window starts when
 * the request left, or when the recruiter last asked to keep looking.
 */
export async function searchLostPad(
  coderpad: CoderPadClient,
  job: Job,
  timing: PadSearchTiming,
  hooks: SearchHooks,
): Promise<Pad | undefined> {
  const windowStart = Math.max(job.padPostedAt ?? 0, job.padSearch?.since ?? 0);
  for (let rounds = (job.padSearch?.rounds ?? 0) + 1; ; rounds++) {
    await hooks.searching(rounds);
    const found = await findJobPad(coderpad, job);
    if (found) return found;
    const left = windowStart + timing.lagMs - hooks.now();
    if (left <= 0) return undefined;
    await hooks.sleep(Math.min(timing.intervalMs, left));
  }
}

/**
 * Sends the pad request; an owner CoderPad refuses falls back to the key's owner (`ownerRefused`,
 * for the widget to say so).
 */
export async function requestPad(
  coderpad: CoderPadClient,
  job: Job,
  markPosted: () => Promise<void>,
): Promise<{ pad: Pad; ownerRefused: boolean }> {
  const params: CreatePadParams = {
    title: job.title,
    questionId: job.questionId ?? undefined,
    language: job.questionId === null ? (job.language ?? undefined) : undefined,
    notes: t('padNotes', { candidate: job.candidateName, tag: job.tag, ref: padMarker(job.id) }),
    ownerEmail: job.ownerEmail ?? undefined,
  };
  try {
    return { pad: await coderpad.createPad(params), ownerRefused: false };
  } catch (error) {
    // Only organisation owners may set a pad's owner; CoderPad refused before making anything.
    const kind = error instanceof ApiError ? error.kind : undefined;
    if (params.ownerEmail && isRefusal(error) && (kind === 'permission' || kind === 'bad_request')) {
      await markPosted();
      return { pad: await coderpad.createPad({ ...params, ownerEmail: undefined }), ownerRefused: true };
    }
    throw error;
  }
}
