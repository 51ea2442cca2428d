import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import * as store from '../../../lib/storage/items';
import { ApiError } from '../../../lib/services/http/errors';
import type { StartResult } from '../../../lib/messaging/protocol';
import type { Job, StepName } from '../../../lib/pad-job/job';
import * as journal from '../../../lib/pad-job/journal';
import { padMarker } from '../../../lib/pad-job/workflow';
import { opportunities } from '../../../sandbox/seed';
import { connectedBackend, leverPage, makePad } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';
import { everyRecord } from '../../support/records';

const env = withSandbox();
const HOST = 'hire.lever.co';
const person = (name: string) => {
  const found = opportunities.find((o) => o.name === name);
  if (!found) throw new Error(name);
  return found;
};
const ADA = person('Ada Lovelace');

function jobOf(result: StartResult): Job {
  if (result.kind !== 'job') throw new Error(`expected a job, got ${result.kind}`);
  return result.job;
}

type Backend = Awaited<ReturnType<typeof connectedBackend>>['backend'];

/** A click on the candidate's own page, for one configuration: the job as it ends. */
async function clickAndSettle(backend: Backend, opportunityId: string, configurationId: string, force = false) {
  const started = jobOf(
    await backend.handlers.startJob({ opportunityId, configurationId, force }, leverPage(opportunityId)),
  );
  return backend.workflow.settle(started.pairKey);
}

const apiCalls = () => env.sandbox.state.requests.filter((r) => r.service === 'lever' || r.service === 'coderpad');

