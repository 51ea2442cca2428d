import { afterEach, expect, it, vi } from 'vitest';
import { autoJobChanged } from '../../../lib/auto-mode/setup';
import { createAutoMode } from '../../../lib/auto-mode/poller';
import { AUTO_TIMING } from '../../../lib/auto-mode/schema';
import * as store from '../../../lib/storage/items';
import { connectedBackend, LIVE, leverPage } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

/*
 * A recruiter's page open while auto mode's poll reads 200 candidates who each hold a CoderPad
 * link (one note read each, at background priority), and Lever has just answered one of those
 * reads with a 429 and a Retry-After of 30 s. The whole stack runs on fake timers, Lever's latency
 * included (the sandbox answered in process), so the waits measured are the product's own.
 */

const env = withSandbox({ extraCandidates: 200 });
const LATENCY = 150;

afterEach(() => {
  vi.useRealTimers();
});

it('a recruiter’s page open goes first while a poll of 200 linked candidates is held back by a 429', async () => {
  const sandbox = { ...env.sandbox, fetch: env.sandbox.memoryFetch };
  const made = await connectedBackend(sandbox, [LIVE], (job) => void autoJobChanged(job));
  const config = made.configurations[0];
  if (!config) throw new Error('no configuration');
  await store.autoTiming.set({ ...AUTO_TIMING, settleMs: 0, claimWaitMs: 0 });
  await made.backend.handlers.setAutoMode({ configurationId: config.id, on: true }, {});
  const state = env.sandbox.state;
  const bench = state.opportunities.filter((o) => o.name.startsWith('Bench Candidate'));
  expect(bench).toHaveLength(200);
  for (const [i, o] of bench.entries()) {
    state.changeInLeverUi(o.id, { tag: LIVE.tag, stage: LIVE.stageId });
    state.personLinks[o.contact] = [`https://coderpad.io/LINKED${i}`];
  }
  const recruiterPage = state.opportunities.find((o) => o.name === 'Barbara Liskov');
  if (!recruiterPage) throw new Error('the seed has Barbara');

  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  state.options.latencyMs = LATENCY;
  const autoMode = createAutoMode({ lever: made.backend.lever, workflow: made.backend.workflow });
  let polled = false;
  const poll = autoMode.poll().then(() => {
    polled = true;
  });
  const noteReads = () => state.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/notes'));
  const advanceUntil = async (done: () => boolean, stepMs: number, maxMs: number) => {
    for (let waited = 0; !done(); waited += stepMs) {
      if (waited > maxMs) throw new Error('still waiting');
      await vi.advanceTimersByTimeAsync(stepMs);
    }
  };
  // The poll is under way: 50 candidates read; the next read gets a 429 and Retry-After: 30.
  await advanceUntil(() => noteReads().length >= 50, 50, 120_000);
  env.sandbox.fault({ service: 'lever', method: 'GET', pathIncludes: '/notes', status: 429, retryAfter: 30 });
  await advanceUntil(() => noteReads().some((r) => r.status === 429), 10, 10_000);
  const readsBefore = noteReads().length;

  // The recruiter opens a candidate page: what the content script asks first.
  const from = state.requests.length;
  const openedAt = Date.now();
  let openMs: number | undefined;
  const open = made.backend.handlers
    .prepareCandidate({ opportunityId: recruiterPage.id }, leverPage(recruiterPage.id))
    .then(() => {
      openMs = Date.now() - openedAt;
    });
  await advanceUntil(() => openMs !== undefined, 10, 60_000);
  await open;
  const recruiters = state.requests.slice(from).filter((r) => !r.path.endsWith('/notes'));
  expect(recruiters.length).toBeGreaterThan(0);
  expect(recruiters.every((r) => r.status === 200)).toBe(true);
  // Its reads went at once, each one Lever latency, while the poll still waits out the 429.
  expect(openMs).toBeLessThanOrEqual(recruiters.length * LATENCY + 100);
  expect(noteReads()).toHaveLength(readsBefore);
  expect(polled).toBe(false);

  // The poll then reads the rest, and every linked candidate is left alone.
  await advanceUntil(() => polled, 1_000, 600_000);
  await poll;
  expect(new Set(noteReads().map((r) => r.path)).size).toBe(200);
  expect(state.pads).toHaveLength(0);
});
