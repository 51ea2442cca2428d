import { toErrorInfo } from '../services/http/errors';
import type { PadRecord } from '../pads/records';
import type { Job, StepName } from './job';

/*
 * The step engine. A job is a table of steps (steps.ts), each `{ run, alreadyDone, after, onStart }`.
 *
 * Ordering: a step starts as soon as the steps named in its `after` are done; steps without
 * `after` start at once, side by side. The pad job asks CoderPad first, then writes the tag, the
 * stage, the link and the note side by side: the link shows as soon as CoderPad answers, Lever is
 * complete one round trip later, and a pad CoderPad refuses leaves Lever as it was.
 *
 * Journaling: the steps that start together are written to the journal as "running" in one
 * transaction, with whatever their `onStart` records (the pad step records that its request is
 * about to leave), before any of them runs; a step that ends is written "done", "skipped" or
 * "failed" — with what its `run` returned to keep (the pad) — in the same transaction that starts
 * the steps waiting for it. A step whose `startsUnmarked` says so does not wait for that write: it
 * starts with the answer it waits for, and the write marks it "running" all the same (a later run
 * finds what it did without the mark; steps.ts says how). A new job's first steps are marked by
 * `startSteps` before the job is first written, so its first requests leave right after that one
 * write. A step the journal says is done or skipped is never run
 * again, so a retry, a second tab or a restarted worker continues where the journal left off;
 * `alreadyDone` marks a step "skipped" when the candidate already has what it would write.
 *
 * Failure: every step that can run, runs; the steps after a failed one do not; the job fails with
 * the first failure in table order, tagged with its step's name.
 */

export interface Step<C> {
  /** Steps that must be done first (for this run's context, when it depends on it). */
  after?: StepName[] | ((context: C) => StepName[]);
  /** True when nothing needs writing (the step is then journaled as skipped). */
  alreadyDone?(context: C, job: Job): boolean;
  /** What the journal must say before the step runs, written with its "running" mark. */
  onStart?(context: C, job: Job, now: number): Job;
  /**
   * True when the step may start as soon as the steps it waits for end, before the journal has
   * marked it "running": a run after one stopped meanwhile must find what it wrote without the
   * mark. Never asked of a step with `onStart` (what that records must be written first).
   */
  startsUnmarked?(context: C): boolean;
  /** Does the step's work; what it answers is written with its "done" mark. */
  // biome-ignore lint/suspicious/noConfusingVoidType: most steps answer nothing; the pad step answers what to keep.
  run(context: C, job: Job): Promise<StepResult | void>;
}

/** What a step keeps in the journal when it is done (and the pad record written with it). */
export interface StepResult {
  change(job: Job): Job;
  record?(job: Job): PadRecord | undefined;
}

export type StepTable<C> = Record<StepName, Step<C>>;

export interface JournalAccess {
  update(change: (job: Job) => Job, record?: (job: Job) => PadRecord | undefined): Promise<Job>;
  now(): number;
}

type Ending = 'done' | 'skipped' | 'failed';

/** How a step ended, and what its run keeps. */
type Ended = { name: StepName; as: Ending; error?: unknown; result?: StepResult };

/** The job with a step's end applied: what its run keeps, and its new state. */
function withEnd(job: Job, ended: Ended, now: number): Job {
  const next = ended.result ? ended.result.change(job) : job;
  const error = ended.error === undefined ? null : toErrorInfo(ended.error);
  return { ...next, steps: { ...next.steps, [ended.name]: { status: ended.as, error, at: now } } };
}

const finished = (job: Job, name: StepName) => ['done', 'skipped'].includes(job.steps[name]?.status ?? '');

/**
 * The job with every step free to start (not finished, not started in this run, its `after`
 * finished) marked "running" and changed by its `onStart`; and the names of those steps.
 */
export function startSteps<C>(
  table: StepTable<C>,
  context: C,
  job: Job,
  now: number,
  launched: ReadonlySet<StepName> = new Set(),
): { job: Job; starting: StepName[] } {
  let next = job;
  const starting: StepName[] = [];
  for (const name of Object.keys(table) as StepName[]) {
    const step = table[name];
    if (launched.has(name) || finished(next, name)) continue;
    const after = typeof step.after === 'function' ? step.after(context) : (step.after ?? []);
    if (!after.every((before) => finished(next, before))) continue;
    starting.push(name);
    next = step.onStart?.(context, next, now) ?? next;
    next = { ...next, steps: { ...next.steps, [name]: { status: 'running', error: null, at: now } } };
  }
  return { job: next, starting };
}

/**
 * Runs the whole table, side by side where it may; throws the first failure in table order.
 * `begun` is a job whose first steps `startSteps` marked before it was written: they run at once.
 */
export async function runStepTable<C>(
  table: StepTable<C>,
  context: C,
  journal: JournalAccess,
  begun?: { job: Job; starting: StepName[] },
): Promise<void> {
  const names = Object.keys(table) as StepName[];
  const launched = new Set<StepName>();
  const failures = new Map<StepName, unknown>();
  const running = new Set<Promise<void>>();

  /**
   * In one journal write: ends a step (when one ended) and starts every step now free to run.
   * `known` is the job as the ended step last saw it: the steps it frees that may start unmarked
   * start from it at once, beside the write (which marks them too).
   */
  async function advance(ended?: Ended, known?: Job) {
    let early: StepName[] = [];
    if (ended?.as === 'done' && known) {
      const now = journal.now();
      const freed = startSteps(table, context, withEnd(known, ended, now), now, launched);
      early = freed.starting.filter((name) => !table[name].onStart && table[name].startsUnmarked?.(context));
      launch(early, freed.job);
    }
    let starting: StepName[] = [];
    const job = await journal.update((current) => {
      const now = journal.now();
      const next = ended ? withEnd(current, ended, now) : current;
      const others = new Set([...launched].filter((name) => !early.includes(name)));
      const started = startSteps(table, context, next, now, others);
      starting = started.starting.filter((name) => !early.includes(name));
      return started.job;
    }, ended?.result?.record);
    launch(starting, job);
  }

  function launch(starting: StepName[], job: Job): void {
    for (const name of starting) {
      launched.add(name);
      const work = runOne(name, job);
      running.add(work);
      void work.finally(() => running.delete(work));
    }
  }

  async function runOne(name: StepName, started: Job): Promise<void> {
    const step = table[name];
    let result: StepResult | undefined;
    try {
      if (step.alreadyDone?.(context, started)) return await advance({ name, as: 'skipped' });
      result = (await step.run(context, started)) || undefined;
    } catch (error) {
      failures.set(name, error);
      await advance({ name, as: 'failed', error }).catch(() => {});
      return;
    }
    // Done but not journaled as done (the journal is gone): the run must not end as a success.
    await advance({ name, as: 'done', result }, started).catch((error: unknown) => failures.set(name, error));
  }

  if (begun) launch(begun.starting, begun.job);
  else await advance();
  while (running.size > 0) await Promise.allSettled([...running]);
  const first = names.find((name) => failures.has(name));
  if (first) {
    const error = failures.get(first);
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { step: first });
  }
}
