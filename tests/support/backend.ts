import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAutoMode } from '../../lib/auto-mode/poller';
import { AUTO_TIMING } from '../../lib/auto-mode/state-schema';
import { autoJobChanged } from '../../lib/auto-mode/setup';
import * as autoItems from '../../lib/auto-mode/items';
import { type Backend, type BackendDeps, createBackend } from '../../lib/backend';
import type { ConfigurationInput } from '../../lib/configurations/configuration';
import type { Job } from '../../lib/pad-job/job';
import { CODERPAD_KEYS, LEVER_KEYS } from '../../sandbox/seed';
import type { Sandbox } from '../../sandbox/server';
import { FAST_HTTP } from './sandbox';

export const LIVE: ConfigurationInput = {
  tag: 'CP Live',
  stageId: '0b7e4d92-3c5a-4e8b-8f21-7a9d6c4b3e21',
  padType: 'live',
  questionId: 102,
  language: null,
  titleTemplate: '{candidate} — {stage}',
};
export const TAKE_HOME: ConfigurationInput = {
  tag: 'CP Take-home',
  stageId: '9c3d1e7f-2a4b-4c6d-8e0f-1a2b3c4d5e32',
  padType: 'take_home',
  questionId: 111,
  language: null,
  titleTemplate: '{candidate} take-home',
};

/**
 * How long the tests let CoderPad's pad list lag before a lost pad is called unconfirmed: the same
 * search, on a shorter clock.
 */
export const FAST_PAD_SEARCH = { lagMs: 2000, intervalMs: 200 };

/** A clock the tests can move forward (for backoffs measured in minutes). */
export function testClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
}

/** The real background, its network going to the sandbox, connected with the sandbox's keys. */
export async function connectedBackend(
  sandbox: Sandbox,
  configs: ConfigurationInput[] = [LIVE, TAKE_HOME],
  onUpdate?: (job: Job) => void,
  clock = testClock(),
  extra: Pick<BackendDeps, 'followPads' | 'padSearch'> = {},
) {
  const updates: Job[] = [];
  const notify = (job: Job) => {
    updates.push(job);
    onUpdate?.(job);
  };
  const backend = createBackend({
    fetch: sandbox.fetch,
    http: FAST_HTTP,
    notify,
    now: clock.now,
    padSearch: FAST_PAD_SEARCH,
    ...extra,
  });
  await backend.handlers.connectLever({ apiKey: LEVER_KEYS.valid, environment: 'production' }, {});
  await backend.handlers.connectCoderPad({ apiKey: CODERPAD_KEYS.valid }, {});
  const saved = [];
  for (const config of configs) saved.push(await backend.handlers.saveConfiguration(config, {}));
  // Recruiting starts in a later browser session: what the set-up read of Lever and CoderPad
  // (kept in session storage) is gone by then.
  await fakeBrowser.storage.session.clear();
  sandbox.state.requests = [];
  return { backend, configurations: saved, updates, clock };
}

/** The sender of a message from the content script on a candidate page, as the browser reports it. */
export const leverPage = (opportunityId: string, host = 'hire.lever.co', tabId?: number) => ({
  url: `https://${host}/candidates/${opportunityId}`,
  tabId,
});

/** What "Yes, create" does, through the backend, waiting until the job has run. */
export async function makePad(
  backend: Backend,
  opportunityId: string,
  configurationId: string,
  force = false,
): Promise<Job> {
  const started = await backend.handlers.startJob({ opportunityId, configurationId, force }, leverPage(opportunityId));
  if (started.kind !== 'job') throw new Error(`expected a job, got ${started.kind}`);
  const job = await backend.workflow.settle(started.job.pairKey);
  if (!job) throw new Error('the job is gone from the journal');
  return job;
}

/**
 * A browser with auto mode on for every configuration given, its waits (settle, claim wait) at
 * zero, and its own poller on the test clock (the tests call `poll` themselves).
 */
export async function autoModeBrowser(sandbox: Sandbox, configs: ConfigurationInput[]) {
  const made = await connectedBackend(sandbox, configs, (job) => void autoJobChanged(job));
  await autoItems.autoTiming.set({ ...AUTO_TIMING, settleMs: 0, claimWaitMs: 0 });
  for (const config of made.configurations)
    await made.backend.handlers.setAutoMode({ configurationId: config.id, on: true }, {});
  const autoMode = createAutoMode({
    lever: made.backend.lever,
    workflow: made.backend.workflow,
    now: made.clock.now,
    sleep: async () => {},
  });
  return { ...made, autoMode };
}
