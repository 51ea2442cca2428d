import { Mutex } from 'async-mutex';
import type { CoderPadClient } from './coderpad/client';
import type { Pad } from './coderpad/schemas';
import { ApiError } from './http/errors';
import { t, uiLanguage } from './i18n';
import type { LeverClient } from './lever/client';
import { FINAL_STATUSES, type PadRecord } from './records';
import * as store from './storage';

export interface StatusSyncDeps {
  lever(): Promise<LeverClient>;
  coderpad(): Promise<CoderPadClient>;
  now?: () => number;
}

/** Pads older than this are no longer followed. */
export const FOLLOW_FOR_MS = 14 * 24 * 3600 * 1000;
/** CoderPad documents no rate limit: ask about a few pads a minute, all told. */
export const PADS_PER_SYNC = 3;
/** The popup may ask about the pads it shows, but not more often than this per pad. */
export const MIN_RECHECK_MS = 20_000;

const recordsLock = new Mutex();

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

export function summaryText(record: PadRecord, pad: Pad): string {
  const start = pad.created_at ?? null;
  const end = pad.ended_at ?? null;
  const minutes =
    start && end ? Math.max(0, Math.round((new Date(end).getTime() - new Date(start).getTime()) / 60_000)) : null;
  const names = (pad.participants ?? []).map((p) => p.name).filter((name): name is string => !!name);
  return t('leverNoteSummary', {
    type: record.padType === 'take_home' ? t('padTypeTakeHome') : t('padTypeLive'),
    question: record.questionTitle ?? t('noQuestion'),
    start: `${formatTime(start)} UTC`,
    end: `${formatTime(end)} UTC`,
    minutes: minutes ?? '?',
    participants: names.length ? names.join(', ') : t('noParticipants'),
    playback: pad.playback ?? pad.url,
  });
}

/**
 * Follows the pads PadBridge made: their status from CoderPad, and, when one ends, one
 * summary note on the candidate in Lever.
 */
export function createStatusSync(deps: StatusSyncDeps) {
  const now = deps.now ?? (() => Date.now());

  async function update(padId: string, change: (record: PadRecord) => PadRecord): Promise<PadRecord | undefined> {
    return recordsLock.runExclusive(async () => {
      const records = await store.padRecords.get();
      const index = records.findIndex((r) => r.padId === padId);
      const current = records[index];
      if (!current) return undefined;
      const next = change(current);
      records[index] = next;
      await store.padRecords.set(records);
      return next;
    });
  }

  async function writeSummary(record: PadRecord, pad: Pad): Promise<void> {
    const connection = await store.leverConnection.get();
    // A summary goes to the Lever the pad was made in, and nowhere else.
    if (!connection || connection.environment !== record.environment) return;
    const claimed = await update(record.padId, (r) =>
      r.summary.state === 'none' ? { ...r, summary: { state: 'writing', noteId: null } } : r,
    );
    if (claimed?.summary.state !== 'writing') return;
    const lever = await deps.lever();
    try {
      const noteId = await lever.addNote(record.opportunityId, summaryText(record, pad));
      await update(record.padId, (r) => ({ ...r, summary: { state: 'written', noteId } }));
    } catch (error) {
      // Refused outright (4xx, 429): Lever wrote nothing, so it may be tried again later.
      const refused = error instanceof ApiError && error.status !== undefined && error.status < 500;
      await update(record.padId, (r) => ({ ...r, summary: { state: refused ? 'none' : 'uncertain', noteId: null } }));
    }
  }

  /** Asks CoderPad about one pad and records what it says; writes the summary once it has ended. */
  async function check(record: PadRecord, coderpad: CoderPadClient): Promise<PadRecord | undefined> {
    let pad: Pad;
    try {
      pad = await coderpad.getPad(record.padId);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not_found') {
        return update(record.padId, (r) => ({ ...r, status: 'deleted', statusCheckedAt: now() }));
      }
      await update(record.padId, (r) => ({ ...r, statusCheckedAt: now() }));
      throw error;
    }
    const updated = await update(record.padId, (r) => ({
      ...r,
      status: statusOf(pad),
      endedAt: pad.ended_at ?? null,
      statusCheckedAt: now(),
    }));
    if (updated?.status === 'ended' && updated.summary.state === 'none') await writeSummary(updated, pad);
    return update(record.padId, (r) => r);
  }

  const followed = (record: PadRecord) =>
    !FINAL_STATUSES.includes(record.status) && now() - record.createdAt < FOLLOW_FOR_MS;

  return {
    /** One round of the background's polling: the few pads that waited longest. */
    async syncDue(limit = PADS_PER_SYNC): Promise<number> {
      const records = await store.padRecords.get();
      const endedWithoutSummary = records.filter((r) => r.status === 'ended' && r.summary.state === 'none');
      const due = records
        .filter(followed)
        .sort((a, b) => (a.statusCheckedAt ?? 0) - (b.statusCheckedAt ?? 0))
        .slice(0, limit);
      if (due.length === 0 && endedWithoutSummary.length === 0) return 0;
      const coderpad = await deps.coderpad();
      let checked = 0;
      for (const record of [...endedWithoutSummary.slice(0, limit), ...due]) {
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
      const records = await store.padRecords.get();
      const wanted = records.filter(
        (r) => padIds.includes(r.padId) && followed(r) && now() - (r.statusCheckedAt ?? 0) >= MIN_RECHECK_MS,
      );
      if (wanted.length > 0) {
        const coderpad = await deps.coderpad();
        await Promise.allSettled(wanted.slice(0, 10).map((record) => check(record, coderpad)));
      }
      const after = await store.padRecords.get();
      return after.filter((r) => padIds.includes(r.padId));
    },

    /** Whether any pad still needs following (the alarm is kept only while one does). */
    async hasFollowed(): Promise<boolean> {
      const records = await store.padRecords.get();
      return records.some((r) => followed(r) || (r.status === 'ended' && r.summary.state === 'none'));
    },
  };
}

export type StatusSync = ReturnType<typeof createStatusSync>;
