import type { CDPSession, Page } from 'playwright-core';
import { LIST_SHOWN_MARK } from '../../components/popup/marks';
import type { ExtensionBrowser } from '../../sandbox/browser';
import type { Sandbox } from '../../sandbox/server';
import { addConfiguration, connectBoth } from '../../sandbox/tour';
import { recordSeries, recordValue } from './stats';

/**
 * Sends one message to the background the way the extension's messaging library does on the wire
 * ({ id, type, data, timestamp } → { res }), from an extension page, and answers how long the
 * answer took. Written as text: it runs in the page.
 */
const TIMED_MESSAGE = `async (type, data) => {
  const start = performance.now();
  const answer = await chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() });
  const elapsed = performance.now() - start;
  if (!answer || !('res' in answer) || !answer.res.ok) throw new Error(type + ': ' + JSON.stringify(answer));
  return elapsed;
}`;

export async function timedMessage(page: Page, type: string, data?: unknown): Promise<number> {
  const argument = data === undefined ? 'undefined' : JSON.stringify(data);
  return (await page.evaluate(`(${TIMED_MESSAGE})(${JSON.stringify(type)}, ${argument})`)) as number;
}

/** In-page navigation from the candidate list to a candidate → the button on screen. */
export async function measureNavigation(browser: ExtensionBrowser, latencyMs: number, ids: string[]) {
  const navigation: number[] = [];
  const page = await browser.context.newPage();
  await page.goto(`https://hire.lever.co/candidates/${ids[0]}`);
  await page.getByRole('button', { name: 'Create CoderPad pad' }).waitFor();
  for (const id of ids.slice(1)) {
    await page.goto('https://hire.lever.co/candidates');
    await page.getByRole('button', { name: 'Create CoderPad pad' }).waitFor({ state: 'detached' });
    const elapsed = (await page.evaluate(`new Promise((done) => {
      const start = performance.now();
      history.pushState({}, '', '/candidates/${id}');
      dispatchEvent(new PopStateEvent('popstate'));
      (function check() {
        const button = document.querySelector('padbridge-widget')?.shadowRoot?.querySelector('button.pb-main');
        if (button) done(performance.now() - start);
        else requestAnimationFrame(check);
      })();
    })`)) as number;
    navigation.push(elapsed);
  }
  await page.close();
  recordSeries(latencyMs, `navigation → button (${navigation.length} candidates)`, navigation, 'ms', 100);
}

/**
 * The content script's evaluation on a candidate page: Chromium's trace of the page load, the
 * EvaluateScript event of the script (compiling and running it, up to its first wait).
 */
export async function measureContentScriptEvaluation(browser: ExtensionBrowser, latencyMs: number, ids: string[]) {
  const times: number[] = [];
  for (const id of ids) {
    const page = await browser.context.newPage();
    const cdp: CDPSession = await browser.context.newCDPSession(page);
    const events: { name: string; ph: string; dur?: number; args?: { data?: { url?: string } } }[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as typeof events)));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['devtools.timeline'] },
      transferMode: 'ReportEvents',
    });
    await page.goto(`https://hire.lever.co/candidates/${id}`);
    await page.getByRole('button', { name: 'Create CoderPad pad' }).waitFor();
    await cdp.send('Tracing.end');
    await complete;
    const evaluation = events.find(
      (e) => e.name === 'EvaluateScript' && e.ph === 'X' && e.args?.data?.url?.endsWith('/content-scripts/lever.js'),
    );
    if (!evaluation?.dur) throw new Error('no evaluation of the content script in the trace');
    times.push(evaluation.dur / 1000);
    await cdp.detach();
    await page.close();
  }
  recordSeries(latencyMs, 'content script evaluation on a Lever page', times, 'ms', 15);
}

/** Stopped service worker → first answered message (getStatus, from an extension page). */
export async function measureColdStart(browser: ExtensionBrowser, latencyMs: number, runs: number) {
  const times: number[] = [];
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const cdp = await browser.context.newCDPSession(page);
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    if (versions.some((v) => v.runningStatus === 'stopped')) stopped = true;
  });
  await cdp.send('ServiceWorker.enable');
  for (let i = 0; i < runs; i++) {
    await timedMessage(page, 'getStatus');
    stopped = false;
    await cdp.send('ServiceWorker.stopAllWorkers');
    for (let wait = 0; !stopped && wait < 100; wait++) await page.waitForTimeout(50);
    if (!stopped) throw new Error('the service worker did not stop');
    times.push(await timedMessage(page, 'getStatus'));
  }
  await cdp.detach();
  await page.close();
  recordSeries(latencyMs, 'worker cold start → first answered message', times, 'ms', 150);
}

