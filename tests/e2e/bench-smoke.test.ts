import { describe, expect, it } from 'vitest';
import { runBench } from '../bench/run';

/**
 * The benchmark, small: every part runs against the built extension on two candidates, so it
 * keeps working between the times someone runs `npm run bench`. Its figures are not judged here:
 * speed belongs to the benchmark, not to a test on a shared machine.
 */
describe('the benchmark', () => {
  it('measures every part on two candidates', async () => {
    const { rows, machine } = await runBench({
      latencies: [50],
      candidates: 2,
      burst: 4,
      tabs: 2,
      runs: 2,
      popup: [[100, 150]],
    });
    expect(machine).toMatch(/cores/);
    const metrics = rows.map((r) => r.metric).join('\n');
    for (const part of [
      'content script, gzip',
      'click → pad request reaches CoderPad',
      'click → pad link on screen',
      'click → Lever updated',
      'API calls per pad',
      'navigation → button',
      'content script evaluation',
      'worker cold start',
      'popup, 100 records',
      'popup search',
      'options page: listings',
      'burst: 4 pads from 2 tabs, jobs done',
      'burst: most Lever requests PadBridge made',
      'burst: total time',
    ]) {
      expect(metrics).toContain(part);
    }
    for (const row of rows) expect(Number.isFinite(row.median), row.metric).toBe(true);
    // The burst's pads were all made: what it measures happened.
    expect(rows.find((r) => r.metric.startsWith('burst: 4 pads'))?.median).toBe(4);
  }, 240_000);
});
