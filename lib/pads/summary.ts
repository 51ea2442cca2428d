import type { Pad } from '../services/coderpad/schemas';
import { outsideLine, outsideNames } from '../text/outside';
import { trustedPlaybackUrl } from '../services/coderpad/links';
import { ApiError, isRefusal, toErrorInfo } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import { noteWithRef } from '../services/lever/schemas';
import * as store from '../storage/items';
import { translator } from '../text/note-language';
import { padTypeLabel } from '../text/pad-type-label';
import { MAX_SUMMARY_ATTEMPTS, type PadRecord, type Summary, summaryPending } from './records';
import { getRecord, updateRecord } from './record-table';

/*
 * The interview summary: one note on the candidate in Lever when a pad ends, exactly once. It is
 * claimed ("writing") before it is sent; a note whose answer was lost, or that a stopped worker
 * left "writing", is looked for among the candidate's notes by its reference before it is sent
 * again; only a 4xx counts as "not written"; after MAX_SUMMARY_ATTEMPTS tries, with growing
 * pauses, the record says the summary could not be written, and why.
 */

/** A summary left "writing" this long was cut off (the worker stopped): it is checked in Lever. */
const WRITING_STALE_MS = 60_000;

function formatTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '?';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}

/** The reference a summary note carries, by which a note whose answer was lost is found. */
export const summaryNoteRef = (padId: string) => `S-${padId}`;

/** The summary note; its playback link must be the pad's own, or nothing is written. */
function summaryText(record: PadRecord, pad: Pad): string {
  const start = pad.created_at ?? null;
  const end = pad.ended_at ?? null;
  const minutes =
    start && end ? Math.max(0, Math.round((new Date(end).getTime() - new Date(start).getTime()) / 60_000)) : null;
  // Names typed by whoever joined (the candidate included): cleaned before they go into Lever.
  const { names, more } = outsideNames(
    (pad.participants ?? []).map((p) => p.name).filter((name): name is string => !!name),
  );
  // In the language the admin chose for notes when the pad was made, whoever's browser writes it.
  const words = translator(record.noteLanguage);
  const text = words('leverNoteSummary', {
    type: padTypeLabel(record.padType, words),
    question: record.questionTitle ? outsideLine(record.questionTitle) : words('noQuestion'),
    start: `${formatTime(start, record.noteLanguage)} UTC`,
    end: `${formatTime(end, record.noteLanguage)} UTC`,
    minutes: minutes ?? '?',
    participants: names.length
      ? `${names.join(', ')}${more ? ` ${words('andMore', { count: more })}` : ''}`
      : words('noParticipants'),
    playback: pad.playback ? trustedPlaybackUrl(record.padId, pad.playback) : record.url,
  });
  return `${text}\n${words('noteRef', { ref: summaryNoteRef(record.padId) })}`;
}

export { summaryPending } from './records';
/** Whether the summary still has to be written (or checked), and may be tried now. */
export const summaryDue = (summary: Summary, now: number) => summaryPending(summary) && (summary.nextAt ?? 0) <= now;
const backoff = (attempts: number) => Math.min(60, 2 ** attempts) * 60_000;

/** Writes (or confirms) the summary of an ended pad, within its attempts and backoff. */
export function createSummaryWriter(deps: { lever(): Promise<LeverClient>; now: () => number }) {
  const { now } = deps;
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
      // As the user the pad was made as, whoever is set to act as now.
      const noteId = await lever.addNote(record.opportunityId, text, { performAs: record.performAs ?? undefined });
      await setSummary(record.padId, (s) => ({ ...s, state: 'written', noteId, error: null, nextAt: null }));
    } catch (error) {
      await setSummary(record.padId, (s) => failedAttempt(s, error, isRefusal(error) ? 'none' : 'uncertain'));
    }
  }

  return writeSummary;
}
