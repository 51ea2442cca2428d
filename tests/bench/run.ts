import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR, type ExtensionBrowser, launchExtensionBrowser } from '../../sandbox/browser';
import { extraCandidates } from '../../sandbox/seed';
import { startSandbox } from '../../sandbox/server';
import { NO_SUMMARY } from '../../lib/pads/records';
import { storedRecordRow } from '../../lib/pads/search';
import { connectedStorage, LIVE_CONFIGURATION, padRecord } from '../fixtures/seeded';
import { extensionData } from '../support/extension-data';
import { measureBurst } from './burst';
import { measureClicks, measureUncertain } from './clicks';
import {
  measureColdStart,
  measureContentScriptEvaluation,
  measureNavigation,
  measureOptionsCatalogues,
  measurePopup,
  measureSearch,
} from './pages';
import { machine, type Row, recordValue, rows } from './stats';

export interface BenchSettings {
  /** Added latencies L, in ms: every part runs at each. */
  latencies: number[];
  /** Candidates clicked one after another. */
  candidates: number;
  /** Pads requested in the burst, and from how many tabs. */
  burst: number;
  tabs: number;
  /** Repetitions of the shorter measures. */
  runs: number;
  /** Stored records the popup opens over, with the limit for each. */
  popup: [count: number, limitMs: number][];
  /** Parts to run (all when absent). */
  only?: string[];
  /** Another build to measure. */
  extensionDir?: string;
}

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

async function seed(browser: ExtensionBrowser, storage: Record<string, unknown>, records: unknown[] = []) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.evaluate(extensionData as never, { clear: true, storage, rows: { records } });
  await page.close();
}

/** Runs the benchmark: the built extension in Chromium against the sandbox, at each latency. */
export async function runBench(settings: BenchSettings): Promise<{ machine: string; rows: Row[] }> {
  const want = (part: string) => !settings.only || settings.only.includes(part);
  rows.length = 0;
  // Size: the content script is what every Lever page pays for.
  const extensionDir = settings.extensionDir ?? EXTENSION_DIR;
  const gzipKb = gzipSync(readFileSync(join(extensionDir, 'content-scripts', 'lever.js'))).length / 1024;
  recordValue(null, 'content script, gzip', gzipKb, 'KB', '≤ 80', gzipKb <= 80);

  const UNCERTAIN = 3;
  const bench = extraCandidates(settings.candidates + settings.burst + UNCERTAIN);
  const clickIds = bench.slice(0, settings.candidates).map((o) => o.id);
  const burstIds = bench.slice(settings.candidates, settings.candidates + settings.burst).map((o) => o.id);
  const uncertainIds = bench.slice(settings.candidates + settings.burst).map((o) => o.id);
  const connections = connectedStorage([{ ...LIVE_CONFIGURATION, tag: CONFIGURATION }]);
  const navigationIds = clickIds.slice(0, Math.max(2, Math.min(clickIds.length, settings.runs + 1)));
  let chromiumVersion = 'unknown';

  for (const latencyMs of settings.latencies) {
    // Lever answers lists a hundred at a time, as its API does for the limit PadBridge asks.
    const sandbox = await startSandbox({ latencyMs, extraCandidates: bench.length, leverPageSize: 100 });
    const browser = await launchExtensionBrowser({
      hostResolverRules: sandbox.hostResolverRules,
      headless: true,
      extensionDir,
    });
    chromiumVersion = browser.context.browser()?.version() ?? chromiumVersion;
    try {
      console.log(`L = ${latencyMs} ms …`);
      await seed(browser, connections);
      if (want('clicks')) await measureClicks(browser, sandbox, latencyMs, clickIds, CONFIGURATION);
      if (want('uncertain')) await measureUncertain(browser, sandbox, latencyMs, uncertainIds, CONFIGURATION);
      if (want('navigation')) await measureNavigation(browser, latencyMs, navigationIds);
      if (want('script')) await measureContentScriptEvaluation(browser, latencyMs, clickIds.slice(0, settings.runs));
      if (want('coldstart')) await measureColdStart(browser, latencyMs, settings.runs);
      if (want('popup')) {
        for (const [count, limit] of settings.popup) {
          await seed(browser, connections, storedRecords(count, Date.now()));
          await measurePopup(browser, latencyMs, count, settings.runs, limit);
        }
        const most = Math.max(...settings.popup.map(([count]) => count));
        await measureSearch(browser, latencyMs, ['hopper', 'ada lov', 'team 3', 'zzz'], most);
      }
      if (want('options')) {
        await seed(browser, {});
        await measureOptionsCatalogues(browser, sandbox, latencyMs);
      }
      if (want('burst')) {
        await seed(browser, connections);
        await measureBurst(browser, sandbox, latencyMs, burstIds, CONFIGURATION, settings.tabs);
      }
    } finally {
      await browser.close();
      await sandbox.close();
    }
  }
  return { machine: machine(chromiumVersion), rows: [...rows] };
}