/** The popup opened over `count` records (already stored): navigation start → list painted. */
export async function measurePopup(
  browser: ExtensionBrowser,
  latencyMs: number,
  count: number,
  runs: number,
  limit: number,
) {
  // Opened once first, not counted: right after the benchmark wrote thousands of rows at once the
  // database is still settling them, a state no recruiter's data is in.
  const warm = await browser.context.newPage();
  await warm.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await warm.getByRole('listitem').first().waitFor();
  await warm.close();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.getByRole('listitem').first().waitFor();
    times.push(
      await popup.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN, LIST_SHOWN_MARK),
    );
    await popup.close();
  }
  recordSeries(latencyMs, `popup, ${count.toLocaleString('en')} records → list painted`, times, 'ms', limit);
}

/** The popup's search over every record, keystroke by keystroke: the background's answer time. */
export async function measureSearch(browser: ExtensionBrowser, latencyMs: number, words: string[], count: number) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.getByRole('listitem').first().waitFor();
  const times: number[] = [];
  for (const word of words) {
    for (let end = 1; end <= word.length; end++) {
      times.push(await timedMessage(page, 'listPadRecords', { query: word.slice(0, end), limit: 50 }));
    }
  }
  await page.close();
  recordSeries(latencyMs, `popup search over ${count.toLocaleString('en')} records, per keystroke`, times, 'ms', 50);
}

/**
 * An admin connects both services, adds a live and a take-home configuration, edits one and
 * deletes the other, in one page: how many times each catalogue was listed (a listing may take
 * several pages), and how many listings the changes themselves caused.
 */
export async function measureOptionsCatalogues(browser: ExtensionBrowser, sandbox: Sandbox, latencyMs: number) {
  const listings = (from: number) => {
    const firstPages = sandbox.state.requests
      .slice(from)
      .filter((r) => r.method === 'GET' && !r.query.offset && !r.query.page?.some((p) => p !== '1'));
    const count = (path: string) => firstPages.filter((r) => r.path === path).length;
    return {
      stages: count('/v1/stages'),
      users: count('/v1/users'),
      questions: count('/api/organization/questions'),
    };
  };
  const start = sandbox.state.requests.length;
  const page = await browser.context.newPage();
  await connectBoth(page, `chrome-extension://${browser.extensionId}/options.html`);
  await page.getByRole('button', { name: 'Add configuration' }).waitFor();
  await page.waitForTimeout(latencyMs * 4);
  const beforeChanges = sandbox.state.requests.length;
  await addConfiguration(page, {
    stage: 'Technical interview',
    type: 'Live interview',
    question: 'LRU cache',
    tag: 'Bench A',
  });
  await addConfiguration(page, { stage: 'Offer', type: 'Live interview', tag: 'Bench B' });
  await page.getByRole('listitem', { name: 'Bench A' }).getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: 'Edit configuration' });
  await form.getByRole('textbox', { name: 'Tag name' }).fill('Bench A2');
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('listitem', { name: 'Bench A2' }).waitFor();
  await page.getByRole('listitem', { name: 'Bench B' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('listitem', { name: 'Bench B' }).waitFor({ state: 'detached' });
  await page.close();
  const all = listings(start);
  const duringChanges = listings(beforeChanges);
  recordValue(
    latencyMs,
    `options page: listings of stages / users / questions (${all.stages} / ${all.users} / ${all.questions})`,
    Math.max(all.stages, all.users, all.questions),
    'at most',
    '≤ 1 each',
    Math.max(all.stages, all.users, all.questions) <= 1,
  );
  const changes = duringChanges.stages + duringChanges.users + duringChanges.questions;
  recordValue(latencyMs, 'options page: listings caused by add, edit, delete', changes, 'listings', '0', changes === 0);
}
