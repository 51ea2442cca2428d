import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CODERPAD_KEYS, LEVER_KEYS } from '../../sandbox/seed';
import { startSandbox } from '../../sandbox/server';
import { median, quantile } from './stats';

/*
 * `npm run bench:team`: auto mode at team scale. N simulated browsers (TEAM_SIZES, default
 * 1,10,50), each a worker thread running the real background modules with its own fake browser
 * and IndexedDB, share one Lever key (the policy's) and so one Lever rate limit (10 requests/s,
 * bursts of 20, as the sandbox enforces), with TEAM_CONFIGS (default 5) configurations each, auto
 * mode on. Measured:
 *   - idle: Lever requests per poll round (one round = one minute in the product);
 *   - a bulk tag of TEAM_CANDIDATES (default 300) candidates with one configuration's tag in its
 *     stage: pads made, candidates with more than one pad, claim notes, Lever 429s, Lever requests
 *     in all and per candidate, requests per candidate from each browser that did not make its
 *     pad, the time until the last pad; and, while it runs, a recruiter opening a candidate page
 *     a second in one of the browsers (what the content script asks first: the busy recruiters
 *     of a team, for one key), with the sandbox's latency L.
 *
 * Auto mode runs at the product's pace (a poll a minute, the settle 45 s, the claim wait 5 s, a
 * claim's life 15 min). TEAM_SPEED shortens those waits (e.g. 10: a poll every 6 s) for a quicker
 * run; Lever's rate limit and the latency are not shortened, so the idle reads are then that many
 * times denser than in the product.
 */

const env = process.env;
const SIZES = (env.TEAM_SIZES ?? '1,10,50').split(',').map(Number);
const CANDIDATES = Number(env.TEAM_CANDIDATES ?? 300);
const CONFIGS = Number(env.TEAM_CONFIGS ?? 5);
const SPEED = Number(env.TEAM_SPEED ?? 1);
const LATENCY = Number(env.TEAM_LATENCY ?? 150);
/** Give up on a run after this long (real time). */
/** Candidate pages the recruiter opens during a run, one after another. */
const PAGES = 200;
const MAX_RUN_MS = Number(env.TEAM_MAX_MINUTES ?? 40) * 60_000;

const STAGE = '0b7e4d92-3c5a-4e8b-8f21-7a9d6c4b3e21';
const tags = Array.from({ length: CONFIGS }, (_, i) => `Team ${i + 1}`);
const policy = {
  leverEnvironment: 'production',
  leverApiKey: LEVER_KEYS.valid,
  coderpadApiKey: CODERPAD_KEYS.valid,
  configurations: tags.map((tag) => ({
    tag,
    stageId: STAGE,
    padType: 'live',
    questionId: 102,
    titleTemplate: '{candidate}',
  })),
};
const timing = {
  pollMinutes: 1 / SPEED,
  settleMs: 45_000 / SPEED,
  claimWaitMs: 5_000 / SPEED,
  claimTtlMs: (15 * 60_000) / SPEED,
};
const pollMs = timing.pollMinutes * 60_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Stats {
  counts: { lever: number; coderpad: number; lever429: number; perCandidate: Record<string, number>; lists: number };
  jobs: { opportunityId: string; status: string; error: string | null }[];
}

class Browser {
  readonly worker: Worker;
  private waiting = new Map<string, (value: unknown) => void>();

