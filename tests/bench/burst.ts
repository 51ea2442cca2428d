import type { ExtensionBrowser } from '../../sandbox/browser';
import type { Sandbox } from '../../sandbox/server';
import { extensionData } from '../support/extension-data';
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
        await tab.getByRole('status').first().waitFor();
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
  const busiest = Math.max(
    ...lever.map((r) => lever.filter((o) => o.receivedAt >= r.receivedAt && o.receivedAt - r.receivedAt < 1000).length),
  );
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
    'burst: most Lever requests arriving in one second',
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