describe('create a pad for a candidate', () => {
  it('tags, moves, creates a live pad, links it and writes a note, in six calls, with reads of the stages and the quota', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    // The page prefetches the candidate when it opens: the click does not wait for Lever.
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    const started = jobOf(
      await backend.handlers.startJob(
        { opportunityId: ADA.id, configurationId: live.id, force: false },
        leverPage(ADA.id),
      ),
    );
    const job = await backend.workflow.settle(started.pairKey);

    expect(job?.status).toBe('done');
    expect(job?.pad?.url).toMatch(/^https:\/\/coderpad\.io\/\w+$/);
    const snapshot = env.sandbox.state.snapshot();
    const ada = snapshot.opportunities.find((o) => o.id === ADA.id);
    expect(ada?.tags).toContain('CP Live');
    expect(ada?.stage).toBe(live.stageId);
    expect(ada?.links).toContain(job?.pad?.url);
    expect(ada?.notes).toHaveLength(1);
    expect(ada?.notes[0]?.value).toContain('Question: LRU cache');
    expect(ada?.notes[0]?.value).toContain(job?.pad?.url);
    expect(snapshot.pads).toHaveLength(1);
    expect(snapshot.pads[0]).toMatchObject({
      // The configuration's title, then the reference the pad is found by if its answer is lost.
      title: `Ada Lovelace — Technical interview · PB-${started.id.slice(0, 8)}`,
      question_ids: [102],
      type: 'live',
    });
    expect(snapshot.pads[0]?.notes).toContain(padMarker(started.id));
    expect(apiCalls().filter((r) => r.service === 'lever' && r.method !== 'GET')).toHaveLength(4);

    // On page open, the candidate, Lever's stage list (every page of it, so a deleted stage
    // stops the job before any write) and CoderPad's quota (so a used-up month does too); the
    // person's other applications are not read until asked for. Then the pad and four writes.
    const stageReads = apiCalls().filter((r) => r.path === '/v1/stages');
    expect(stageReads).toHaveLength(
      Math.ceil(env.sandbox.state.stages.length / env.sandbox.state.options.leverPageSize),
    );
    expect(apiCalls().filter((r) => r.path === '/api/quota')).toHaveLength(1);
    expect(apiCalls().filter((r) => r.query.contact_id !== undefined)).toHaveLength(0);
    expect(apiCalls().filter((r) => r.path.startsWith('/v1/postings/'))).toHaveLength(0);
    expect(apiCalls().filter((r) => r.path !== '/v1/stages' && r.path !== '/api/quota')).toHaveLength(6);
    const records = await everyRecord();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      candidateName: 'Ada Lovelace',
      tag: 'CP Live',
      padType: 'live',
      environment: 'production',
    });
  });

  it('reads each service key and the organisation’s policy once for a page open, and once for a click', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const reads = {
      lever: vi.spyOn(store.leverConnection, 'get'),
      coderpad: vi.spyOn(store.coderpadConnection, 'get'),
      policy: vi.spyOn(browser.storage.managed, 'get'),
    };
    const counts = () => Object.fromEntries(Object.entries(reads).map(([name, spy]) => [name, spy.mock.calls.length]));
    const reset = () => {
      for (const spy of Object.values(reads)) spy.mockClear();
    };
    try {
      await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
      expect(counts()).toEqual({ lever: 1, coderpad: 1, policy: 1 });
      reset();
      const job = jobOf(
        await backend.handlers.startJob(
          { opportunityId: ADA.id, configurationId: live.id, force: false },
          leverPage(ADA.id),
        ),
      );
      expect(counts()).toEqual({ lever: 1, coderpad: 1, policy: 1 });
      expect((await backend.workflow.settle(job.pairKey))?.status).toBe('done');
    } finally {
      for (const spy of Object.values(reads)) spy.mockRestore();
    }
  });

  it('reads Lever’s stages once for the pages opened within half a minute', async () => {
    const { backend } = await connectedBackend(env.sandbox);
    const grace = person('Grace Hopper');
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    const afterFirst = apiCalls().filter((r) => r.path === '/v1/stages').length;
    expect(afterFirst).toBeGreaterThan(0);
    await backend.handlers.prepareCandidate({ opportunityId: grace.id }, leverPage(grace.id));
    expect(apiCalls().filter((r) => r.path === '/v1/stages')).toHaveLength(afterFirst);
  });

  it('a click within five minutes of its page opening waits for no stage or quota read, however old the last one was', async () => {
    const { backend, configurations, clock } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const grace = person('Grace Hopper');
    // Lever answers its stages a page at a time: a reading may be several requests.
    const reads = () => {
      const gets = apiCalls().filter((r) => r.method === 'GET');
      return {
        stages: gets.filter((r) => r.path === '/v1/stages').length,
        quota: gets.filter((r) => r.path === '/api/quota').length,
      };
    };
    // The first page reads both; the next, six minutes later, reads them again (a click may follow
    // it by up to five minutes).
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    const first = reads();
    expect(first.stages).toBeGreaterThan(0);
    expect(first.quota).toBe(1);
    clock.advance(4 * 60_000);
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    expect(reads()).toEqual(first);
    clock.advance(2 * 60_000);
    await backend.handlers.prepareCandidate({ opportunityId: grace.id }, leverPage(grace.id));
    const second = reads();
    expect(second).toEqual({ stages: 2 * first.stages, quota: 2 });
    // Its click, four and a half minutes on (ten and a half after the first reading): nothing to
    // read again before the pad.
    clock.advance(270_000);
    expect((await clickAndSettle(backend, grace.id, live.id))?.status).toBe('done');
    expect(reads()).toEqual(second);
  });

  it('trusts a quota that says plenty as long as the stages: a month used up meanwhile is CoderPad’s refusal, Lever untouched, and the next page reads the quota anew', async () => {
    const { backend, configurations, clock } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const quotaReads = () => apiCalls().filter((r) => r.path === '/api/quota').length;
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    expect(quotaReads()).toBe(1);
    // Colleagues use the month up; four minutes on, the page trusts the reading, and so does its
    // click, four minutes later still.
    env.sandbox.state.quota.pads_remaining = 0;
    clock.advance(4 * 60_000);
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    expect(quotaReads()).toBe(1);
    clock.advance(4 * 60_000);
    const failed = await clickAndSettle(backend, ADA.id, live.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.error?.kind).toBe('over_quota');
    expect(apiCalls().filter((r) => r.service === 'lever' && r.method !== 'GET')).toEqual([]);
    expect(env.sandbox.state.pads).toHaveLength(0);
    // The refusal is remembered as what it says: the next page reads the quota again.
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    expect(quotaReads()).toBe(2);
  });

  it('a stage deleted since its list was read: the pad and the other writes are made, the stage move is refused by name, and the next page marks the configuration', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    env.sandbox.state.stages = env.sandbox.state.stages.filter((s) => s.id !== live.stageId);
    const failed = await clickAndSettle(backend, ADA.id, live.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.failedStep).toBe('stage');
    expect(failed?.error).toMatchObject({ kind: 'stage_removed', detail: live.stageName });
    const ada = env.sandbox.state.snapshot().opportunities.find((o) => o.id === ADA.id);
    expect(ada?.links).toContain(failed?.pad?.url);
    expect(ada?.tags).toContain(live.tag);
    const context = await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    expect(context.missingStages).toEqual([live.id]);
  });

  it('makes a take-home pad from a take-home question, and warns when CoderPad makes it live', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const takeHome = configurations[1];
    if (!takeHome) throw new Error('no configuration');
    const grace = person('Grace Hopper');
    const done = await clickAndSettle(backend, grace.id, takeHome.id);
    expect(done?.pad?.type).toBe('take_home');
    expect(done?.warning).toBeNull();

    const question = env.sandbox.state.questions.find((q) => q.id === 111);
    if (question) question.pad_type = 'live';
    const warned = await clickAndSettle(backend, grace.id, takeHome.id, true);
    expect(warned?.status).toBe('done');
    expect(warned?.warning).toBe('not_take_home');
    expect(env.sandbox.state.pads).toHaveLength(2);
  });

  it('offers the pad PadBridge already made instead of a second one', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const input = { opportunityId: ADA.id, configurationId: live.id, force: false };
    const job = jobOf(await backend.handlers.startJob(input, leverPage(input.opportunityId)));
    await backend.workflow.settle(job.pairKey);
    const second = await backend.handlers.startJob(input, leverPage(input.opportunityId));
    expect(second.kind).toBe('existing');
    if (second.kind === 'existing')
      expect(second.existing).toMatchObject({ source: 'padbridge', pad: { url: job.pad?.url ?? expect.any(String) } });
    const context = await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    expect(context.existing[live.id]?.source).toBe('padbridge');
    expect(env.sandbox.state.pads).toHaveLength(1);
  });

  it('offers a CoderPad link already on the candidate in Lever, and makes another only when asked', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const dennis = person('Dennis Ritchie');
    const input = { opportunityId: dennis.id, configurationId: live.id, force: false };
    const first = await backend.handlers.startJob(input, leverPage(input.opportunityId));
    expect(first).toMatchObject({ kind: 'existing', existing: { source: 'lever_link', pad: { id: 'OLDPAD1' } } });
    expect(env.sandbox.state.pads).toHaveLength(0);
    const forced = jobOf(await backend.handlers.startJob({ ...input, force: true }, leverPage(input.opportunityId)));
    expect((await backend.workflow.settle(forced.pairKey))?.status).toBe('done');
    expect(env.sandbox.state.pads).toHaveLength(1);
  });

  it('refuses an archived candidate before any write', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const linus = person('Linus Torvalds');
    const error = await backend.handlers
      .startJob({ opportunityId: linus.id, configurationId: live.id, force: false }, leverPage(linus.id))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('archived');
    expect(env.sandbox.state.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(await journal.runningJobs()).toEqual([]);
    expect(await journal.openJobsFor('production', linus.id)).toEqual([]);
  });

  // The page's reading of the quota said plenty were left; CoderPad refuses all the same.
  for (const [status, kind, why] of [
    [429, 'over_quota', 'the month’s pads are used up'],
    [400, 'bad_request', 'it refuses the language'],
    // An answer that may hide a pad: the pad list is searched (nothing there) before it says so.
    [503, 'unconfirmed', 'it is down'],
  ] as const) {
    it(`leaves Lever untouched when CoderPad refuses the pad at the click (${status}: ${why})`, async () => {
      const { backend, configurations } = await connectedBackend(env.sandbox);
      const live = configurations[0];
      if (!live) throw new Error('no configuration');
      env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', status, count: 10 });
      const failed = await makePad(backend, ADA.id, live.id);
      expect(failed).toMatchObject({ status: 'failed', failedStep: 'pad', error: { kind } });
      expect(env.sandbox.state.requests.filter((r) => r.service === 'lever' && r.method !== 'GET')).toHaveLength(0);
      expect(failed.steps.tag?.status).toBe('pending');
      expect(failed.steps.stage?.status).toBe('pending');
      const ada = env.sandbox.state.snapshot().opportunities.find((o) => o.id === ADA.id);
      expect(ada?.tags).not.toContain(live.tag);
      expect(ada?.notes).toHaveLength(0);
    });
  }

  it('refuses a candidate page of another Lever environment than the one connected', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const error = await backend.handlers
      .startJob(
        { opportunityId: ADA.id, configurationId: configurations[0]?.id ?? '', force: false },
        leverPage(ADA.id, 'hire.eu.lever.co'),
      )
      .catch((e: unknown) => e);
    expect((error as ApiError).kind).toBe('wrong_environment');
  });

  // A pad request CoderPad refused (4xx) made nothing, so a retry asks again; any other failure
  // of the pad request is uncertain (see workflow-integrity.test.ts).
  const failing: { step: StepName; method: string; path: string; status: number; kind: string }[] = [
    { step: 'tag', method: 'POST', path: '/addTags', status: 500, kind: 'server' },
    { step: 'stage', method: 'PUT', path: '/stage', status: 500, kind: 'server' },
    { step: 'pad', method: 'POST', path: '/api/pads', status: 400, kind: 'bad_request' },
    { step: 'link', method: 'POST', path: '/addLinks', status: 500, kind: 'server' },
    { step: 'note', method: 'POST', path: '/notes', status: 500, kind: 'server' },
  ];
  for (const { step, method, path, status, kind } of failing) {
    it(`journals a failure of the ${step} step and resumes from it on retry`, async () => {
      const { backend, configurations } = await connectedBackend(env.sandbox);
      const live = configurations[0];
      if (!live) throw new Error('no configuration');
      const service = step === 'pad' ? 'coderpad' : 'lever';
      env.sandbox.fault({ service, method, pathIncludes: path, status, count: 10 });
      const failed = await makePad(backend, ADA.id, live.id);
      expect(failed?.status).toBe('failed');
      expect(failed?.failedStep).toBe(step);
      expect(failed?.error).toMatchObject({ kind });
      expect(failed?.steps[step]?.status).toBe('failed');
      if (step === 'link' || step === 'note') expect(failed?.pad).not.toBeNull();

      env.sandbox.state.faults = [];
      await backend.handlers.retryJob({ jobId: failed.id }, leverPage(ADA.id));
      const done = await backend.workflow.settle(failed.pairKey);
      expect(done?.status).toBe('done');
      expect(env.sandbox.state.pads).toHaveLength(1);
      const ada = env.sandbox.state.snapshot().opportunities.find((o) => o.id === ADA.id);
      expect(ada?.notes).toHaveLength(1);
      expect(ada?.tags.filter((t) => t === 'CP Live')).toHaveLength(1);
    });
  }

  it('adopts the pad whose answer was lost instead of creating a second one', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', dropAfterAction: true });
    // The lost answer sends the job to CoderPad's pad list at once: it finds the pad there.
    const done = await makePad(backend, ADA.id, live.id);
    expect(done?.status).toBe('done');
    expect(env.sandbox.state.requests.filter((r) => r.service === 'coderpad' && r.method === 'POST')).toHaveLength(1);
    expect(env.sandbox.state.pads).toHaveLength(1);
    expect(done?.pad?.id).toBe(env.sandbox.state.pads[0]?.id);
  });

  it('writes the note once when Lever wrote it but the answer was lost', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/notes', dropAfterAction: true });
    const failed = await makePad(backend, ADA.id, live.id);
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'note', error: { kind: 'network' } });
    await backend.handlers.retryJob({ jobId: failed.id }, leverPage(ADA.id));
    expect((await backend.workflow.settle(failed.pairKey))?.status).toBe('done');
    expect(env.sandbox.state.notes[ADA.id]).toHaveLength(1);
  });

  it('resumes a job whose worker died while CoderPad was making the pad', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', dropAfterAction: true });
    const job = await makePad(backend, ADA.id, live.id);
    // What a killed worker leaves: the job "running", the pad step "running", the pad made.
    await journal.updateJob(
      job.pairKey,
      (stored) => ({
        ...stored,
        status: 'running',
        error: null,
        failedStep: null,
        steps: { ...stored.steps, pad: { status: 'running', error: null, at: 1 } },
      }),
      Date.now(),
    );

    const { backend: restarted } = await connectedBackend(env.sandbox, []);
    expect(await restarted.workflow.resumeAll()).toBe(1);
    const done = await journal.getJob(job.pairKey);
    expect(done?.status).toBe('done');
    expect(env.sandbox.state.pads).toHaveLength(1);
  });

  it('writes one note when the worker died after Lever’s writes left, before the journal heard CoderPad', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const job = await makePad(backend, ADA.id, live.id);
    expect(env.sandbox.state.notes[ADA.id]).toHaveLength(1);
    // What a worker killed then leaves: the pad made, Lever written, the journal still at the pad request.
    await journal.updateJob(
      job.pairKey,
      (stored) => ({
        ...stored,
        status: 'running',
        pad: null,
        steps: { pad: { status: 'running', error: null, at: 1 } },
      }),
      Date.now(),
    );

    const { backend: restarted } = await connectedBackend(env.sandbox, []);
    expect(await restarted.workflow.resumeAll()).toBe(1);
    expect((await journal.getJob(job.pairKey))?.status).toBe('done');
    expect(env.sandbox.state.pads).toHaveLength(1);
    const ada = env.sandbox.state.snapshot().opportunities.find((o) => o.id === ADA.id);
    expect(ada?.notes).toHaveLength(1);
    expect(ada?.links.filter((link) => link === job.pad?.url)).toHaveLength(1);
  });

  it('reads the candidate anew when resuming a job its worker left running: writes Lever has are not sent again', async () => {
    const { backend, configurations, clock } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    // The page open's reading of the candidate, before any write: what the stopped worker kept.
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    const cacheKey = `production:${ADA.id}`;
    const before = await store.candidateCache.get(cacheKey, 60_000, clock.now());
    expect(before).toBeDefined();
    const job = await makePad(backend, ADA.id, live.id);
    // What a worker killed after Lever's four writes left leaves: the steps running, the reading kept.
    await journal.updateJob(
      job.pairKey,
      (stored) => {
        const running = { status: 'running' as const, error: null, at: 1 };
        return {
          ...stored,
          status: 'running',
          steps: { ...stored.steps, link: running, note: running, tag: running, stage: running },
        };
      },
      Date.now(),
    );

    const { backend: restarted, clock: restartedClock } = await connectedBackend(env.sandbox, []);
    await store.candidateCache.set(cacheKey, before, restartedClock.now(), 60_000);
    const sent = env.sandbox.state.requests.length;
    expect(await restarted.workflow.resumeAll()).toBe(1);
    expect((await journal.getJob(job.pairKey))?.status).toBe('done');
    const writes = env.sandbox.state.requests
      .slice(sent)
      .filter((r) => r.service === 'lever' && r.method !== 'GET')
      .map((r) => r.path);
    expect(writes).toEqual([]);
    expect(env.sandbox.state.notes[ADA.id]).toHaveLength(1);
  });

  it('runs one job for two clicks at once, from two tabs', async () => {
    const { backend, configurations, updates } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const input = { opportunityId: ADA.id, configurationId: live.id, force: false };
    const [a, b] = await Promise.all([
      backend.handlers.startJob(input, leverPage(input.opportunityId, HOST, 1)),
      backend.handlers.startJob(input, leverPage(input.opportunityId, HOST, 2)),
    ]);
    const jobA = jobOf(a);
    const jobB = jobOf(b);
    expect(jobA.id).toBe(jobB.id);
    await backend.workflow.settle(jobA.pairKey);
    expect(env.sandbox.state.pads).toHaveLength(1);
    const final = updates.at(-1);
    expect(final?.status).toBe('done');
    expect(final?.tabIds).toEqual([1, 2]);
  });

  it('reads the journal beside the candidate, not once Lever has answered for them', async () => {
    // Lever's answer for the candidate is held until the test lets it go.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated = {
      ...env.sandbox,
      fetch: async (input: string, init?: RequestInit) => {
        if (new URL(input).pathname === `/v1/opportunities/${ADA.id}`) await held;
        return env.sandbox.fetch(input, init);
      },
    };
    const { backend, configurations } = await connectedBackend(gated);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const journalReads: unknown[] = [];
    const get = IDBObjectStore.prototype.get;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, key) {
      if (this.name === 'jobs') journalReads.push(key);
      return get.call(this, key);
    });
    try {
      const click = backend.handlers.startJob(
        { opportunityId: ADA.id, configurationId: live.id, force: false },
        leverPage(ADA.id),
      );
      // The click's row in the journal is read while Lever is still being asked for the candidate.
      await vi.waitFor(() => expect(journalReads).toEqual([`production:${ADA.id}:${live.id}`]), { timeout: 10_000 });
      release();
      const job = await backend.workflow.settle(jobOf(await click).pairKey);
      expect(job?.status).toBe('done');
      expect(env.sandbox.state.pads).toHaveLength(1);
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('skips the tag and the stage when the candidate already has them', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const ada = env.sandbox.state.opportunity(ADA.id);
    if (!ada) throw new Error('no Ada');
    ada.tags.push('CP Live');
    ada.stage = live.stageId;
    const done = await makePad(backend, ADA.id, live.id);
    expect(done?.steps.tag?.status).toBe('skipped');
    expect(done?.steps.stage?.status).toBe('skipped');
    expect(env.sandbox.state.requests.some((r) => r.path.endsWith('/addTags') || r.path.endsWith('/stage'))).toBe(
      false,
    );
  });

  it('says not connected before asking anything', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    await backend.handlers.disconnectLever(undefined, {});
    const error = await backend.handlers
      .startJob(
        { opportunityId: ADA.id, configurationId: configurations[0]?.id ?? '', force: false },
        leverPage(ADA.id),
      )
      .catch((e: unknown) => e);
    expect((error as ApiError).kind).toBe('not_connected');
  });
});
