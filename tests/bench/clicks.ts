import type { ExtensionBrowser } from '../../sandbox/browser';
import type { Sandbox } from '../../sandbox/server';
import { recordSeries } from './stats';
import { readTrace, startTrace } from './trace';

/**
 * A script for the page: `window.benchClickAt`, when "Yes, create" was clicked, and
 * `window.benchSeenAt`, the first frame where `seen` (an expression over the widget's shadow
 * root, `root`) holds; both on the page's own clock (epoch milliseconds). `window.benchClickWall`
 * is the click on the system clock (`Date.now()`), the clock the sandbox stamps requests with:
 * a page's and the service worker's high-resolution clocks start apart by a few milliseconds,
 * so a measure that crosses processes is taken on the system clock.
 */
const watchClickThen = (seen: string) => `(() => {
  const root = document.querySelector('padbridge-widget')?.shadowRoot;
  window.benchClickAt = new Promise((done) => {
    root.addEventListener('click', (event) => {
      if (event.target.closest?.('button')?.textContent?.includes('Yes, create')) {
        window.benchClickWall = Date.now() - (performance.now() - event.timeStamp);
        done(performance.timeOrigin + event.timeStamp);
      }
    }, { capture: true });
  });
  window.benchSeenAt = new Promise((done) => {
    (function check() {
      if (${seen}) done(performance.timeOrigin + performance.now());
      else requestAnimationFrame(check);
    })();
  });
  // When it entered the page (for the trace: the frame that paints it comes after).
  window.benchInPageAt = new Promise((done) => {
    const observer = new MutationObserver(() => {
      if (${seen}) {
        observer.disconnect();
        done(performance.timeOrigin + performance.now());
      }
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  });
})()`;

/** The click, then the pad link painted. */
const WATCH_CLICK_AND_LINK = watchClickThen(`root.querySelector('a[href^="https://coderpad.io/"]')`);

export interface Timing {
  url: string;
  /** fetch() called. */
  start: number;
  /** The request sent (after any connection set-up). */
  sent: number;
  /** The whole answer received. */
  answered: number;
}

