import { db, parseRow, parseRows, rawKey, writesMark } from '../storage/db';
import type { LeverEnvironment } from '../services/environments';
import { ApiError } from '../services/http/errors';
import type { PadRecord } from '../pads/records';
import { type Job, jobSchema } from './job';
import { putRecord } from '../pads/record-table';

/**
 * The job journal: one IndexedDB row per (environment, opportunity, configuration), the newest
 * attempt. Each change is one transaction that reads the row as stored and writes it back, so
 * two tabs, a retry and a resumed worker never overwrite each other's progress.
 */

const KEEP_FINISHED_JOBS_MS = 14 * 24 * 3600 * 1000;
const table = () => db().jobs;
const keyOf = rawKey('pairKey');

export async function getJob(pairKey: string): Promise<Job | undefined> {
  return parseRow('jobs', pairKey, await table().get(pairKey), jobSchema);
}

/** A job's row read ahead of the lock its start takes (see `readAhead`). */
export interface JobReadAhead {
  pairKey: string;
  /** The row as it is now: the read begun ahead when no journal write was issued since, else a new read. */
  current(): Promise<Job | undefined>;
}

/**
 * Begins reading a job's row before the caller holds its start lock, so the read runs beside the
 * caller's others. Under the lock, `current()` answers with it only if this worker issued no write
 * to the journal since the read began (a write issued before it is seen by it: IndexedDB orders
 * transactions on one table by when they were made); otherwise it reads the row again.
 */
export function readAhead(pairKey: string): JobReadAhead {
  const mark = writesMark('jobs');
  const read = getJob(pairKey);
  read.catch(() => {});
  return { pairKey, current: () => (writesMark('jobs') === mark ? read : getJob(pairKey)) };
}

export async function getJobById(id: string): Promise<Job | undefined> {
  const row = await table().where('id').equals(id).first();
  return row === undefined ? undefined : parseRow('jobs', keyOf(row), row, jobSchema);
}

/** Writes a new job (its pair's previous attempt is replaced). */
export async function putJob(job: Job): Promise<void> {
  await table().put(jobSchema.parse(job));
}

/** Forgets finished jobs older than two weeks (after a run, not in the write a click waits for). */
export async function pruneJobs(now: number): Promise<void> {
  await db().transaction('rw', table(), async () => {
    const stale = await table()
      .where('updatedAt')
      .below(now - KEEP_FINISHED_JOBS_MS)
      .filter((raw) => (raw as Partial<Job>).status !== 'running')
      .primaryKeys();
    await table().bulkDelete(stale);
  });
}

/**
 * Changes a job atomically; a job that is gone is an error. With `record`, the pad record
 * returned is written in the same transaction: a pad is never in the journal without its record.
 */
export async function updateJob(
  pairKey: string,
  change: (job: Job) => Job,
  now: number,
  record?: (job: Job) => PadRecord | undefined,
): Promise<Job> {
  return db().transaction('rw', table(), db().records, db().setAside, async () => {
    const current = await getJob(pairKey);
    if (!current) throw new ApiError({ kind: 'not_found', detail: 'job' });
    const next = jobSchema.parse({ ...change(current), updatedAt: now });
    await table().put(next);
    const pad = record?.(next);
    if (pad) await putRecord(pad);
    return next;
  });
}

export async function runningJobs(): Promise<Job[]> {
  return parseRows('jobs', await table().where('status').equals('running').toArray(), keyOf, jobSchema);
}

/** Unfinished or failed jobs of one candidate. */
export async function openJobsFor(environment: LeverEnvironment, opportunityId: string): Promise<Job[]> {
  const rows = await table()
    .filter((raw) => {
      const job = raw as Partial<Job>;
      return job.environment === environment && job.opportunityId === opportunityId && job.status !== 'done';
    })
    .toArray();
  return parseRows('jobs', rows, keyOf, jobSchema);
}

/** A job's row as stored data moved from an older version is checked and written. */
export const storedJobShape = { schema: jobSchema };
