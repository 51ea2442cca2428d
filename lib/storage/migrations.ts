import { browser } from 'wxt/browser';
import { z } from 'zod';
import { db, parseProblem, rawKey, type SetAsideRow } from './db';

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

/** A row's shape as its concern defines it, and the row written for a value (a record's carries its search entries). */
export interface RowShape<T = unknown> {
  schema: z.core.$ZodType<T>;
  toRow?: (value: T) => unknown;
}

/** The shapes of the rows that move: pads' records and the pad job's journal (each concern owns its own). */
export interface StoredShapes {
  record: RowShape;
  job: RowShape;
}

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

export async function moveToDatabase(shapes: StoredShapes): Promise<{ records: number; jobs: number }> {
  const stored = await browser.storage.local.get(['padRecords', 'padRecords$', 'jobs']);
  const moved = { records: 0, jobs: 0 };
  if (stored.padRecords !== undefined) {
    let value: unknown = stored.padRecords;
    const from = (stored.padRecords$ as { v?: number } | undefined)?.v ?? 1;
    for (let version = from + 1; version <= LAST_STORAGE_VERSION; version++) {
      value = padRecordsMigrations[version]?.(value) ?? value;
    }
    moved.records = await moveRows('records', Array.isArray(value) ? value : [], rawKey('padId'), shapes.record);
    await browser.storage.local.remove(['padRecords', 'padRecords$']);
  }
  if (stored.jobs !== undefined) {
    const rows = stored.jobs && typeof stored.jobs === 'object' ? Object.values(stored.jobs) : [];
    moved.jobs = await moveRows('jobs', rows, rawKey('pairKey'), shapes.job);
    await browser.storage.local.remove('jobs');
  }
  return moved;
}

/** Writes the rows that parse and sets the others aside, in one transaction; answers how many moved. */
async function moveRows(
  table: 'records' | 'jobs',
  rows: unknown[],
  keyOf: (raw: unknown) => string,
  { schema, toRow = (value) => value }: RowShape,
): Promise<number> {
  const at = Date.now();
  const valid: unknown[] = [];
  const invalid: SetAsideRow[] = [];
  for (const raw of rows) {
    const parsed = z.safeParse(schema, raw);
    if (parsed.success) valid.push(toRow(parsed.data));
    else invalid.push({ table, key: keyOf(raw), raw, reason: parseProblem(parsed.error), at });
  }
  await db().transaction('rw', db()[table], db().setAside, async () => {
    await db()[table].bulkPut(valid);
    await db().setAside.bulkAdd(invalid);
  });
  return valid.length;
}
