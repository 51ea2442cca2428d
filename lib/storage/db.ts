import { Dexie, type Table } from 'dexie';
import { z } from 'zod';
import { searchTerms } from '../text/search';

/**
 * PadBridge's IndexedDB database, opened by the background only (a content script runs in the
 * Lever page's origin and cannot open the extension's database). It holds what must never be
 * lost or doubled: pad records, the job journal, the service keys, auto mode's candidates to look at
 * again, and every stored row that could not be read (set aside, never dropped).
 *
 * Rows are stored as they came and validated one by one when read: one bad row cannot hide or
 * overwrite the others.
 */

/** A row that did not parse when read: moved here whole, with why, for the options page to report. */
export interface SetAsideRow {
  id?: number;
  table: string;
  key: string;
  raw: unknown;
  reason: string;
  at: number;
}

export interface SecretRow {
  name: string;
  value: unknown;
}

export class PadBridgeDatabase extends Dexie {
  records!: Table<unknown, string>;
  jobs!: Table<unknown, string>;
  secrets!: Table<SecretRow, string>;
  setAside!: Table<SetAsideRow, number>;
  /** Auto mode's candidates stepped back from, followed until their claim lapses (auto-mode/watch.ts). */
  watch!: Table<unknown, string>;

  constructor() {
    super('padbridge');
    this.version(1).stores({
      records: 'padId, createdAt, [environment+opportunityId]',
      jobs: 'pairKey, id, status, updatedAt',
      secrets: 'name',
      setAside: '++id, table',
    });
    // Records carry their search entries (each word's beginnings with the record's age), indexed
    // one by one: the popup's search reads a range of the index, not the rows.
    this.version(2)
      .stores({ records: 'padId, createdAt, [environment+opportunityId], *terms' })
      .upgrade((tx) =>
        tx
          .table('records')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            row.terms = searchTerms(row);
          }),
      );
    this.version(3).stores({ watch: 'key, [configurationId+lapseAt], lapseAt' });
    // Records by status and by summary state, each with its age: the status sync reads the pads
    // with work ahead of them through these, never the finished ones (built from the rows as stored).
    this.version(4).stores({
      records: 'padId, createdAt, [environment+opportunityId], *terms, [status+createdAt], [summary.state+createdAt]',
    });
    // Every write given to a table (whatever module, transaction or kind: put, delete, clear) is
    // counted as it is issued, so a reading kept from before can tell whether it may have aged.
    this.use({
      stack: 'dbcore',
      name: 'writesIssued',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: (request) => {
              writesIssued.set(name, (writesIssued.get(name) ?? 0) + 1);
              return table.mutate(request);
            },
          };
        },
      }),
    });
  }
}

/** Writes issued to each table by this context, and how many times its handle was closed. */
const writesIssued = new Map<string, number>();
let closed = 0;

/**
 * A mark that changes whenever this context issues a write to the table or closes the database.
 * A value read from the table stays true while the mark is unchanged: the database is written by
 * the background alone (content scripts cannot open it; pages ask the background).
 */
export function writesMark(table: string): string {
  return `${closed}:${writesIssued.get(table) ?? 0}`;
}

let instance: PadBridgeDatabase | undefined;

/** The one database handle of this context, opened on first use. */
export function db(): PadBridgeDatabase {
  instance ??= new PadBridgeDatabase();
  return instance;
}

/** Closes the handle (tests delete the database between cases). */
export function closeDatabase(): void {
  instance?.close();
  instance = undefined;
  // A database opened anew may hold anything (tests delete it between cases): no reading kept
  // from the closed one is trusted.
  closed += 1;
}

/** Where and why a stored value did not parse, in one line ("summary.state: Invalid option…"). */
export function parseProblem(error: z.ZodError, whole = 'row'): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || whole}: ${issue?.message ?? 'does not parse'}`;
}

/**
 * Parses one stored row. A row that does not parse is moved to `setAside` (in the caller's
 * transaction when there is one) and reads as undefined.
 */
export async function parseRow<T>(
  table: 'records' | 'jobs' | 'watch',
  key: string,
  raw: unknown,
  schema: z.core.$ZodType<T>,
  now = Date.now(),
): Promise<T | undefined> {
  if (raw === undefined) return undefined;
  const parsed = z.safeParse(schema, raw);
  if (parsed.success) return parsed.data;
  const reason = parseProblem(parsed.error);
  await db().transaction('rw', db()[table], db().setAside, async () => {
    // Only the value that was read is moved: a row rewritten meanwhile stays where it is.
    const current = await db()[table].get(key);
    if (JSON.stringify(current) !== JSON.stringify(raw)) return;
    await db().setAside.add({ table, key, raw, reason, at: now });
    await db()[table].delete(key);
  });
  console.warn(`PadBridge: a stored ${table} row (${key}) could not be read and was set aside:`, reason);
  return undefined;
}

/** Parses many rows read together, setting the bad ones aside; keeps the good ones in order. */
export async function parseRows<T>(
  table: 'records' | 'jobs' | 'watch',
  rows: unknown[],
  keyOf: (raw: unknown) => string,
  schema: z.core.$ZodType<T>,
): Promise<T[]> {
  const out: T[] = [];
  for (const raw of rows) {
    const parsed = z.safeParse(schema, raw);
    if (parsed.success) out.push(parsed.data);
    else await parseRow(table, keyOf(raw), raw, schema);
  }
  return out;
}

/** The primary key of a raw row, whatever else is wrong with it. */
export function rawKey(field: string): (raw: unknown) => string {
  return (raw) => {
    const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[field] : undefined;
    return typeof value === 'string' ? value : String(value);
  };
}
