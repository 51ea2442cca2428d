import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchExtensionBrowser } from '../../sandbox/browser';
import { opportunities } from '../../sandbox/seed';
import { startSandbox } from '../../sandbox/server';
import { LIST_SHOWN_MARK } from '../../components/popup/marks';
import { NO_SUMMARY } from '../../lib/pads/records';
import { connectedStorage, LIVE_CONFIGURATION, padRecord } from '../fixtures/seeded';
import { extensionData } from '../support/extension-data';

/*
 * `npm run bench`: PadBridge's speed and size, measured on the built extension in Chromium
 * against the sandbox with a fixed added latency. Prints a table and writes
 * test-results/bench.json. Targets are the ones the product promises; a miss is reported,
 * not hidden.
 */

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BURST = Number(process.env.BENCH_BURST ?? 9);
const out = resolve('test-results');

interface Row {
  metric: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
}
const rows: Row[] = [];
const record = (metric: string, value: number, unit: string, target: string, ok: boolean) =>
  rows.push({ metric, value: Math.round(value * 10) / 10, unit, target, ok });
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const now = Date.now();
const connections = connectedStorage([{ ...LIVE_CONFIGURATION, tag: 'Bench live' }]);

// Size: the content script is what every Lever page pays for.
const contentScript = readFileSync(join(EXTENSION_DIR, 'content-scripts', 'lever.js'));
const gzipKb = gzipSync(contentScript).length / 1024;
record('content script, gzip', gzipKb, 'KB', '≤ 80', gzipKb <= 80);

const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
const browser = await launchExtensionBrowser({ hostResolverRules: sandbox.hostResolverRules, headless: true });
const extensionPage = `chrome-extension://${browser.extensionId}/popup.html`;

async function inExtension<T>(code: (arg: unknown) => Promise<T>, arg?: unknown): Promise<T> {
  const page = await browser.context.newPage();
  await page.goto(extensionPage);
  const result = await page.evaluate(code, arg);
  await page.close();
  return result;
}
const resetStorage = (storage: Record<string, unknown>, rows: Record<string, unknown[]> = {}) =>
  inExtension(extensionData as never, { clear: true, storage, rows });

