import { db, parseRow, parseRows, rawKey } from '../storage/db';
import type { LeverEnvironment } from '../services/environments';
import { Dexie } from 'dexie';
import {
  FOLLOW_FOR_MS,
  FOLLOWED_STATUSES,
  holdsWork,
  type PadRecord,
  PENDING_SUMMARY_STATES,
  padRecordSchema,
  SUMMARY_WINDOW_MS,
} from './records';
import { storedRecordRow } from './search';
import { entryFor, matchesSearch, PREFIX_MAX, searchWords, termRange } from '../text/search';

/**
 * Pad records: one IndexedDB row per pad, indexed by creation time and by candidate. Every
 * read-modify-write happens inside one transaction, so concurrent writers (the job that makes a
 * pad, the status sync that follows it, the popup's refresh) never undo each other.
 *
 * The newest MAX_PAD_RECORDS are kept: 25,000 is a year of pads for a busy recruiting team
 * (about 100 a working day) at roughly 1 KB each, far below what IndexedDB allows an extension.
 */
export const MAX_PAD_RECORDS = 25_000;

const table = () => db().records;
const keyOf = rawKey('padId');

/** Adds (or replaces) a record (in the caller's transaction when there is one). */
export async function putRecord(record: PadRecord): Promise<void> {
  await table().put(storedRecordRow(padRecordSchema.parse(record)));
}

/**
 * Drops the oldest records beyond the cap. Run after a job, not inside the write that records its
 * pad: counting the rows takes time that a pad link on screen should not wait for.
 */
export async function pruneRecords(now = Date.now()): Promise<void> {
  await db().transaction('rw', table(), async () => {
    const excess = (await table().count()) - MAX_PAD_RECORDS;
    if (excess <= 0) return;
    // The oldest first, but never a record with work ahead of it (a pad still followed, a summary
    // still to write): those are kept whatever the cap, and the cap counts the rest.
    const doomed: string[] = [];
    await table()
      .orderBy('createdAt')
      .until(() => doomed.length >= excess)
      .each((row: unknown, cursor) => {
        const record = padRecordSchema.safeParse(row);
        if (record.success && !holdsWork(record.data, now)) doomed.push(String(cursor.primaryKey));
      });
    await table().bulkDelete(doomed);
  });
}

/**
 * Changes one record atomically. `change` sees the record as stored now and returns the new
 * one, or undefined to leave it as it is. Returns the record as it is afterwards.
 */
export async function updateRecord(
  padId: string,
  change: (record: PadRecord) => PadRecord | undefined,
): Promise<PadRecord | undefined> {
  return db().transaction('rw', table(), db().setAside, async () => {
    const current = await parseRow('records', padId, await table().get(padId), padRecordSchema);
    if (!current) return undefined;
    const next = change(current);
    if (!next) return current;
    const row = padRecordSchema.parse(next);
    await table().put(storedRecordRow(row));
    return row;
  });
}

export async function getRecord(padId: string): Promise<PadRecord | undefined> {
  return parseRow('records', padId, await table().get(padId), padRecordSchema);
}

export async function recordsFor(environment: LeverEnvironment, opportunityId: string): Promise<PadRecord[]> {
  const rows = await table().where('[environment+opportunityId]').equals([environment, opportunityId]).toArray();
  return parseRows('records', rows, keyOf, padRecordSchema);
}

/**
 * The records with work ahead of them, newest first: pads CoderPad is still asked about (a status
 * not final, made within FOLLOW_FOR_MS) and pads whose summary may still be due (a summary state
 * still pending, made within SUMMARY_WINDOW_MS). Read through the status and summary-state
 * indexes: however many finished records are kept, none of them is read.
 */
