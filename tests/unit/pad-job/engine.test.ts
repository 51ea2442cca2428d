import { describe, expect, it, vi } from 'vitest';
import { type JournalAccess, runStepTable, type StepTable } from '../../../lib/pad-job/engine';
import type { Job, StepName } from '../../../lib/pad-job/job';
import { PAD_JOB_STEPS, type StepContext } from '../../../lib/pad-job/steps';

/** A journal in memory that keeps every write, and a log of what happened in which order. */
function memoryJournal(log: string[], start: Partial<Job> = {}) {
  let job = {
    steps: {},
    padPostedAt: null,
    ...start,
  } as unknown as Job;
  const writes: Job[] = [];
  const access: JournalAccess = {
    update: async (change) => {
      job = change(job);
      writes.push(job);
      const states = Object.entries(job.steps)
        .map(([name, state]) => `${name}:${state?.status}`)
        .sort();
      log.push(`write ${states.join(' ')}`);
      return job;
    },
    now: () => 1,
  };
  return { access, writes, current: () => job };
}

const step = (log: string[], name: StepName, extra: Partial<StepTable<null>[StepName]> = {}) => ({
  run: async () => {
    log.push(`run ${name}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  },
  ...extra,
});

describe('the step engine', () => {
  it('marks the steps that start together in one journal write, with what they record, before any runs', async () => {
    const log: string[] = [];
    const journal = memoryJournal(log);
    const table: StepTable<null> = {
      pad: step(log, 'pad', { onStart: (_c, job, now) => ({ ...job, padPostedAt: now }) }),
      link: step(log, 'link', { after: ['pad'] }),
      note: step(log, 'note', { after: ['pad'] }),
      tag: step(log, 'tag'),
      stage: step(log, 'stage'),
    };
    await runStepTable(table, null, journal.access);

    expect(log[0]).toBe('write pad:running stage:running tag:running');
    expect(journal.writes[0]?.padPostedAt).toBe(1);
    expect(log.slice(1, 4).sort()).toEqual(['run pad', 'run stage', 'run tag']);
    // The write that ends the pad step starts both steps waiting for it.
    expect(log).toContain('write link:running note:running pad:done stage:running tag:running');
    expect(Object.values(journal.current().steps).every((s) => s?.status === 'done')).toBe(true);
  });

  it('does not run what follows a failed step, runs the rest, and reports the first failure in table order', async () => {
    const log: string[] = [];
    const journal = memoryJournal(log);
    const failing = (name: StepName) => async () => {
      log.push(`run ${name}`);
      throw new Error(`${name} failed`);
    };
    const table: StepTable<null> = {
      pad: step(log, 'pad', { run: failing('pad') }),
      link: step(log, 'link', { after: ['pad'] }),
      note: step(log, 'note', { after: ['pad'] }),
      tag: step(log, 'tag', { run: failing('tag') }),
      stage: step(log, 'stage'),
    };
    const error = await runStepTable(table, null, journal.access).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'pad failed', step: 'pad' });
    expect(log).not.toContain('run link');
    expect(log).not.toContain('run note');
    const steps = journal.current().steps;
    expect([steps.pad?.status, steps.tag?.status, steps.stage?.status, steps.link]).toEqual([
      'failed',
      'failed',
      'done',
      undefined,
    ]);
  });

  it('never runs again a step the journal says is done or skipped', async () => {
    const log: string[] = [];
    const journal = memoryJournal(log);
    await journal.access.update((job) => ({
      ...job,
      steps: { pad: { status: 'done', error: null, at: 1 }, tag: { status: 'skipped', error: null, at: 1 } },
    }));
    const table: StepTable<null> = {
      pad: step(log, 'pad'),
      link: step(log, 'link', { after: ['pad'] }),
      note: step(log, 'note', { after: ['pad'] }),
      tag: step(log, 'tag'),
      stage: step(log, 'stage', { alreadyDone: () => true }),
    };
    await runStepTable(table, null, journal.access);
    expect(log.filter((line) => line.startsWith('run')).sort()).toEqual(['run link', 'run note']);
    expect(journal.current().steps.stage?.status).toBe('skipped');
  });
});

describe('the pad job’s table', () => {
  /** The pad job's table over an in-memory Lever and CoderPad that log each call. */
  function padJob(log: string[], options: { auto: boolean; previous?: Partial<Job> }) {
    const journal = memoryJournal(log, {
      id: '0fd94265-0000-4000-8000-000000000001',
      padType: 'live',
      stageName: 'Technical interview',
      questionTitle: null,
      tag: 'CP Live',
      stageId: 's1',
      opportunityId: 'o1',
    });
    const lever = Object.fromEntries(
      ['addTags', 'changeStage', 'addLinks', 'addNote', 'listNotes'].map((name) => [
        name,
        async () => {
          log.push(`lever ${name}`);
          return name === 'listNotes' ? [] : 'n1';
        },
      ]),
    );
    const pad = { id: 'P1', url: 'https://coderpad.io/P1', type: 'live', title: 'T' };
    const context = {
      lever,
      opportunity: { links: [], tags: [], stage: 'other' },
      write: {},
      previous: { steps: {}, ...options.previous },
      auto: options.auto,
      postsPad: true,
      makePad: async () => {
        log.push('coderpad pad');
        return { change: (job: Job) => ({ ...job, pad }) };
      },
    } as unknown as StepContext;
    return { journal, context };
  }

  /** The journal's answer to the write that ends the pad step held until `release` (a slow commit). */
  function holdPadEnd(access: JournalAccess) {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const update: JournalAccess['update'] = async (change, record) => {
      let ending = false;
      const job = await access.update((current) => {
        const next = change(current);
        ending = current.steps.pad?.status === 'running' && next.steps.pad?.status === 'done';
        return next;
      }, record);
      if (ending) await held;
      return job;
    };
    return { release, access: { now: access.now, update } };
  }

  it('asks for the pad alone first; the tag, stage, link and note leave with its answer, marked in the write that ends it', async () => {
    const log: string[] = [];
    const { journal, context } = padJob(log, { auto: false });
    const hold = holdPadEnd(journal.access);
    const ran = runStepTable(PAD_JOB_STEPS, context, hold.access);
    // The journal has not yet heard the pad's end; Lever's four writes are already on their way.
    await vi.waitFor(() => expect(log.filter((line) => line.startsWith('lever'))).toHaveLength(4));
    expect(log.slice(0, 2)).toEqual(['write pad:running', 'coderpad pad']);
    expect(log.slice(2, 6).sort()).toEqual(['lever addLinks', 'lever addNote', 'lever addTags', 'lever changeStage']);
    // The write that ends the pad marks them running all the same.
    expect(log[6]).toBe('write link:running note:running pad:done stage:running tag:running');
    hold.release();
    await ran;
    expect(Object.values(journal.current().steps).every((s) => s?.status === 'done')).toBe(true);
  });

  it('sends auto mode’s note only once the link is journaled', async () => {
    const log: string[] = [];
    const { journal, context } = padJob(log, { auto: true });
    await runStepTable(PAD_JOB_STEPS, context, journal.access);
    const linkDone = log.findIndex((line) => line.startsWith('write') && line.includes('link:done'));
    expect(linkDone).toBeGreaterThan(-1);
    expect(log.indexOf('lever addNote')).toBeGreaterThan(linkDone);
    expect(log[linkDone]).toContain('note:running');
  });

  it('looks for the note first when the run before it stopped with the pad step unfinished', async () => {
    const log: string[] = [];
    const { journal, context } = padJob(log, {
      auto: false,
      previous: { steps: { pad: { status: 'running', error: null, at: 1 } } },
    });
    await runStepTable(PAD_JOB_STEPS, context, journal.access);
    expect(log.indexOf('lever listNotes')).toBeGreaterThan(-1);
    expect(log.indexOf('lever listNotes')).toBeLessThan(log.indexOf('lever addNote'));
  });

  it('does not look for the note on a job’s first run', async () => {
    const log: string[] = [];
    const { journal, context } = padJob(log, { auto: false });
    await runStepTable(PAD_JOB_STEPS, context, journal.access);
    expect(log).not.toContain('lever listNotes');
  });
});
