import { db, parseRow, parseRows, rawKey } from '../storage/db';
import type { LeverEnvironment } from '../services/environments';
import { type PadRecord, padRecordSchema } from './records';
import { matchesSearch, searchWords, storedRecordRow } from './search';

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
export async function pruneRecords(): Promise<void> {
  await db().transaction('rw', table(), async () => {
    const excess = (await table().count()) - MAX_PAD_RECORDS;
    if (excess > 0) await table().bulkDelete(await table().orderBy('createdAt').limit(excess).primaryKeys());
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

/** Records created since `since`, newest first. */
export async function recordsSince(since: number): Promise<PadRecord[]> {
  const rows = await table().where('createdAt').aboveOrEqual(since).reverse().toArray();
  return parseRows('records', rows, keyOf, padRecordSchema);
}

/** How many candidates a broad search reads to find the newest matches (several words filter further). */
const SEARCH_SPREAD = 4;

/**
 * The newest records whose candidate or tag has words beginning with each word of the query, and
 * how many records there are. Without a query: the newest, by the creation-time index. With one:
 * the keys under the longest word's prefix from the word index; when they are many, only the
 * newest of them (by the creation-time index's keys) are read.
 */
export async function searchRecords(query: string, limit: number): Promise<{ records: PadRecord[]; total: number }> {
  const words = searchWords(query);
  const total = table().count();
  if (words.length === 0) {
    const rows = await table().orderBy('createdAt').reverse().limit(limit).toArray();
    return { records: await parseRows('records', rows, keyOf, padRecordSchema), total: await total };
  }
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const keys = [...new Set(await table().where('terms').startsWith(longest).primaryKeys())];
  let wanted = keys;
  if (keys.length > limit * SEARCH_SPREAD) {
    const matching = new Set(keys);
    const oldestFirst = await table().orderBy('createdAt').primaryKeys();
    wanted = [];
    for (let i = oldestFirst.length - 1; i >= 0 && wanted.length < limit * SEARCH_SPREAD; i--) {
      const key = oldestFirst[i];
      if (key !== undefined && matching.has(key)) wanted.push(key);
    }
  }
  const rows = (await table().bulkGet(wanted)).filter((row) => row !== undefined);
  const records = (await parseRows('records', rows, keyOf, padRecordSchema))
    .filter((record) => matchesSearch(record, words))
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit);
  return { records, total: await total };
}

export async function recordsByIds(padIds: string[]): Promise<PadRecord[]> {
  const rows = (await table().bulkGet(padIds)).filter((row) => row !== undefined);
  return parseRows('records', rows, keyOf, padRecordSchema);
}
