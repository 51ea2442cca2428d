import type { CoderPadClient } from '../services/coderpad/client';
import type { Pad } from '../services/coderpad/schemas';
import { ApiError } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import { FINAL_STATUSES, isFollowed, type PadRecord, summaryOpen } from './records';
import { getRecord, recordsByIds, recordsWithWorkAhead, updateRecord } from './record-table';
import { createSummaryWriter, summaryDue } from './summary';

export interface StatusSyncDeps {
  lever(): Promise<LeverClient>;
  coderpad(): Promise<CoderPadClient>;
  now?: () => number;
}

export { FOLLOW_FOR_MS } from './records';
/** CoderPad documents no rate limit: ask about a few pads a minute, all told. */
export const PADS_PER_SYNC = 3;
/** The popup may ask about the pads it shows, but not more often than this per pad. */
const MIN_RECHECK_MS = 20_000;

/**
 * CoderPad's `state` says where a pad is: a pending pad may already list participants (people who
 * opened it before it started). Only a pad without a known state falls back on `ended_at`.
 */
export function statusOf(pad: Pad): PadRecord['status'] {
  if (pad.state === 'ended') return 'ended';
  if (pad.state === 'started') return 'started';
  if (pad.state === 'pending') return 'pending';
  return pad.ended_at ? 'ended' : 'unknown';
}

/**
 * Follows the pads PadBridge made: their status from CoderPad, and, when one ends, its summary
 * note (summary.ts), exactly once.
 */
export function createStatusSync(deps: StatusSyncDeps) {
  const now = deps.now ?? (() => Date.now());

  const writeSummary = createSummaryWriter({ lever: deps.lever, now });

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

  const followed = (record: PadRecord) => isFollowed(record, now());
  const summaryToWrite = summaryOpen;
  const recent = () => recordsWithWorkAhead(now());

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

    /**
     * The recruiter asks again for a summary that could not be written: its attempts start over,
     * and it is tried now (after the usual check of the candidate's notes when it may exist).
     */
    async retrySummary(padId: string): Promise<PadRecord | null> {
      const reset = await updateRecord(padId, (r) =>
        r.summary.state === 'failed'
          ? { ...r, summary: { ...r.summary, state: 'uncertain', attempts: 0, nextAt: null, error: null } }
          : undefined,
      );
      if (!reset) throw new ApiError({ kind: 'not_found', detail: 'pad' });
      return (await check(reset, await deps.coderpad())) ?? null;
    },

    /**
     * The recruiter ends a pad from the popup: CoderPad is told, then the pad is read again (its
     * summary is written once CoderPad says it ended, as for any ended pad).
     */
    async endPad(padId: string): Promise<PadRecord | null> {
      const record = await getRecord(padId);
      if (!record) throw new ApiError({ kind: 'not_found', detail: 'pad' });
      if (FINAL_STATUSES.includes(record.status)) return record;
      const coderpad = await deps.coderpad();
      await coderpad.endPad(padId);
      return (await check(record, coderpad)) ?? null;
    },

    /** Whether any pad still needs following or a summary (the alarm is kept only while one does). */
    async hasFollowed(): Promise<boolean> {
      return (await recent()).some((r) => followed(r) || summaryToWrite(r));
    },
  };
}

export type StatusSync = ReturnType<typeof createStatusSync>;