/** The service worker's resource timings, in epoch milliseconds, emptied after reading. */
export async function workerTimings(browser: ExtensionBrowser): Promise<Timing[]> {
  const origin = `chrome-extension://${browser.extensionId}/`;
  const worker = browser.context.serviceWorkers().find((w) => w.url().startsWith(origin));
  if (!worker) throw new Error('no service worker');
  // Written as text: the TypeScript runner would otherwise wrap the function in a helper the worker lacks.
  return (await worker.evaluate(`(() => {
    const entries = performance.getEntriesByType('resource');
    performance.clearResourceTimings();
    const at = (t) => performance.timeOrigin + t;
    return entries.map((e) => ({
      url: e.name,
      start: at(e.startTime),
      sent: at(e.requestStart || e.startTime),
      answered: at(e.responseEnd),
    }));
  })()`)) as Timing[];
}

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
    if (process.env.BENCH_TRACE) await startTrace(browser);
    await page.getByRole('button', { name: 'Yes, create' }).click();
    const clickAt = (await page.evaluate('window.benchClickAt')) as number;
    const linkAt = (await page.evaluate('window.benchSeenAt')) as number;
    await page.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor({ timeout: 30_000 });
    const trace = process.env.BENCH_TRACE ? await readTrace(browser) : [];
    const inPageAt = (await page.evaluate('window.benchInPageAt')) as number;
    const clickWall = (await page.evaluate('window.benchClickWall')) as number;
    const requests = sandbox.state.requests
      .slice(from)
      .filter((r) => r.service === 'lever' || r.service === 'coderpad');
    // When each request reached the services and when the services answered, on the system clock.
    const padRequest = requests.find((r) => r.path === '/api/pads' && r.method === 'POST');
    const leverWrites = requests.filter((r) => r.path.startsWith(`/v1/opportunities/${id}/`) && r.method !== 'GET');
    if (!padRequest || leverWrites.length < 4) throw new Error(`pad for ${id}: missing requests`);
    requestLeaves.push(padRequest.receivedAt - clickWall);
    toLink.push(linkAt - clickAt);
    toLever.push(Math.max(...leverWrites.map((r) => r.at)) - clickWall);
    // This pad's calls: the popup's status follow-up of earlier pads (once a minute while one is
    // unfinished, whatever page is open) happens to fall in the window and is not counted.
    calls.push(requests.filter((r) => !(r.method === 'GET' && /^\/api\/pads\/\w+$/.test(r.path))).length);
    if (process.env.BENCH_DEBUG) {
      for (const r of requests) console.log(`  ${r.receivedAt - clickWall}..${r.at - clickWall} ${r.method} ${r.path}`);
    }
    if (process.env.BENCH_TRACE) {
      // The click as the worker and the services lived it, on the system clock from the click;
      // the page's own moments are converted from its clock.
      const onPage = (at: number) => clickWall + (at - clickAt);
      const rows = [
        ...trace,
        ...requests.map((r) => ({ what: `${r.service} ${r.method} ${r.path}`, start: r.receivedAt, end: r.at })),
        { what: 'link in the page', start: onPage(inPageAt), end: onPage(inPageAt) },
        { what: 'link painted (the frame that shows it)', start: onPage(linkAt), end: onPage(linkAt) },
      ].sort((a, b) => a.start - b.start);
      console.log(`  trace of the click on ${id}:`);
      for (const r of rows)
        console.log(`  ${(r.start - clickWall).toFixed(1)} → ${(r.end - clickWall).toFixed(1)}  ${r.what}`);
    }
    await page.close();
  }
  const n = candidateIds.length;
  recordSeries(latencyMs, `click → pad request reaches CoderPad (${n} candidates)`, requestLeaves, 'ms', 25);
  recordSeries(latencyMs, 'click → pad link on screen', toLink, 'ms', latencyMs + 40, `≤ 1 L + 40 = ${latencyMs + 40}`);
  recordSeries(
    latencyMs,
    'click → Lever updated (tag, stage, link, note answered)',
    toLever,
    'ms',
    2 * latencyMs + 60,
    `≤ 2 L + 60 = ${2 * latencyMs + 60}`,
  );
  recordSeries(latencyMs, 'API calls per pad, page open → Lever updated', calls, 'calls', 6);
}

/** The click, then Create anyway painted. */
const WATCH_CLICK_AND_CHOICE = watchClickThen(
  `[...root.querySelectorAll('button')].some((b) => b.textContent.includes('Create anyway'))`,
);

/**
 * A pad request CoderPad answers with a 503 (it may or may not have made the pad): the time from
 * the click until the recruiter is offered Create anyway, painted; then Create anyway makes the pad.
 */
export async function measureUncertain(
  browser: ExtensionBrowser,
  sandbox: Sandbox,
  latencyMs: number,
  candidateIds: string[],
  configurationName: string,
): Promise<void> {
  const toChoice: number[] = [];
  for (const id of candidateIds) {
    const page = await browser.context.newPage();
    await page.goto(`https://hire.lever.co/candidates/${id}`);
    await page.getByRole('button', { name: 'Create CoderPad pad' }).click();
    await page.getByRole('menuitem', { name: configurationName }).click();
    await page.waitForTimeout(latencyMs * 2);
    await page.evaluate(WATCH_CLICK_AND_CHOICE);
    sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', status: 503 });
    await page.getByRole('button', { name: 'Yes, create' }).click();
    const clickAt = (await page.evaluate('window.benchClickAt')) as number;
    const choiceAt = (await page.evaluate('window.benchSeenAt')) as number;
    toChoice.push(choiceAt - clickAt);
    await page.getByRole('button', { name: 'Create anyway' }).click();
    await page.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor({ timeout: 30_000 });
    await page.close();
  }
  recordSeries(latencyMs, 'pad request uncertain (503) → Create anyway offered', toChoice, 'ms', 2000, '≤ 2 s');
}
