import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR, type ExtensionBrowser, launchExtensionBrowser } from '../../sandbox/browser';
import { extraCandidates } from '../../sandbox/seed';
import { startSandbox } from '../../sandbox/server';
import { NO_SUMMARY } from '../../lib/pads/records';
import { storedRecordRow } from '../../lib/pads/search';
import { connectedStorage, LIVE_CONFIGURATION, padRecord } from '../fixtures/seeded';
import { extensionData } from '../support/extension-data';
import { measureBurst } from './burst';
import { measureClicks } from './clicks';
import {
  measureColdStart,
  measureContentScriptEvaluation,
  measureNavigation,
  measureOptionsCatalogues,
  measurePopup,
  measureSearch,
} from './pages';
import { machine, recordValue, rows, table } from './stats';

/*
 * `npm run bench`: PadBridge's speed and size, measured on the built extension in Chromium against
 * the sandbox, at each added latency L (BENCH_LATENCIES, default 150 and 400 ms). Prints the
 * machine and a table, and writes test-results/bench.json and test-results/bench.md. A miss is
 * reported, not hidden; the exit code stays 0 (the figures are information, not a test).
 *
 * BENCH_CANDIDATES (default 20) candidates are clicked one after another; BENCH_BURST (default
 * 100) pads are requested in the burst, from BENCH_TABS (default 10) tabs. BENCH_ONLY (e.g.
 * "clicks,popup") runs some of the parts: size, clicks, navigation, script, coldstart, popup,
 * options, burst. BENCH_EXTENSION_DIR measures another build (to compare before and after).
 */

const LATENCIES = (process.env.BENCH_LATENCIES ?? '150,400').split(',').map(Number);
const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 20);
const BURST = Number(process.env.BENCH_BURST ?? 100);
const TABS = Number(process.env.BENCH_TABS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const out = resolve('test-results');
const ONLY = process.env.BENCH_ONLY?.split(',');
const want = (part: string) => !ONLY || ONLY.includes(part);
const CONFIGURATION = 'Bench live';

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances'];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
];
/** `count` records, one a minute back from now, with names and tags varied enough for a search to mean something. */
function storedRecords(count: number, now: number) {
  return Array.from({ length: count }, (_, i) =>
    storedRecordRow(
      padRecord(i, now, {
        candidateName: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
        tag: `Team ${i % 7}`,
        status: 'ended',
        statusCheckedAt: now,
        summary: { ...NO_SUMMARY, state: 'written' },
      }),
    ),
  );
}

// Size: the content script is what every Lever page pays for.
const contentScript = readFileSync(
  join(process.env.BENCH_EXTENSION_DIR ?? EXTENSION_DIR, 'content-scripts', 'lever.js'),
);
const gzipKb = gzipSync(contentScript).length / 1024;
recordValue(null, 'content script, gzip', gzipKb, 'KB', '≤ 80', gzipKb <= 80);

const bench = extraCandidates(CANDIDATES + BURST);
const clickIds = bench.slice(0, CANDIDATES).map((o) => o.id);
const burstIds = bench.slice(CANDIDATES).map((o) => o.id);
const connections = connectedStorage([{ ...LIVE_CONFIGURATION, tag: CONFIGURATION }]);
let chromiumVersion = 'unknown';

async function seed(browser: ExtensionBrowser, storage: Record<string, unknown>, records: unknown[] = []) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.evaluate(extensionData as never, { clear: true, storage, rows: { records } });
  await page.close();
}

for (const latencyMs of LATENCIES) {
  // Lever answers lists a hundred at a time, as its API does for the limit PadBridge asks.
  const sandbox = await startSandbox({ latencyMs, extraCandidates: bench.length, leverPageSize: 100 });
  const browser = await launchExtensionBrowser({
    hostResolverRules: sandbox.hostResolverRules,
    headless: true,
    // Another build to compare with (e.g. a copy of the output before a change).
    extensionDir: process.env.BENCH_EXTENSION_DIR,
  });
  chromiumVersion = browser.context.browser()?.version() ?? chromiumVersion;
  try {
    console.log(`L = ${latencyMs} ms …`);
    await seed(browser, connections);
    if (want('clicks')) await measureClicks(browser, sandbox, latencyMs, clickIds, CONFIGURATION);
    if (want('navigation')) await measureNavigation(browser, latencyMs, clickIds.slice(0, RUNS + 1));
    if (want('script')) await measureContentScriptEvaluation(browser, latencyMs, clickIds.slice(0, RUNS));
    if (want('coldstart')) await measureColdStart(browser, latencyMs, RUNS);

    if (want('popup'))
      for (const [count, limit] of [
        [1000, 150],
        [20_000, 250],
      ] as const) {
        await seed(browser, connections, storedRecords(count, Date.now()));
        await measurePopup(browser, latencyMs, count, RUNS, limit);
        if (count === 20_000) await measureSearch(browser, latencyMs, ['hopper', 'ada lov', 'team 3', 'zzz'], count);
      }

    if (want('options')) {
      await seed(browser, {});
      await measureOptionsCatalogues(browser, sandbox, latencyMs);
    }
    if (want('burst')) {
      await seed(browser, connections);
      await measureBurst(browser, sandbox, latencyMs, burstIds, CONFIGURATION, TABS);
    }
  } finally {
    await browser.close();
    await sandbox.close();
  }
}

const where = machine(chromiumVersion);
const markdown = `Measured on ${where}.\n\n${table()}\n`;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'bench.json'), `${JSON.stringify({ machine: where, rows }, null, 2)}\n`);
writeFileSync(join(out, 'bench.md'), markdown);
console.log(`\n${markdown}`);
const misses = rows.filter((r) => !r.ok).length;
console.log(misses ? `${misses} measure(s) miss their target.` : 'Every measure meets its target.');
