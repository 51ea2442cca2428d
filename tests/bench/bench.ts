import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runBench } from './run';
import { table } from './stats';

/*
 * `npm run bench`: PadBridge's speed and size, measured on the built extension in Chromium against
 * the sandbox, at each added latency L (BENCH_LATENCIES, default 150 and 400 ms). Prints the
 * machine and a table, and writes test-results/bench.json and test-results/bench.md; a whole run
 * of this build (no BENCH_ONLY, no BENCH_EXTENSION_DIR) also writes docs/bench-results.md, the
 * figures the documentation links to. A miss is reported, not hidden; the exit code stays 0 (the
 * figures are information, not a test).
 *
 * BENCH_CANDIDATES (default 20) candidates are clicked one after another; BENCH_BURST (default
 * 100) pads are requested in the burst, from BENCH_TABS (default 10) tabs; BENCH_RUNS (default
 * 10) repeats the shorter measures. BENCH_ONLY (e.g. "clicks,popup") runs some of the parts:
 * clicks, uncertain, navigation, script, coldstart, popup, options, burst. BENCH_EXTENSION_DIR measures
 * another build (to compare before and after a change).
 */

const env = process.env;
const result = await runBench({
  latencies: (env.BENCH_LATENCIES ?? '150,400').split(',').map(Number),
  candidates: Number(env.BENCH_CANDIDATES ?? 20),
  burst: Number(env.BENCH_BURST ?? 100),
  tabs: Number(env.BENCH_TABS ?? 10),
  runs: Number(env.BENCH_RUNS ?? 10),
  popup: [
    [1000, 150],
    [20_000, 250],
  ],
  only: env.BENCH_ONLY?.split(','),
  extensionDir: env.BENCH_EXTENSION_DIR,
});

const out = resolve('test-results');
const markdown = `Measured on ${result.machine}.\n\n${table()}\n`;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(out, 'bench.md'), markdown);
if (!env.BENCH_ONLY && !env.BENCH_EXTENSION_DIR) {
  const day = new Date().toISOString().slice(0, 10);
  const settings = `BENCH_LATENCIES=${env.BENCH_LATENCIES ?? '150,400'}, ${env.BENCH_CANDIDATES ?? 20} candidates, a burst of ${env.BENCH_BURST ?? 100} pads from ${env.BENCH_TABS ?? 10} tabs, ${env.BENCH_RUNS ?? 10} runs of the shorter measures`;
  writeFileSync(
    resolve('docs', 'bench-results.md'),
    `# Benchmark figures\n\nWritten by \`npm run bench\` (a whole run) on ${day}; not edited by hand. What each line measures, its target and why a line misses: [benchmark.md](benchmark.md).\n\n${settings}. ${markdown}`,
  );
}
console.log(`\n${markdown}`);
const misses = result.rows.filter((r) => !r.ok).length;
console.log(misses ? `${misses} measure(s) miss their target.` : 'Every measure meets its target.');
