import 'fake-indexeddb/auto';
import { parentPort, workerData } from 'node:worker_threads';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sandboxFetchFor } from '../../sandbox/server';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };

/*
 * One recruiter's browser for `npm run bench:team`, in its own worker thread: its own fake
 * browser (extension storage, managed policy, i18n) and its own IndexedDB, running the real
 * background modules (the same `createBackend` the service worker builds) against the sandbox.
 * The main thread tells it when to poll and when a recruiter opens a candidate page; it counts
 * every request it sends, per service and, for Lever, per candidate.
 */

interface Setup {
  index: number;
  port: number;
  cert: string;
  policy: Record<string, unknown>;
  timing: { pollMinutes: number; settleMs: number; claimWaitMs: number; claimTtlMs: number };
}

const setup = workerData as Setup;
// The extension APIs, before any module of ours reads them.
const messages = en as Record<string, { message: string }>;
fakeBrowser.i18n.getMessage = ((key: string) =>
  messages[key]?.message.replace(/\$\$/g, '$') ?? '') as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;
(globalThis as { browser?: unknown }).browser = fakeBrowser;

const counts = {
  lever: 0,
  coderpad: 0,
  lever429: 0,
  /** Lever requests about one candidate (`/opportunities/<id>/…` or the candidate itself). */
  perCandidate: {} as Record<string, number>,
  /** Lever list requests (`GET /opportunities?…`). */
  lists: 0,
};
/** Lever's refusals (429) of requests about each candidate: a recruiter's page open that met one. */
const refusedFor: Record<string, number> = {};
const base = sandboxFetchFor(setup.port, setup.cert);
const fetch = async (input: string, init: RequestInit) => {
  const url = new URL(input);
  const lever = url.hostname.includes('lever');
  if (lever) {
    counts.lever += 1;
    const candidate = /^\/v1\/opportunities\/([^/]+)/.exec(url.pathname)?.[1];
    if (candidate) counts.perCandidate[candidate] = (counts.perCandidate[candidate] ?? 0) + 1;
    else if (url.pathname === '/v1/opportunities') counts.lists += 1;
  } else counts.coderpad += 1;
  const response = await base(input, init);
  if (lever && response.status === 429) {
    counts.lever429 += 1;
    const candidate = /^\/v1\/opportunities\/([^/]+)/.exec(url.pathname)?.[1];
    if (candidate) refusedFor[candidate] = (refusedFor[candidate] ?? 0) + 1;
  }
  return response;
};

const { createBackend } = await import('../../lib/backend');
const autoItems = await import('../../lib/auto-mode/items');
const { setupStorage } = await import('../../lib/storage/setup');

await setupStorage({
  record: (await import('../../lib/pads/search')).storedRecordShape,
  job: (await import('../../lib/pad-job/journal')).storedJobShape,
});
await fakeBrowser.storage.managed.set(setup.policy);
const backend = createBackend({ fetch });
await backend.adoptPolicyKeys();
await autoItems.autoTiming.set(setup.timing);
for (const config of await backend.handlers.listConfigurations(undefined, {}))
  await backend.handlers.setAutoMode({ configurationId: config.id, on: true }, {});
// The team's own limit would stop a bulk tag of hundreds: the bench measures the claim, not the limit.
await autoItems.autoDailyLimit.set(1000);

let polling: ReturnType<typeof setTimeout> | undefined;
let stopped = false;
function pollEvery(periodMs: number, firstInMs: number) {
  const tick = async () => {
    if (stopped) return;
    await backend.autoMode.poll().catch(() => {});
    if (!stopped) polling = setTimeout(tick, periodMs);
  };
  polling = setTimeout(tick, firstInMs);
}

parentPort?.on('message', async (message: { type: string; [key: string]: unknown }) => {
  switch (message.type) {
    case 'poll':
      pollEvery(Number(message.periodMs), Number(message.firstInMs));
      break;
    case 'open': {
      // A recruiter opens a candidate page: what the content script asks first.
      const started = performance.now();
      const id = String(message.opportunityId);
      const refused = () => refusedFor[id] ?? 0;
      try {
        await backend.handlers.prepareCandidate(
          { opportunityId: id },
          { url: `https://hire.lever.co/candidates/${id}` },
        );
        parentPort?.postMessage({ type: 'opened', ms: performance.now() - started, error: null, refused: refused() });
      } catch (error) {
        const kind = (error as { kind?: string }).kind ?? String(error);
        parentPort?.postMessage({ type: 'opened', ms: performance.now() - started, error: kind, refused: refused() });
      }
      break;
    }
    case 'stats': {
      const jobs = (await (await import('../../lib/storage/db')).db().jobs.toArray()) as {
        opportunityId: string;
        status: string;
        error: { kind: string } | null;
      }[];
      parentPort?.postMessage({
        type: 'stats',
        counts,
        jobs: jobs.map((j) => ({ opportunityId: j.opportunityId, status: j.status, error: j.error?.kind ?? null })),
      });
      break;
    }
    case 'stop':
      stopped = true;
      if (polling) clearTimeout(polling);
      parentPort?.postMessage({ type: 'stopped' });
      break;
  }
});
parentPort?.postMessage({ type: 'ready', index: setup.index });
