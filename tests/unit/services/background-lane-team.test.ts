import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { backgroundLane, clearBackgroundLanes } from '../../../lib/services/http/limiter';
import { createHttp } from '../../../lib/services/http/request';

/*
 * A team on one Lever key, on controlled time: N browsers, each with its own background lane (as
 * each browser's worker has), send their polls' reads in bursts, one burst a minute each at its
 * own phase, against Lever's token bucket (10 requests a second, bursts of 20; a 429 without
 * Retry-After when empty). A recruiter in the first browser opens a page every second. Every
 * random draw (phases, jitter) comes from one seeded generator, so a run is the same every time.
 */

/** A small seeded generator (mulberry32): the same draws in every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TeamRun {
  backgroundTries: number;
  backgroundRefused: number;
  recruiterOpens: number;
  recruiterRefused: number;
}

async function runTeam(browsers: number, burst: number, minutes: number): Promise<TeamRun> {
  const random = seeded(browsers * 7919 + burst);
  vi.spyOn(Math, 'random').mockImplementation(random);
  vi.useFakeTimers({ now: Date.parse('2026-11-30T10:00:00Z') });
  const bucket = { tokens: 20, at: Date.now() };
  const run: TeamRun = { backgroundTries: 0, backgroundRefused: 0, recruiterOpens: 0, recruiterRefused: 0 };
  const refusedOpens = new Set<string>();
  const fetch = async (url: string) => {
    const now = Date.now();
    bucket.tokens = Math.min(20, bucket.tokens + ((now - bucket.at) * 10) / 1000);
    bucket.at = now;
    const recruiter = url.includes('/open-');
    if (!recruiter) run.backgroundTries += 1;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return new Response('{}', { status: 200 });
    }
    if (recruiter) refusedOpens.add(url);
    else run.backgroundRefused += 1;
    return new Response('{}', { status: 429 });
  };
  const https = Array.from({ length: browsers }, (_, i) =>
    createHttp({ service: 'lever', fetch, lane: backgroundLane(`lever:browser-${i}`), minDelayMs: 250 }),
  );
  const get = (browser: number, path: string, priority: number) =>
    https[browser]?.({
      method: 'GET',
      url: `https://api.test${path}`,
      schema: z.unknown(),
      idempotent: true,
      priority,
    });
  const end = Date.now() + minutes * 60_000;
  // Each browser's polls: a burst a minute, from a phase of its own.
  for (let b = 0; b < browsers; b += 1) {
    const phase = random() * 60_000;
    for (let at = phase; at < minutes * 60_000; at += 60_000)
      setTimeout(() => {
        for (let r = 0; r < burst; r += 1) get(b, `/poll-${b}-${at}-${r}`, -1)?.catch(() => {});
      }, at);
  }
  // The recruiter: a page a second in the first browser.
  for (let at = 0; at < minutes * 60_000; at += 1_000)
    setTimeout(() => {
      run.recruiterOpens += 1;
      get(0, `/open-${at}`, 1)?.catch(() => {});
    }, at);
  await vi.advanceTimersByTimeAsync(end - Date.now());
  run.recruiterRefused = refusedOpens.size;
  return run;
}

describe('a team’s background reads on one key', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    clearBackgroundLanes();
  });

  it('slow together when fifty browsers ask more than the key allows: few background reads and few recruiter pages meet a 429', async () => {
    // Fifty browsers asking more than the key allows (12.5 a second against 10) for five minutes.
    // A lane that climbed back by a fixed step after each answer let 30 % of the background reads
    // and 37 % of the recruiter's pages meet a 429 here; growing by a share of the rate, 12 % and 13 %.
    const fifty = await runTeam(50, 15, 5);
    expect(fifty.backgroundRefused / fifty.backgroundTries).toBeLessThan(0.2);
    expect(fifty.recruiterRefused / fifty.recruiterOpens).toBeLessThan(0.2);
  });

  it('never meet a 429 when two browsers ask less than the key allows', async () => {
    const two = await runTeam(2, 15, 5);
    expect(two.backgroundTries).toBeGreaterThan(100);
    expect(two.backgroundRefused).toBe(0);
    expect(two.recruiterRefused).toBe(0);
  });
});
