import { describe, expect, it } from 'vitest';
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
  it('asks for the pad alone first; the tag, stage, link and note start together in the write that ends it', async () => {
    const log: string[] = [];
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
      previous: { steps: {} },
      auto: false,
      postsPad: true,
      makePad: async () => {
        log.push('coderpad pad');
        return { change: (job: Job) => ({ ...job, pad }) };
      },
    } as unknown as StepContext;
    await runStepTable(PAD_JOB_STEPS, context, journal.access);
    expect(log[0]).toBe('write pad:running');
    expect(log[1]).toBe('coderpad pad');
    expect(log[2]).toBe('write link:running note:running pad:done stage:running tag:running');
    expect(log.slice(3, 7).sort()).toEqual(['lever addLinks', 'lever addNote', 'lever addTags', 'lever changeStage']);
  });
});
