import type { CoderPadClient } from '../services/coderpad/client';
import type { Pad } from '../services/coderpad/schemas';
import { ApiError, isRefusal, toErrorInfo } from '../services/http/errors';
import { t, uiLanguage } from '../text/i18n';
import type { LeverClient } from '../services/lever/client';
import { noteWithRef } from '../services/lever/schemas';
import { trustedPlaybackUrl } from '../services/coderpad/links';
import { FINAL_STATUSES, MAX_SUMMARY_ATTEMPTS, type PadRecord, type Summary } from './records';
import { getRecord, recordsByIds, recordsSince, updateRecord } from './store';
import * as store from '../storage/items';
import { padTypeLabel } from '../text/pad-type';

export interface StatusSyncDeps {
  lever(): Promise<LeverClient>;
  coderpad(): Promise<CoderPadClient>;
  now?: () => number;
}

/** Pads older than this are no longer followed. */
export const FOLLOW_FOR_MS = 14 * 24 * 3600 * 1000;
/** An ended pad's summary may still be pending this long after the pad was made. */
const SUMMARY_WINDOW_MS = 30 * 24 * 3600 * 1000;
/** CoderPad documents no rate limit: ask about a few pads a minute, all told. */
export const PADS_PER_SYNC = 3;
/** The popup may ask about the pads it shows, but not more often than this per pad. */
const MIN_RECHECK_MS = 20_000;
/** A summary left "writing" this long was cut off (the worker stopped): it is checked in Lever. */
const WRITING_STALE_MS = 60_000;

function statusOf(pad: Pad): PadRecord['status'] {
  if (pad.ended_at || pad.state === 'ended') return 'ended';
  if (pad.state === 'started' || (pad.participants?.length ?? 0) > 0) return 'started';
  if (pad.state === 'pending') return 'pending';
  return 'unknown';
}

function formatTime(iso: string | null | undefined): string {
  if (!iso) return '?';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    date,
  );
}

/** The reference a summary note carries, by which a note whose answer was lost is found. */
export const summaryNoteRef = (padId: string) => `S-${padId}`;

/** The summary note; its playback link must be the pad's own, or nothing is written. */
function summaryText(record: PadRecord, pad: Pad): string {
  const start = pad.created_at ?? null;
  const end = pad.ended_at ?? null;
  const minutes =
    start && end ? Math.max(0, Math.round((new Date(end).getTime() - new Date(start).getTime()) / 60_000)) : null;
  const names = (pad.participants ?? []).map((p) => p.name).filter((name): name is string => !!name);
  const text = t('leverNoteSummary', {
    type: padTypeLabel(record.padType),
    question: record.questionTitle ?? t('noQuestion'),
    start: `${formatTime(start)} UTC`,
    end: `${formatTime(end)} UTC`,
    minutes: minutes ?? '?',
    participants: names.length ? names.join(', ') : t('noParticipants'),
    playback: pad.playback ? trustedPlaybackUrl(record.padId, pad.playback) : record.url,
  });
  return `${text}\n${t('noteRef', { ref: summaryNoteRef(record.padId) })}`;
}

/** Whether the summary still has to be written (or checked), and may be tried now. */
const summaryPending = (summary: Summary) => ['none', 'writing', 'uncertain'].includes(summary.state);
const summaryDue = (summary: Summary, now: number) => summaryPending(summary) && (summary.nextAt ?? 0) <= now;
const backoff = (attempts: number) => Math.min(60, 2 ** attempts) * 60_000;

/**
 * Follows the pads PadBridge made: their status from CoderPad, and, when one ends, one summary
 * note on the candidate in Lever, exactly once: a note whose answer was lost is looked for by
 * its reference before it is sent again; only a 4xx counts as "not written"; after
 * MAX_SUMMARY_ATTEMPTS tries the record says the summary could not be written.
 */
