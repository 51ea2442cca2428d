import type { ExtensionBrowser } from '../../sandbox/browser';
import type { Sandbox } from '../../sandbox/server';
import { recordSeries } from './stats';

/** Where the click on "Yes, create" and the pad link were seen, in epoch milliseconds (the page's clock). */
const WATCH_CLICK_AND_LINK = `(() => {
  const root = document.querySelector('padbridge-widget')?.shadowRoot;
  window.benchClickAt = new Promise((done) => {
    root.addEventListener('click', (event) => {
      if (event.target.closest?.('button')?.textContent?.includes('Yes, create')) {
        done(performance.timeOrigin + event.timeStamp);
      }
    }, { capture: true });
  });
  window.benchLinkAt = new Promise((done) => {
    (function check() {
      if (root.querySelector('a[href^="https://coderpad.io/"]')) done(performance.timeOrigin + performance.now());
      else requestAnimationFrame(check);
    })();
  });
})()`;

/**
 * One pad per candidate, each on its own page, as a recruiter works through a list: the time from
 * the click to the pad request leaving, to the link on screen, and to Lever holding the tag, the
 * stage, the link and the note; and how many API calls each pad took from the page opening.
 */
export async function measureClicks(
  browser: ExtensionBrowser,
  sandbox: Sandbox,
  latencyMs: number,
  candidateIds: string[],
  configurationName: string,
): Promise<void> {
  const requestLeaves: number[] = [];
  const toLink: number[] = [];
  const toLever: number[] = [];
  const calls: number[] = [];
  for (const id of candidateIds) {
    const from = sandbox.state.requests.length;
    const page = await browser.context.newPage();
    await page.goto(`https://hire.lever.co/candidates/${id}`);
    await page.getByRole('button', { name: 'Create CoderPad pad' }).click();
    await page.getByRole('menuitem', { name: configurationName }).click();
    // What the page reads when it opens is done by the time a recruiter has read the confirmation.
    await page.waitForTimeout(latencyMs * 2);
    await page.evaluate(WATCH_CLICK_AND_LINK);
    await page.getByRole('button', { name: 'Yes, create' }).click();
    const clickAt = (await page.evaluate('window.benchClickAt')) as number;
    const linkAt = (await page.evaluate('window.benchLinkAt')) as number;
    await page.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor({ timeout: 30_000 });
    const requests = sandbox.state.requests
      .slice(from)
      .filter((r) => r.service === 'lever' || r.service === 'coderpad');
    const padRequest = requests.find((r) => r.service === 'coderpad' && r.method === 'POST' && r.path === '/api/pads');
    const leverWrites = requests.filter((r) => r.service === 'lever' && r.method !== 'GET');
    if (!padRequest || leverWrites.length < 4) throw new Error(`pad for ${id}: missing requests`);
    requestLeaves.push(padRequest.receivedAt - clickAt);
    toLink.push(linkAt - clickAt);
    toLever.push(Math.max(...leverWrites.map((r) => r.at)) - clickAt);
    calls.push(requests.length);
    if (process.env.BENCH_DEBUG) {
      for (const r of requests) console.log(`  ${r.receivedAt - clickAt}..${r.at - clickAt} ${r.method} ${r.path}`);
    }
    await page.close();
  }
  const n = candidateIds.length;
  recordSeries(latencyMs, `click → pad request leaves (${n} candidates)`, requestLeaves, 'ms', 25);
  recordSeries(latencyMs, 'click → pad link on screen', toLink, 'ms', latencyMs + 40, `≤ 1 L + 40 = ${latencyMs + 40}`);
  recordSeries(
    latencyMs,
    'click → Lever updated (tag, stage, link, note)',
    toLever,
    'ms',
    2 * latencyMs + 60,
    `≤ 2 L + 60 = ${2 * latencyMs + 60}`,
  );
  recordSeries(latencyMs, 'API calls per pad, page open → Lever updated', calls, 'calls', 6);
}