try {
  // Click → pad link visible, and API calls per pad.
  const clickToLink: number[] = [];
  const callsPerPad: number[] = [];
  const candidates = opportunities.filter((o) => !o.archived && o.name !== 'Dennis Ritchie').slice(0, RUNS);
  for (const candidate of candidates) {
    sandbox.state.reset({ latencyMs: LATENCY_MS });
    await resetStorage(connections);
    const page = await browser.context.newPage();
    await page.goto(`https://hire.lever.co/candidates/${candidate.id}`);
    await page.getByRole('button', { name: 'Create CoderPad pad' }).click();
    await page.getByRole('menuitem', { name: 'Bench live' }).click();
    // The candidate is read when the page opens; the click should not wait for it.
    await page.waitForTimeout(LATENCY_MS * 3);
    // Watched from inside the page, frame by frame: Playwright's own waiting polls too coarsely for this.
    await page.evaluate(`window.padLinkSeen = new Promise((done) => {
      (function check() {
        const link = document.querySelector('padbridge-widget')?.shadowRoot?.querySelector('a[href^="https://coderpad.io/"]');
        if (link) done(performance.now());
        else requestAnimationFrame(check);
      })();
    }); undefined`);
    const start = (await page.evaluate('performance.now()')) as number;
    await page.getByRole('button', { name: 'Yes, create' }).click();
    const end = (await page.evaluate('window.padLinkSeen')) as number;
    clickToLink.push(end - start);
    if (process.env.BENCH_DEBUG) {
      const t0 = Date.now() - (end - start);
      for (const r of sandbox.state.requests) console.log(r.at - t0, r.method, r.path);
    }
    await page.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor({ timeout: 30_000 });
    callsPerPad.push(sandbox.state.requests.filter((r) => r.service === 'lever' || r.service === 'coderpad').length);
    await page.close();
  }
  const click = median(clickToLink);
  record(
    `click → pad link (median of ${clickToLink.length}, L = ${LATENCY_MS} ms)`,
    click,
    'ms',
    `near 1 L (≤ ${2 * LATENCY_MS})`,
    click <= 2 * LATENCY_MS,
  );
  const calls = Math.max(...callsPerPad);
  record('API calls per pad (page open to Lever updated)', calls, 'calls', '≤ 6', calls <= 6);

  // In-page navigation → button.
  sandbox.state.reset({ latencyMs: 0 });
  await resetStorage(connections);
  const navigation: number[] = [];
  const page = await browser.context.newPage();
  await page.goto(`https://hire.lever.co/candidates/${opportunities[0]?.id}`);
  await page.getByRole('button', { name: 'Create CoderPad pad' }).waitFor();
  for (const candidate of opportunities.slice(1, 1 + RUNS)) {
    await page.goto('https://hire.lever.co/candidates');
    await page.getByRole('button', { name: 'Create CoderPad pad' }).waitFor({ state: 'detached' });
    // Written as text: the TypeScript runner would otherwise wrap the inner function in a helper the page lacks.
    const elapsed = (await page.evaluate(`new Promise((done) => {
      const start = performance.now();
      history.pushState({}, '', '/candidates/${candidate.id}');
      dispatchEvent(new PopStateEvent('popstate'));
      (function check() {
        const button = document.querySelector('padbridge-widget')?.shadowRoot?.querySelector('button.pb-main');
        if (button) done(performance.now() - start);
        else requestAnimationFrame(check);
      })();
    })`)) as number;
    navigation.push(elapsed);
  }
  const nav = median(navigation);
  record(`navigation → button (median of ${navigation.length})`, nav, 'ms', '≤ 100', nav <= 100);
  await page.close();

  // Popup with 1,000 records.
  const records = Array.from({ length: 1000 }, (_, i) =>
    padRecord(i, now, { status: 'ended', statusCheckedAt: now, summary: { ...NO_SUMMARY, state: 'written' } }),
  );
  await resetStorage(connections, { records });
  const popupTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const popup: Page = await browser.context.newPage();
    await popup.goto(extensionPage);
    await popup.getByRole('listitem').first().waitFor();
    // From the start of navigation to the moment the list was first rendered.
    popupTimes.push(
      await popup.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN, LIST_SHOWN_MARK),
    );
    await popup.close();
  }
  const popupMs = median(popupTimes);
  record('popup with 1,000 records → list shown (median)', popupMs, 'ms', '≤ 150', popupMs <= 150);

  // A burst of pads at Lever's rate limit.
  sandbox.state.reset({ latencyMs: 50 });
  await resetStorage(connections);
  // One click per open candidate, each in its own tab, in quick succession: the jobs run side by side.
  const open = opportunities.filter((o) => !o.archived && o.name !== 'Dennis Ritchie').slice(0, BURST);
  const tabs = await Promise.all(open.map(() => browser.context.newPage()));
  await Promise.all(tabs.map((tab, i) => tab.goto(`https://hire.lever.co/candidates/${open[i]?.id}`)));
  const burstStart = Date.now();
  for (const tab of tabs) {
    await tab.getByRole('button', { name: 'Create CoderPad pad' }).click();
    await tab.getByRole('menuitem', { name: 'Bench live' }).click();
    await tab.getByRole('button', { name: 'Yes, create' }).click();
  }
  const sent = tabs.length;
  const distinct = tabs.length;
  await Promise.all(
    tabs.map((tab) =>
      tab
        .getByRole('status')
        .filter({ hasText: 'Lever is up to date' })
        .or(tab.getByRole('alert'))
        .first()
        .waitFor({ timeout: 5 * 60_000 }),
    ),
  );
  const finished = (
    await Promise.all(tabs.map((tab) => tab.getByRole('status').filter({ hasText: 'Lever is up to date' }).count()))
  ).filter((n) => n > 0).length;
  await Promise.all(tabs.map((tab) => tab.close()));
  const burstSeconds = (Date.now() - burstStart) / 1000;
  const leverRequests = sandbox.state.requests.filter((r) => r.service === 'lever');
  const limited = leverRequests.filter((r) => r.status === 429).length;
  const busiest = Math.max(
    ...leverRequests.map((r) => leverRequests.filter((o) => o.at >= r.at && o.at - r.at < 1000).length),
  );
  record(
    `burst: ${sent} clicks on ${distinct} candidates, all finished`,
    burstSeconds,
    's',
    `${distinct} jobs done`,
    finished >= distinct,
  );
  record('burst: Lever 429 answers', limited, 'answers', '0', limited === 0);
  record('burst: most Lever requests arriving in one second', busiest, 'requests', '≤ 10', busiest <= 10);
} finally {
  await browser.close();
  await sandbox.close();
}

const width = Math.max(...rows.map((r) => r.metric.length));
console.log(`\nPadBridge benchmark (added latency L = ${LATENCY_MS} ms)\n`);
for (const row of rows) {
  console.log(
    `${row.ok ? 'ok  ' : 'MISS'}  ${row.metric.padEnd(width)}  ${String(row.value).padStart(8)} ${row.unit.padEnd(8)} target ${row.target}`,
  );
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'bench.json'), `${JSON.stringify({ latencyMs: LATENCY_MS, rows }, null, 2)}\n`);
console.log(`\nWritten to ${join(out, 'bench.json')}`);