export async function recordsWithWorkAhead(now: number): Promise<PadRecord[]> {
  const madeSince = (index: string, values: readonly string[], since: number) =>
    values.map((value) => table().where(index).between([value, since], [value, Dexie.maxKey]).toArray());
  const found = (
    await Promise.all([
      ...madeSince('[status+createdAt]', FOLLOWED_STATUSES, now - FOLLOW_FOR_MS),
      ...madeSince('[summary.state+createdAt]', PENDING_SUMMARY_STATES, now - SUMMARY_WINDOW_MS),
    ])
  ).flat();
  const rows = [...new Map(found.map((row) => [keyOf(row), row])).values()];
  const records = await parseRows('records', rows, keyOf, padRecordSchema);
  return records.sort((a, b) => b.createdAt - a.createdAt);
}

type StoredRow = Partial<PadRecord>;

/** Rows read at a time from one word's range of the index. */
const SEARCH_BATCH = 250;

/**
 * The newest records whose candidate or tag has words beginning with each word of the query, and
 * whether any record is stored at all. Without a query: the newest, by the creation-time index.
 * With one word: the first rows of its range in the word index, already newest first. With
 * several (or a word longer than what is indexed): the keys of each word's first batch; a range
 * that ends within its batch holds every possible match and only its rows are read; otherwise the
 * longest word's rows are read on, a batch at a time, until enough match every word.
 */
export async function searchRecords(
  query: string,
  limit: number,
): Promise<{ records: PadRecord[]; anyStored: boolean }> {
  const words = searchWords(query);
  const anyStored = table()
    .limit(1)
    .primaryKeys()
    .then((keys) => keys.length > 0);
  let rows: StoredRow[];
  if (words.length === 0) {
    rows = (await table().orderBy('createdAt').reverse().limit(limit).toArray()) as StoredRow[];
  } else {
    const matches = (row: StoredRow) => matchesSearch(row, words);
    if (words.length === 1 && (words[0]?.length ?? 0) <= PREFIX_MAX) {
      // One word, fully indexed: its range is the answer, read as far as shown.
      rows = await batchUnder(words[0] ?? '', undefined, limit);
    } else {
      // Several words: the keys of each word's first batch (keys only, cheap) show whether one
      // range ends within it and so holds every possible match; if none does, the longest word's
      // rows are read on, batch by batch, until enough match every word.
      const firstKeys = await Promise.all(
        words.map((word) =>
          table()
            .where('terms')
            .between(...termRange(word), true, true)
            .limit(SEARCH_BATCH)
            .primaryKeys(),
        ),
      );
      const whole = firstKeys.filter((keys) => keys.length < SEARCH_BATCH).sort((a, b) => a.length - b.length)[0];
      if (whole) {
        const found = (await table().bulkGet(whole)) as (StoredRow | undefined)[];
        rows = found.filter((row): row is StoredRow => row !== undefined && matches(row));
      } else {
        const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
        let batch = await batchUnder(longest);
        rows = batch.filter(matches);
        while (rows.length < limit && batch.length === SEARCH_BATCH) {
          batch = await batchUnder(longest, batch[batch.length - 1]);
          rows.push(...batch.filter(matches));
        }
      }
      rows = rows.slice(0, limit);
    }
  }
  return { records: await parseRows('records', rows, keyOf, padRecordSchema), anyStored: await anyStored };
}

/**
 * The next rows, newest first, with a word beginning with `word`, after the row `after` (a record
 * made in the very same millisecond as `after` would be skipped: the index orders by age).
 */
async function batchUnder(word: string, after?: StoredRow, size = SEARCH_BATCH): Promise<StoredRow[]> {
  const [from, to] = termRange(word);
  const lower = after ? entryFor(word, Number(after.createdAt)) : from;
  return (await table().where('terms').between(lower, to, !after, true).limit(size).toArray()) as StoredRow[];
}

export async function recordsByIds(padIds: string[]): Promise<PadRecord[]> {
  const rows = (await table().bulkGet(padIds)).filter((row) => row !== undefined);
  return parseRows('records', rows, keyOf, padRecordSchema);
}
