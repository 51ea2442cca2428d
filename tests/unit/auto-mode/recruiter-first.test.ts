import { afterEach, expect, it, vi } from 'vitest';
import { autoJobChanged } from '../../../lib/auto-mode/setup';
import { createAutoMode } from '../../../lib/auto-mode/poller';
import { AUTO_TIMING } from '../../../lib/auto-mode/state-schema';
import { watch } from '../../../lib/auto-mode/watch';
import { jobKey } from '../../../lib/pad-job/job';
import { db } from '../../../lib/storage/db';
import * as autoItems from '../../../lib/auto-mode/items';
import { connectedBackend, LIVE, leverPage } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

/*
 * A recruiter's page open while auto mode's poll re-reads 200 followed candidates whose claims
 * lapsed (one read each, at background priority; each now holds a CoderPad link, so each is then
 * left alone), and Lever has just answered one of those reads with a 429 and a Retry-After of 30 s. The whole stack runs on fake timers, Lever's latency
 * included (the sandbox answered in process), so the waits measured are the product's own.
 */

const env = withSandbox({ extraCandidates: 200 });
const LATENCY = 150;

afterEach(() => {
  vi.useRealTimers();
});

it('a recruiter’s page open goes first while a poll re-reading 200 linked candidates is held back by a 429', async () => {
  const sandbox = { ...env.sandbox, fetch: env.sandbox.memoryFetch };
  const made = await connectedBackend(sandbox, [LIVE], (job) => void autoJobChanged(job));
  const config = made.configurations[0];
  if (!config) throw new Error('no configuration');
  await autoItems.autoTiming.set({ ...AUTO_TIMING, settleMs: 0, claimWaitMs: 0 });
  const state = env.sandbox.state;
  const bench = state.opportunities.filter((o) => o.name.startsWith('Bench Candidate'));
  expect(bench).toHaveLength(200);
  for (const [i, o] of bench.entries()) {
    state.changeInLeverUi(o.id, { tag: LIVE.tag, stage: LIVE.stageId });
    state.personLinks[o.contact] = [`https://coderpad.io/LINKED${i}`];
  }
  const recruiterPage = state.opportunities.find((o) => o.name === 'Barbara Liskov');
  if (!recruiterPage) throw new Error('the seed has Barbara');

  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  // Auto mode is turned on well after the tagging: Lever's list of changes no longer shows them,
  // and they are followed only because another browser's claims on them have lapsed.
  vi.setSystemTime(Date.now() + 30 * 60_000);
  await made.backend.handlers.setAutoMode({ configurationId: config.id, on: true }, {});
  for (const o of bench)
    await watch({
      key: jobKey('production', o.id, config.id),
      environment: 'production',
      opportunityId: o.id,
      configurationId: config.id,
      lapseAt: Date.now() - 60_000,
    });
  state.options.latencyMs = LATENCY;
  const autoMode = createAutoMode({ lever: made.backend.lever, workflow: made.backend.workflow });
  let polled = false;
  const poll = autoMode.poll().then(() => {
    polled = true;
  });
  const benchIds = new Set(bench.map((o) => o.id));
  const isBenchRead = (r: { method: string; path: string }) =>
    r.method === 'GET' && benchIds.has(r.path.split('/')[3] ?? '');
  const pollReads = () => state.requests.filter(isBenchRead);
  const advanceUntil = async (done: () => boolean, stepMs: number, maxMs: number, label: string) => {
    for (let waited = 0; !done(); waited += stepMs) {
      if (waited > maxMs) throw new Error(`still waiting for ${label}`);
      await vi.advanceTimersByTimeAsync(stepMs);
    }
  };
  // The poll is under way: 50 candidates read; the next read gets a 429 and Retry-After: 30
  // (bench candidates' ids end in their number, from 100; Barbara's in 8).
  await advanceUntil(() => pollReads().length >= 50, 50, 120_000, 'the first reads');
  env.sandbox.fault({ service: 'lever', method: 'GET', pathIncludes: '-0000000001', status: 429, retryAfter: 30 });
  await advanceUntil(() => pollReads().some((r) => r.status === 429), 10, 10_000, 'the 429');
  const readsBefore = pollReads().length;

  // The recruiter opens a candidate page: what the content script asks first.
  const from = state.requests.length;
  const openedAt = Date.now();
  let openMs: number | undefined;
  const open = made.backend.handlers
    .prepareCandidate({ opportunityId: recruiterPage.id }, leverPage(recruiterPage.id))
    .then(() => {
      openMs = Date.now() - openedAt;
    });
  await advanceUntil(() => openMs !== undefined, 10, 60_000, 'the page open');
  await open;
  const recruiters = state.requests.slice(from).filter((r) => !isBenchRead(r));
  expect(recruiters.length).toBeGreaterThan(0);
  expect(recruiters.every((r) => r.status === 200)).toBe(true);
  // Its reads went at once, each one Lever latency, while the poll still waits out the 429.
  expect(openMs).toBeLessThanOrEqual(recruiters.length * LATENCY + 100);
  expect(pollReads()).toHaveLength(readsBefore);
  expect(polled).toBe(false);

  // The poll then reads the rest, and every linked candidate is left alone, and no longer followed.
  await advanceUntil(() => polled, 100, 3_000_000, 'the poll');
  await poll;
  expect(new Set(pollReads().map((r) => r.path)).size).toBe(200);
  expect(state.pads).toHaveLength(0);
  expect(await db().watch.count()).toBe(0);
});