  constructor(index: number, port: number, cert: string) {
    // The browser's module is TypeScript: the worker registers tsx's loader, then imports it.
    const script = new URL('./team-browser.ts', import.meta.url).href;
    this.worker = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`,
      { eval: true, workerData: { index, port, cert, policy, timing } },
    );
    this.worker.on('message', (message: { type: string }) => {
      this.waiting.get(message.type)?.(message);
      this.waiting.delete(message.type);
    });
    this.worker.on('error', (error) => {
      console.error(`browser ${index}:`, error);
      process.exit(1);
    });
  }

  next<T>(type: string): Promise<T> {
    return new Promise((resolve) => this.waiting.set(type, resolve as (value: unknown) => void));
  }

  async ask<T>(message: Record<string, unknown>, reply: string): Promise<T> {
    const answer = this.next<T>(reply);
    this.worker.postMessage(message);
    return answer;
  }
}

/** A recruiter's page open: how long it took, its error, and how many of its requests Lever refused (429). */
interface Opened {
  ms: number;
  error: string | null;
  refused: number;
}

interface TeamRow {
  browsers: number;
  candidates: number;
  speed: number;
  idleRequestsPerMinute: number;
  pads: number;
  candidatesWithPad: number;
  duplicates: number;
  claimNotes: number;
  lever429: number;
  leverRequests: number;
  perCandidate: number;
  perCandidateNonClaimer: number;
  lastPadSeconds: number | null;
  openMedianMs: number;
  openP95Ms: number;
  openBaselineMs: number;
  openErrors: number;
  /** Page opens of which Lever refused a request (a 429 the recruiter waited through). */
  openRefused: number;
  opens: number;
  failedJobs: number;
}

async function run(size: number): Promise<TeamRow> {
  // The bench candidates after the bulk's are pages the recruiter opens, each once (nothing cached).
  // Lever answers lists a hundred at a time, as its API does for the limit PadBridge asks (the
  // sandbox's default of three is for tests of paging).
  const sandbox = await startSandbox({ extraCandidates: CANDIDATES + PAGES, latencyMs: LATENCY, leverPageSize: 100 });
  const browsers = Array.from({ length: size }, (_, i) => new Browser(i, sandbox.port, sandbox.cert));
  await Promise.all(browsers.map((b) => b.next('ready')));
  const recruiter = browsers[0];
  if (!recruiter) throw new Error('no browser');
  const open = async (id: string) => recruiter.ask<Opened>({ type: 'open', opportunityId: id }, 'opened');
  const benchCandidates = sandbox.state.opportunities.filter((o) => o.name.startsWith('Bench Candidate'));
  const pageIds = benchCandidates.slice(CANDIDATES).map((o) => o.id);
  const pages = new Set(pageIds);
  // The recruiter's page open with nothing else running (after one open that reads the catalogues).
  await open(pageIds[0] ?? '');
  const baseline: number[] = [];
  for (const id of pageIds.slice(1, 11)) baseline.push((await open(id)).ms);

  // Every browser polls on its own phase, as browsers opened at different times do.
  for (const browser of browsers)
    browser.worker.postMessage({ type: 'poll', periodMs: pollMs, firstInMs: Math.random() * pollMs });
  await sleep(pollMs * 1.5);
  const idleFrom = sandbox.state.requests.length;
  const idleRounds = 3;
  await sleep(pollMs * idleRounds);
  const idle = sandbox.state.requests.slice(idleFrom).filter((r) => r.service === 'lever').length / idleRounds;

  // The bulk tag: every bench candidate gets the first configuration's tag, in its stage.
  const bulk = benchCandidates.slice(0, CANDIDATES);
  const bulkFrom = sandbox.state.requests.length;
  const started = Date.now();
  for (const o of bulk) sandbox.state.changeInLeverUi(o.id, { tag: tags[0], stage: STAGE });
  const bulkIds = new Set(bulk.map((o) => o.id));
  const padOf = (name: string) => sandbox.state.pads.filter((p) => (p.title ?? '').split(' · ')[0] === name);
  const linked = () =>
    bulk.filter((o) => sandbox.state.linksOf(o.contact).some((l) => l.includes('coderpad.io/'))).length;

  const opens: Opened[] = [];
  let lastPadAt: number | null = null;
  let i = 11;
  let told = Date.now();
  let toldFrom = bulkFrom;
  while (Date.now() - started < MAX_RUN_MS) {
    if (Date.now() - told > 15_000) {
      told = Date.now();
      const since = sandbox.state.requests.slice(bulkFrom).filter((r) => r.service === 'lever');
      console.log(
        `  ${Math.round((told - started) / 1000)} s: ${linked()} of ${bulk.length} linked, ${sandbox.state.pads.length} pads, ${since.length} Lever requests (${since.filter((r) => r.status === 429).length} refused)`,
      );
      // Where the last interval's requests went, with TEAM_DEBUG.
      if (env.TEAM_DEBUG) console.log(shapes(sandbox.state.requests.slice(toldFrom)));
      toldFrom = sandbox.state.requests.length;
    }
    opens.push(await open(pageIds[i++ % pageIds.length] ?? ''));
    if (linked() === bulk.length) {
      lastPadAt = Date.now();
      break;
    }
    await sleep(1_000);
  }
  // Let the last jobs and polls settle, then count.
  await sleep(pollMs * 2);
  const stats = await Promise.all(browsers.map((b) => b.ask<Stats>({ type: 'stats' }, 'stats')));
  await Promise.all(browsers.map((b) => b.ask({ type: 'stop' }, 'stopped')));
  await Promise.all(browsers.map((b) => b.worker.terminate()));

  // Auto mode's requests: the recruiter's page opens are left out.
  const bulkRequests = sandbox.state.requests
    .slice(bulkFrom)
    .filter((r) => r.service === 'lever' && !r.query.contact_id && ![...pages].some((id) => r.path.includes(id)));
  const perName = bulk.map((o) => padOf(o.name).length);
  // Who made each candidate's pad: the browser whose journal has its job done.
  const maker = new Map<string, number>();
  stats.forEach((s, index) => {
    for (const job of s.jobs)
      if (job.status === 'done' && bulkIds.has(job.opportunityId)) maker.set(job.opportunityId, index);
  });
  let nonClaimer = 0;
  stats.forEach((s, index) => {
    for (const [id, count] of Object.entries(s.counts.perCandidate))
      if (bulkIds.has(id) && maker.get(id) !== index) nonClaimer += count;
  });
  // The list reads of the bulk shared among its candidates, per browser.
  const lists = bulkRequests.filter((r) => r.path === '/v1/opportunities' && r.query.tag).length;
  // Where auto mode's requests went: each path with ids folded, for the JSON.
  console.log(shapes(bulkRequests));
  const row: TeamRow = {
    browsers: size,
    candidates: CANDIDATES,
    speed: SPEED,
    idleRequestsPerMinute: Math.round(idle),
    pads: perName.reduce((a, b) => a + b, 0),
    candidatesWithPad: perName.filter((n) => n > 0).length,
    duplicates: perName.filter((n) => n > 1).length,
    claimNotes: bulk.reduce(
      (sum, o) => sum + (sandbox.state.notes[o.id] ?? []).filter((n) => n.value.includes('padbridge-claim:')).length,
      0,
    ),
    lever429: bulkRequests.filter((r) => r.status === 429).length,
    leverRequests: bulkRequests.length,
    perCandidate: round(bulkRequests.length / bulk.length),
    perCandidateNonClaimer:
      size > 1 ? round((nonClaimer + lists * ((size - 1) / size)) / (bulk.length * (size - 1))) : 0,
    lastPadSeconds: lastPadAt === null ? null : Math.round((lastPadAt - started) / 1000),
    openMedianMs: Math.round(median(opens.map((o) => o.ms))),
    openP95Ms: Math.round(
      quantile(
        opens.map((o) => o.ms),
        0.95,
      ),
    ),
    openBaselineMs: Math.round(median(baseline)),
    openErrors: opens.filter((o) => o.error).length,
    openRefused: opens.filter((o) => o.refused > 0).length,
    opens: opens.length,
    failedJobs: stats.flatMap((s) => s.jobs).filter((j) => j.status === 'failed').length,
  };
  await sandbox.close();
  return row;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Lever requests counted by method and path, ids folded, refusals apart. */
function shapes(requests: { service: string; method: string; path: string; status: number }[]) {
  const counted: Record<string, number> = {};
  for (const r of requests.filter((r) => r.service === 'lever')) {
    const shape = `${r.method} ${r.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}${r.status === 429 ? ' (429)' : ''}`;
    counted[shape] = (counted[shape] ?? 0) + 1;
  }
  return counted;
}

const rows: TeamRow[] = [];
for (const size of SIZES) {
  console.log(`${size} browser(s)…`);
  const row = await run(size);
  console.log(row);
  rows.push(row);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const header =
  '| browsers | candidates tagged | waits shortened | idle Lever requests per poll period | pads (candidates with one) | doubled | claim notes | Lever 429s | Lever requests (per candidate) | per candidate, each browser that did not make it | last pad after | page open while it runs: median / p95 (alone) | page opens refused (that met a 429) | failed jobs |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|';
const lines = rows.map(
  (r) =>
    `| ${r.browsers} | ${r.candidates} | ${r.speed}× | ${r.idleRequestsPerMinute} | ${r.pads} (${r.candidatesWithPad}) | ${r.duplicates} | ${r.claimNotes} | ${r.lever429} | ${r.leverRequests} (${r.perCandidate}) | ${r.perCandidateNonClaimer} | ${r.lastPadSeconds === null ? 'not within the run' : `${r.lastPadSeconds} s`} | ${r.openMedianMs} / ${r.openP95Ms} ms (${r.openBaselineMs} ms) | ${r.openErrors} (${r.openRefused} of ${r.opens}) | ${r.failedJobs} |`,
);
const markdown = `Measured on ${machine}; ${CONFIGS} configurations per browser, one shared Lever key (10 requests/s, bursts of 20), L = ${LATENCY} ms.\n\n${header}\n${lines.join('\n')}\n`;
const out = resolve('test-results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `bench-team-${SIZES.join('-')}.json`), `${JSON.stringify({ machine, rows }, null, 2)}\n`);
writeFileSync(join(out, `bench-team-${SIZES.join('-')}.md`), markdown);
console.log(`\n${markdown}`);
