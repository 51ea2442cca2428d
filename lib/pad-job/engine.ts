import { ApiError, toErrorInfo } from '../services/http/errors';
import type { Job, StepName } from './job';

/*
 * The step engine. A job is a table of steps (steps.ts), each `{ run, alreadyDone, after }`.
 *
 * Ordering: a step starts as soon as the steps named in its `after` are done; steps without
 * `after` start at once, side by side (the tag and the stage move run beside the pad request, so
 * the link shows as soon as CoderPad answers).
 *
 * Journaling: each step is written to the journal as "running" before it runs and as "done",
 * "skipped" or "failed" after. A step the journal says is done or skipped is never run again, so
 * a retry, a second tab or a restarted worker continues where the journal left off; `alreadyDone`
 * marks a step "skipped" when the candidate already has what it would write.
 *
 * Failure: every step that can run, runs; the job fails with the first failure in table order,
 * tagged with its step's name.
 */

export interface Step<C> {
  /** Steps that must be done first. */
  after?: StepName[];
  /** True when nothing needs writing (the step is then journaled as skipped). */
  alreadyDone?(context: C, job: Job): boolean;
  run(context: C, job: Job): Promise<void>;
}

export type StepTable<C> = Record<StepName, Step<C>>;

export interface JournalAccess {
  get(): Promise<Job | undefined>;
  update(change: (job: Job) => Job): Promise<Job>;
  now(): number;
}

/** Runs one step through the journal. */
async function journaled<C>(name: StepName, step: Step<C>, context: C, journal: JournalAccess): Promise<void> {
  const before = await journal.get();
  if (!before) throw new ApiError({ kind: 'not_found', detail: 'job' });
  const state = before.steps[name]?.status;
  if (state === 'done' || state === 'skipped') return;
  const mark = (status: 'running' | 'done' | 'skipped' | 'failed', error: unknown = null) =>
    journal.update((job) => ({
      ...job,
      steps: { ...job.steps, [name]: { status, error: error === null ? null : toErrorInfo(error), at: journal.now() } },
    }));
  const started = await mark('running');
  try {
    if (step.alreadyDone?.(context, started)) {
      await mark('skipped');
      return;
    }
    await step.run(context, started);
    await mark('done');
  } catch (error) {
    await mark('failed', error);
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { step: name });
  }
}

/** Runs the whole table, side by side where it may; throws the first failure in table order. */
export async function runStepTable<C>(table: StepTable<C>, context: C, journal: JournalAccess): Promise<void> {
  const running = new Map<StepName, Promise<void>>();
  const start = (name: StepName): Promise<void> => {
    let promise = running.get(name);
    if (!promise) {
      const step = table[name];
      promise = (async () => {
        for (const before of step.after ?? []) await start(before);
        await journaled(name, step, context, journal);
      })();
      running.set(name, promise);
    }
    return promise;
  };
  const names = Object.keys(table) as StepName[];
  const outcomes = await Promise.allSettled(names.map(start));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
}
