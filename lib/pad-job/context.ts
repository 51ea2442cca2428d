import { Mutex } from 'async-mutex';
import type { PadRecord } from '../pads/records';
import type { WorkflowDeps } from './deps';
import { PAD_SEARCH, type PadSearchTiming } from './exactly-once';
import type { Job } from './job';
import * as journal from './journal';

/**
 * What every part of the pad job works over: the wiring it was given, with the clock, the ids and
 * the pad search's timing filled in. Built once by `createWorkflow`; the parts are plain functions
 * of it (start, run, resume), so a parameter can be followed from the click to the request.
 */
export interface JobContext {
  deps: WorkflowDeps;
  now: () => number;
  newId: () => string;
  timing: PadSearchTiming;
  sleep: (ms: number) => Promise<void>;
}

export function jobContext(deps: WorkflowDeps): JobContext {
  return {
    deps,
    now: deps.now ?? (() => Date.now()),
    newId: deps.newId ?? (() => crypto.randomUUID()),
    timing: deps.padSearch ?? PAD_SEARCH,
    sleep: deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
  };
}

/** Changes a job in the journal (and its record, when given) and tells the tabs watching it. */
export async function updateJob(
  ctx: JobContext,
  key: string,
  change: (job: Job) => Job,
  record?: (job: Job) => PadRecord | undefined,
): Promise<Job> {
  const job = await journal.updateJob(key, change, ctx.now(), record);
  ctx.deps.notify(job);
  return job;
}

/** One lock per job key: starting a job, and running it. Held in this worker only. */
export const startLocks = new Map<string, Mutex>();
export const runLocks = new Map<string, Mutex>();

export const lockFor = (locks: Map<string, Mutex>, key: string): Mutex => {
  let lock = locks.get(key);
  if (!lock) {
    lock = new Mutex();
    locks.set(key, lock);
  }
  return lock;
};