export function createStatusSync(deps: StatusSyncDeps) {
  const now = deps.now ?? (() => Date.now());

  const setSummary = (padId: string, change: (summary: Summary) => Summary | undefined) =>
    updateRecord(padId, (r) => {
      const next = change(r.summary);
      return next ? { ...r, summary: next } : undefined;
    });

  /** A failed attempt: tried again later with backoff, or, after the last, given up on and shown. */
  const failedAttempt = (summary: Summary, error: unknown, state: Summary['state']): Summary => ({
    ...summary,
    state: summary.attempts >= MAX_SUMMARY_ATTEMPTS ? 'failed' : state,
    nextAt: now() + backoff(summary.attempts),
    error: toErrorInfo(error),
  });
  const counted = (summary: Summary): Summary => ({ ...summary, attempts: summary.attempts + 1 });

  async function writeSummary(record: PadRecord, pad: Pad): Promise<void> {
    const connection = await store.leverConnection.get();
    // A summary goes to the Lever the pad was made in, and nowhere else.
    if (!connection || connection.environment !== record.environment) {
      const error = connection
        ? new ApiError({ kind: 'wrong_environment', service: 'lever', detail: record.environment })
        : new ApiError({ kind: 'not_connected', service: 'lever' });
      await setSummary(record.padId, (s) =>
        summaryDue(s, now()) ? failedAttempt(counted(s), error, 'none') : undefined,
      );
      return;
    }
    const lever = await deps.lever();
    const current = await getRecord(record.padId);
    if (!current || !summaryDue(current.summary, now())) return;
    const { state, sentAt } = current.summary;
    const cutOff = state === 'writing' && now() - (sentAt ?? 0) > WRITING_STALE_MS;
    if (state === 'writing' && !cutOff) return;
    // A note that may have been written without our hearing is looked for before anything is sent.
    if (state === 'uncertain' || cutOff) {
      try {
        const found = noteWithRef(await lever.listNotes(record.opportunityId), summaryNoteRef(record.padId));
        await setSummary(record.padId, (s) =>
          found ? { ...s, state: 'written', noteId: found.id, error: null, nextAt: null } : { ...s, state: 'none' },
        );
        if (found) return;
      } catch (error) {
        await setSummary(record.padId, (s) => failedAttempt(counted(s), error, 'uncertain'));
        return;
      }
    }

    let text: string;
    try {
      text = summaryText(record, pad);
    } catch (error) {
      await setSummary(record.padId, (s) => ({ ...s, state: 'failed', error: toErrorInfo(error) }));
      return;
    }
    // Claimed before it is sent: a second round or a second worker finds it "writing".
    const claimedAt = now();
    const claimed = await setSummary(record.padId, (s) =>
      s.state === 'none' ? { ...counted(s), state: 'writing', sentAt: claimedAt } : undefined,
    );
    if (claimed?.summary.state !== 'writing' || claimed.summary.sentAt !== claimedAt) return;
    try {
      const noteId = await lever.addNote(record.opportunityId, text);
      await setSummary(record.padId, (s) => ({ ...s, state: 'written', noteId, error: null, nextAt: null }));
    } catch (error) {
      await setSummary(record.padId, (s) => failedAttempt(s, error, isRefusal(error) ? 'none' : 'uncertain'));
    }
  }

  /** Asks CoderPad about one pad and records what it says; writes the summary once it has ended. */
  async function check(record: PadRecord, coderpad: CoderPadClient): Promise<PadRecord | undefined> {
    let pad: Pad;
    try {
      pad = await coderpad.getPad(record.padId);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not_found') {
        return updateRecord(record.padId, (r) => ({ ...r, status: 'deleted', statusCheckedAt: now() }));
      }
      await updateRecord(record.padId, (r) => ({ ...r, statusCheckedAt: now() }));
      throw error;
    }
    const updated = await updateRecord(record.padId, (r) => ({
      ...r,
      status: statusOf(pad),
      endedAt: pad.ended_at ?? null,
      statusCheckedAt: now(),
    }));
    if (updated?.status === 'ended' && summaryDue(updated.summary, now())) await writeSummary(updated, pad);
    return getRecord(record.padId);
  }

  const followed = (record: PadRecord) =>
    !FINAL_STATUSES.includes(record.status) && now() - record.createdAt < FOLLOW_FOR_MS;
  const summaryToWrite = (record: PadRecord) => record.status === 'ended' && summaryPending(record.summary);
  const recent = () => recordsSince(now() - SUMMARY_WINDOW_MS);

  return {
    /** One round of the background's polling: ended pads whose summary is due, then those that waited longest. */
    async syncDue(limit = PADS_PER_SYNC): Promise<number> {
      const records = await recent();
      const summaries = records.filter((r) => summaryToWrite(r) && summaryDue(r.summary, now())).slice(0, limit);
      const due = records
        .filter(followed)
        .sort((a, b) => (a.statusCheckedAt ?? 0) - (b.statusCheckedAt ?? 0))
        .slice(0, limit);
      if (due.length === 0 && summaries.length === 0) return 0;
      const coderpad = await deps.coderpad();
      let checked = 0;
      for (const record of [...summaries, ...due]) {
        try {
          await check(record, coderpad);
          checked += 1;
        } catch {
          // One pad's trouble does not stop the others; it is asked again in a later round.
        }
      }
      return checked;
    },

    /** Fresh statuses for the pads a page shows (the popup), within the polite limits. */
    async refresh(padIds: string[]): Promise<PadRecord[]> {
      const wanted = (await recordsByIds(padIds)).filter(
        (r) => followed(r) && now() - (r.statusCheckedAt ?? 0) >= MIN_RECHECK_MS,
      );
      if (wanted.length > 0) {
        const coderpad = await deps.coderpad();
        await Promise.allSettled(wanted.slice(0, 10).map((record) => check(record, coderpad)));
      }
      return recordsByIds(padIds);
    },

    /** Whether any pad still needs following or a summary (the alarm is kept only while one does). */
    async hasFollowed(): Promise<boolean> {
      return (await recent()).some((r) => followed(r) || summaryToWrite(r));
    },
  };
}

export type StatusSync = ReturnType<typeof createStatusSync>;
