import { browser } from 'wxt/browser';
import { db, type parseRows, rawKey } from './db';
import { padRecordSchema } from '../pads/records';
import { jobSchema } from '../pad-job/job';

/**
 * How stored data changes between versions.
 *
 * Pad records lived in one extension-storage item (versions 1 and 2) and the journal in
 * another; they now live in IndexedDB, one row each. `moveToDatabase` carries them over once:
 * each row is parsed alone (a bad one is set aside, not dropped), written, and only then is the
 * old item removed, so a worker stopped half-way simply does it again.
 *
 * Every version has a fixture in tests/fixtures/storage and a test that walks it.
 */

type Unknown = Record<string, unknown>;

export const padRecordsMigrations: Record<number, (old: unknown) => unknown> = {
  /** v2: the summary note's progress replaces its bare id (summaryNoteId). */
  2: (records: unknown) =>
    Array.isArray(records)
      ? records.map((record: Unknown) => {
          const { summaryNoteId, ...rest } = record;
          return {
            ...rest,
            summary:
              typeof summaryNoteId === 'string'
                ? { state: 'written', noteId: summaryNoteId }
                : { state: 'none', noteId: null },
          };
        })
      : records,
};

/** The last version kept in extension storage; version 3 is the IndexedDB row. */
export const LAST_STORAGE_VERSION = 2;

export async function moveToDatabase(): Promise<{ records: number; jobs: number }> {
  const stored = await browser.storage.local.get(['padRecords', 'padRecords$', 'jobs']);
  let moved = { records: 0, jobs: 0 };
  if (stored.padRecords !== undefined) {
    let value: unknown = stored.padRecords;
    const from = (stored.padRecords$ as { v?: number } | undefined)?.v ?? 1;
    for (let version = from + 1; version <= LAST_STORAGE_VERSION; version++) {
      value = padRecordsMigrations[version]?.(value) ?? value;
    }
    const rows = Array.isArray(value) ? value : [];
    await db().transaction('rw', db().records, db().setAside, async () => {
      const valid = rows.filter((raw) => padRecordSchema.safeParse(raw).success);
      await db().records.bulkPut(valid.map((raw) => padRecordSchema.parse(raw)));
      await setAsideInvalid('records', rows, rawKey('padId'), padRecordSchema);
      moved = { ...moved, records: valid.length };
    });
    await browser.storage.local.remove(['padRecords', 'padRecords$']);
  }
  if (stored.jobs !== undefined) {
    const rows = stored.jobs && typeof stored.jobs === 'object' ? Object.values(stored.jobs) : [];
    await db().transaction('rw', db().jobs, db().setAside, async () => {
      const valid = rows.filter((raw) => jobSchema.safeParse(raw).success);
      await db().jobs.bulkPut(valid.map((raw) => jobSchema.parse(raw)));
      await setAsideInvalid('jobs', rows, rawKey('pairKey'), jobSchema);
      moved = { ...moved, jobs: valid.length };
    });
    await browser.storage.local.remove('jobs');
  }
  return moved;
}

async function setAsideInvalid(
  table: 'records' | 'jobs',
  rows: unknown[],
  keyOf: (raw: unknown) => string,
  schema: Parameters<typeof parseRows>[3],
): Promise<void> {
  const now = Date.now();
  for (const raw of rows) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) continue;
    const issue = parsed.error.issues[0];
    await db().setAside.add({
      table,
      key: keyOf(raw),
      raw,
      reason: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'does not parse'}`,
      at: now,
    });
  }
}
