import type { ExtensionBrowser } from '../../sandbox/browser';
import type { Sandbox } from '../../sandbox/server';
import { extensionData } from '../support/extension-data';
import { mostWithinOneSecond } from '../support/rate';
import { workerTimings } from './clicks';
import { recordValue } from './stats';

/** Lever's documented steady rate for one key. */
const LEVER_PER_SECOND = 10;

/**
 * Pads requested back to back: `tabs` tabs each work through their share of the candidates with
 * Lever's in-app navigation, clicking through the widget without waiting for the jobs, which run
 * side by side in the background. Then every job must finish with no 429 shown, Lever must never
 * see more than its rate in any second, and the whole must stay near the rate limit's floor.
 */
export async function measureBurst(
  browser: ExtensionBrowser,
  sandbox: Sandbox,
  latencyMs: number,
  candidateIds: string[],
  configurationName: string,
  tabCount: number,
): Promise<void> {
  const from = sandbox.state.requests.length;
  // Room for every request of the burst in the worker's resource timings (250 by default).
  await workerTimings(browser);
  await serviceWorker(browser).evaluate('performance.setResourceTimingBufferSize(5000)');
  const shares = Array.from({ length: tabCount }, (_, t) => candidateIds.filter((_, i) => i % tabCount === t));
  const tabs = await Promise.all(shares.map(() => browser.context.newPage()));
  await Promise.all(tabs.map((tab) => tab.goto('https://hire.lever.co/candidates')));
  const startedAt = Date.now();
  await Promise.all(
    tabs.map(async (tab, t) => {
      for (const id of shares[t] ?? []) {
        await tab.evaluate(
          `history.pushState({}, '', '/candidates/${id}'); dispatchEvent(new PopStateEvent('popstate'))`,
        );
        await tab.getByRole('button', { name: 'Create CoderPad pad' }).click();
        await tab.getByRole('menuitem', { name: configurationName }).click();
        await tab.getByRole('button', { name: 'Yes, create' }).click();
        // The job's progress, or its link (whose copy status is an empty, hidden live region until used).
        await tab.getByRole('status').filter({ visible: true }).first().waitFor();
      }
    }),
  );
  const extensionPage = await browser.context.newPage();
  await extensionPage.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  let jobs: { status: string; opportunityId: string }[] = [];
  for (let waited = 0; waited < 10 * 60_000; waited += 1000) {
    const read = await extensionPage.evaluate(extensionData as never, { read: ['jobs'] });
    jobs = ((read as { jobs?: typeof jobs }).jobs ?? []).filter((j) => candidateIds.includes(j.opportunityId));
    if (jobs.length >= candidateIds.length && jobs.every((j) => j.status !== 'running')) break;
    await extensionPage.waitForTimeout(1000);
  }
  const alerts = (await Promise.all(tabs.map((tab) => tab.getByRole('alert').count()))).reduce((a, b) => a + b, 0);
  await Promise.all([...tabs, extensionPage].map((page) => page.close()));

  const requests = sandbox.state.requests.slice(from);
  const lever = requests.filter((r) => r.service === 'lever');
  const lastLever = Math.max(...lever.map((r) => r.at));
  const seconds = (lastLever - startedAt) / 1000;
  const floor = lever.length / LEVER_PER_SECOND;
  const limited = lever.filter((r) => r.status === 429).length;
  // When each Lever request left the browser (the sandbox shares its process with the tabs being
  // driven, so its own arrival times bunch up whenever that process is busy).
  const leverTimings = (await workerTimings(browser)).filter((t) => new URL(t.url).host.endsWith('lever.co'));
  // What PadBridge's limiter controls (its fetch calls), and when Chromium put them on the wire.
  const started = mostWithinOneSecond(leverTimings.map((t) => t.start));
  const busiest = mostWithinOneSecond(leverTimings.map((t) => t.sent));
  const done = jobs.filter((j) => j.status === 'done').length;
  const n = candidateIds.length;
  recordValue(latencyMs, `burst: ${n} pads from ${tabCount} tabs, jobs done`, done, 'jobs', `${n}`, done === n);
  recordValue(
    latencyMs,
    'burst: Lever 429 answers / alerts shown',
    limited + alerts,
    'answers',
    '0',
    limited + alerts === 0,
  );
  recordValue(
    latencyMs,
    'burst: most Lever requests PadBridge made in one second',
    started,
    'requests',
    '≤ 10',
    started <= 10,
  );
  recordValue(
    latencyMs,
    `burst: most Lever requests sent in one second (${leverTimings.length} seen)`,
    busiest,
    'requests',
    '≤ 10',
    busiest <= 10,
  );
  recordValue(
    latencyMs,
    `burst: total time (${lever.length} Lever requests, floor ${floor.toFixed(1)} s)`,
    seconds,
    's',
    `≤ floor + 15 % = ${(floor * 1.15).toFixed(1)}`,
    seconds <= floor * 1.15,
  );
}

function serviceWorker(browser: ExtensionBrowser) {
  const origin = `chrome-extension://${browser.extensionId}/`;
  const worker = browser.context.serviceWorkers().find((w) => w.url().startsWith(origin));
  if (!worker) throw new Error('no service worker');
  return worker;
}
