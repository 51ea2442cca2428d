import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/http/errors';
import type { StartResult } from '../../lib/messaging';
import type { Job, StepName } from '../../lib/records';
import * as store from '../../lib/storage';
import { padMarker } from '../../lib/workflow';
import { opportunities } from '../../sandbox/seed';
import { connectedBackend, makePad } from '../support/backend';
import { withSandbox } from '../support/sandbox';

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

const apiCalls = () => env.sandbox.state.requests.filter((r) => r.service === 'lever' || r.service === 'coderpad');

describe('create a pad for a candidate', () => {
  it('tags, moves, creates a live pad, links it and writes a note, in six calls', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    // The page prefetches the candidate when it opens: the click does not wait for Lever.
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id, appHost: HOST }, {});
    const started = jobOf(
      await backend.handlers.startJob(
        { opportunityId: ADA.id, appHost: HOST, configurationId: live.id, force: false },
        {},
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
      title: 'Ada Lovelace — Technical interview',
      question_ids: [102],
      type: 'live',
    });
    expect(snapshot.pads[0]?.notes).toContain(padMarker(started.id));

    // One read of the candidate (on page open) and five writes.
    expect(apiCalls()).toHaveLength(6);
    const records = await store.padRecords.get();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      candidateName: 'Ada Lovelace',
      tag: 'CP Live',
      padType: 'live',
      environment: 'production',
    });
  });

  it('makes a take-home pad from a take-home question, and warns when CoderPad makes it live', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const takeHome = configurations[1];
    if (!takeHome) throw new Error('no configuration');
    const grace = person('Grace Hopper');
    const first = jobOf(
      await backend.handlers.startJob(
        { opportunityId: grace.id, appHost: HOST, configurationId: takeHome.id, force: false },
        {},
      ),
    );
    const done = await backend.workflow.settle(first.pairKey);
    expect(done?.pad?.type).toBe('take_home');
    expect(done?.warning).toBeNull();

    const question = env.sandbox.state.questions.find((q) => q.id === 111);
    if (question) question.pad_type = 'live';
    const again = jobOf(
      await backend.handlers.startJob(
        { opportunityId: grace.id, appHost: HOST, configurationId: takeHome.id, force: true },
        {},
      ),
    );
    const warned = await backend.workflow.settle(again.pairKey);
    expect(warned?.status).toBe('done');
    expect(warned?.warning).toBe('not_take_home');
    expect(env.sandbox.state.pads).toHaveLength(2);
  });

  it('offers the pad PadBridge already made instead of a second one', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const input = { opportunityId: ADA.id, appHost: HOST, configurationId: live.id, force: false };
    const job = jobOf(await backend.handlers.startJob(input, {}));
    await backend.workflow.settle(job.pairKey);
    const second = await backend.handlers.startJob(input, {});
    expect(second.kind).toBe('existing');
    if (second.kind === 'existing')
      expect(second.existing).toMatchObject({ source: 'padbridge', pad: { url: job.pad?.url ?? expect.any(String) } });
    const context = await backend.handlers.prepareCandidate({ opportunityId: ADA.id, appHost: HOST }, {});
    expect(context.existing[live.id]?.source).toBe('padbridge');
    expect(env.sandbox.state.pads).toHaveLength(1);
  });

  it('offers a CoderPad link already on the candidate in Lever, and makes another only when asked', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const dennis = person('Dennis Ritchie');
    const input = { opportunityId: dennis.id, appHost: HOST, configurationId: live.id, force: false };
    const first = await backend.handlers.startJob(input, {});
    expect(first).toMatchObject({ kind: 'existing', existing: { source: 'lever_link', pad: { id: 'OLDPAD1' } } });
    expect(env.sandbox.state.pads).toHaveLength(0);
    const forced = jobOf(await backend.handlers.startJob({ ...input, force: true }, {}));
    expect((await backend.workflow.settle(forced.pairKey))?.status).toBe('done');
    expect(env.sandbox.state.pads).toHaveLength(1);
  });

  it('refuses an archived candidate before any write', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const linus = person('Linus Torvalds');
    const error = await backend.handlers
      .startJob({ opportunityId: linus.id, appHost: HOST, configurationId: live.id, force: false }, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('archived');
    expect(env.sandbox.state.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(await store.jobs.get()).toEqual({});
  });

  it('refuses a candidate page of another Lever environment than the one connected', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const error = await backend.handlers
      .startJob(
        {
          opportunityId: ADA.id,
          appHost: 'hire.eu.lever.co',
          configurationId: configurations[0]?.id ?? '',
          force: false,
        },
        {},
      )
      .catch((e: unknown) => e);
    expect((error as ApiError).kind).toBe('wrong_environment');
  });

  const failing: { step: StepName; method: string; path: string }[] = [
    { step: 'tag', method: 'POST', path: '/addTags' },
    { step: 'stage', method: 'PUT', path: '/stage' },
    { step: 'pad', method: 'POST', path: '/api/pads' },
    { step: 'link', method: 'POST', path: '/addLinks' },
    { step: 'note', method: 'POST', path: '/notes' },
  ];
  for (const { step, method, path } of failing) {
    it(`journals a failure of the ${step} step and resumes from it on retry`, async () => {
      const { backend, configurations } = await connectedBackend(env.sandbox);
      const live = configurations[0];
      if (!live) throw new Error('no configuration');
      const service = step === 'pad' ? 'coderpad' : 'lever';
      env.sandbox.fault({ service, method, pathIncludes: path, status: 500, count: 10 });
      const failed = await makePad(backend, ADA.id, live.id);
      expect(failed?.status).toBe('failed');
      expect(failed?.failedStep).toBe(step);
      expect(failed?.error).toMatchObject({ kind: 'server' });
      expect(failed?.steps[step]?.status).toBe('failed');
      if (step === 'link' || step === 'note') expect(failed?.pad).not.toBeNull();

      env.sandbox.state.faults = [];
      await backend.handlers.retryJob({ jobId: failed.id }, {});
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
    const failed = await makePad(backend, ADA.id, live.id);
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'pad', error: { kind: 'network' } });
    expect(env.sandbox.state.pads).toHaveLength(1);
    await backend.handlers.retryJob({ jobId: failed.id }, {});
    const done = await backend.workflow.settle(failed.pairKey);
    expect(done?.status).toBe('done');
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
    await backend.handlers.retryJob({ jobId: failed.id }, {});
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
    const jobs = await store.jobs.get();
    const stored = jobs[job.pairKey];
    if (!stored) throw new Error('no job');
    jobs[job.pairKey] = {
      ...stored,
      status: 'running',
      error: null,
      failedStep: null,
      steps: { ...stored.steps, pad: { status: 'running', error: null, at: 1 } },
    };
    await store.jobs.set(jobs);

    const { backend: restarted } = await connectedBackend(env.sandbox, []);
    expect(await restarted.workflow.resumeAll()).toBe(1);
    const done = (await store.jobs.get())[job.pairKey];
    expect(done?.status).toBe('done');
    expect(env.sandbox.state.pads).toHaveLength(1);
  });

  it('runs one job for two clicks at once, from two tabs', async () => {
    const { backend, configurations, updates } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const input = { opportunityId: ADA.id, appHost: HOST, configurationId: live.id, force: false };
    const [a, b] = await Promise.all([
      backend.handlers.startJob(input, { tabId: 1 }),
      backend.handlers.startJob(input, { tabId: 2 }),
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
        { opportunityId: ADA.id, appHost: HOST, configurationId: configurations[0]?.id ?? '', force: false },
        {},
      )
      .catch((e: unknown) => e);
    expect((error as ApiError).kind).toBe('not_connected');
  });
});
