import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { backgroundLane, clearBackgroundLanes, limiterFor } from '../../../lib/services/http/limiter';
import { createHttp, parseRetryAfter } from '../../../lib/services/http/request';

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:10 GMT', Date.parse('Thu, 26 Nov 2026 12:00:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('a 429 slows the background lane', () => {
  afterEach(() => {
    vi.useRealTimers();
    clearBackgroundLanes();
  });

  it('holds every background request of the key for the Retry-After, while a recruiter’s request goes at once', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-30T10:00:00Z') });
    const start = Date.now();
    const sent: { url: string; at: number }[] = [];
    let refuse = true;
    const fetch = async (url: string) => {
      sent.push({ url, at: Date.now() - start });
      if (url.endsWith('/first') && refuse) {
        refuse = false;
        return new Response('{}', { status: 429, headers: { 'Retry-After': '5' } });
      }
      return new Response('{"ok":true}', { status: 200 });
    };
    const key = 'lever:test-key';
    const http = createHttp({
      service: 'lever',
      fetch,
      limiter: limiterFor(key),
      lane: backgroundLane(key),
      minDelayMs: 10,
      maxDelayMs: 10,
    });
    const get = (path: string, priority: number) =>
      http({ method: 'GET', url: `https://api.test${path}`, schema: z.unknown(), idempotent: true, priority });
    const first = get('/first', -1);
    await vi.advanceTimersByTimeAsync(100);
    // The 429 came: another background read waits out the five seconds; a recruiter's does not.
    const later = get('/later', -1);
    const recruiter = get('/recruiter', 1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent.map((s) => s.url.replace('https://api.test', ''))).toEqual(['/first', '/recruiter']);
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all([first, later, recruiter]);
    const at = Object.fromEntries(sent.map((s) => [s.url.replace('https://api.test', ''), s.at]));
    expect(at['/recruiter']).toBeLessThan(1_000);
    expect(at['/later']).toBeGreaterThanOrEqual(5_000);
  });

  it('halves the background rate at each 429 and holds the lane about a second, grows back by a fiftieth with each answer; a recruiter’s requests never wait on it', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-30T10:00:00Z') });
    const start = Date.now();
    const sent: { path: string; at: number }[] = [];
    let refusals = 2;
    const fetch = async (url: string) => {
      const path = url.replace('https://api.test', '');
      sent.push({ path, at: Date.now() - start });
      if (path.startsWith('/bg') && refusals > 0) {
        refusals -= 1;
        return new Response('{}', { status: 429 });
      }
      return new Response('{}', { status: 200 });
    };
    const key = 'lever:lane-key';
    const lane = backgroundLane(key);
    const http = createHttp({ service: 'lever', fetch, lane, minDelayMs: 10, maxDelayMs: 10 });
    const get = (path: string, priority: number) =>
      http({ method: 'GET', url: `https://api.test${path}`, schema: z.unknown(), idempotent: true, priority });
    expect(lane.rate()).toBe(10);
    const first = get('/bg-0', -1);
    await vi.advanceTimersByTimeAsync(4_000);
    await first;
    // Each refusal (no Retry-After) held the lane half a second to a second and a half.
    const tries = sent.filter((s) => s.path === '/bg-0').map((s) => s.at);
    expect(tries).toHaveLength(3);
    for (const [i, at] of tries.slice(1).entries()) {
      expect(at - (tries[i] ?? 0)).toBeGreaterThanOrEqual(500);
      expect(at - (tries[i] ?? 0)).toBeLessThanOrEqual(1_520);
    }
    // Two 429s: 10 → 5 → 2.5 a second, then one answer: 2.55.
    expect(lane.rate()).toBeCloseTo(2.55, 5);
    const started = Date.now() - start;
    const many = Array.from({ length: 4 }, (_, i) => get(`/bg-${i + 1}`, -1));
    const recruiter = get('/recruiter', 1);
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all([...many, recruiter]);
    const at = (path: string) => sent.find((s) => s.path === path)?.at ?? Number.NaN;
    // The recruiter's went at once; the background ones about 1/2.6 s apart.
    expect(at('/recruiter') - started).toBeLessThan(50);
    const gaps = [2, 3, 4].map((i) => at(`/bg-${i}`) - at(`/bg-${i - 1}`));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(350);
    expect(lane.rate()).toBeCloseTo(2.55 * 1.02 ** 4, 5);
  });

  it('tries a recruiter’s request Lever refused for its rate again after about a token’s time, a background one after the backoff', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-30T10:00:00Z') });
    const start = Date.now();
    const sent: { path: string; at: number }[] = [];
    const refusals: Record<string, number> = { '/recruiter': 2, '/bg': 2 };
    const fetch = async (url: string) => {
      const path = url.replace('https://api.test', '');
      sent.push({ path, at: Date.now() - start });
      if ((refusals[path] ?? 0) > 0) {
        refusals[path] = (refusals[path] ?? 0) - 1;
        return new Response('{}', { status: 429 });
      }
      return new Response('{}', { status: 200 });
    };
    const key = 'lever:quick-key';
    const http = createHttp({ service: 'lever', fetch, lane: backgroundLane(key), minDelayMs: 250, maxDelayMs: 8_000 });
    const get = (path: string, priority: number) =>
      http({ method: 'GET', url: `https://api.test${path}`, schema: z.unknown(), idempotent: true, priority });
    const recruiter = get('/recruiter', 1);
    await vi.advanceTimersByTimeAsync(1_000);
    await recruiter;
    const times = (path: string) => sent.filter((s) => s.path === path).map((s) => s.at);
    // Three attempts within 400 ms: each retry 100–200 ms after the refusal.
    expect(times('/recruiter')).toHaveLength(3);
    expect(times('/recruiter').at(-1)).toBeLessThanOrEqual(400);
    const background = get('/bg', -1);
    await vi.advanceTimersByTimeAsync(10_000);
    await background;
    const bg = times('/bg');
    expect(bg).toHaveLength(3);
    // The backoff's first pause is at least 250 ms.
    expect((bg[1] ?? 0) - (bg[0] ?? 0)).toBeGreaterThanOrEqual(250);
  });
});
