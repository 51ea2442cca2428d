import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLimiter } from '../../../lib/services/http/limiter';
import { resourceTimingClock, type WireClock } from '../../../lib/services/http/wire-clock';
import { mostWithinOneSecond } from '../../support/rate';

/** A seeded generator: the same draws on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * A browser on controlled time: each request reaches the wire some milliseconds after it was
 * fetched (now and then much later: a connection to wait for), is answered 150 ms after that, and
 * the browser reports when it left just after the answer, as Resource Timing does.
 */
function lateWire(options: { reports: boolean }) {
  const random = seeded(7);
  const left: number[] = [];
  const watching = new Map<string, (at: number) => void>();
  const clock: WireClock = {
    now: () => performance.now(),
    watch(url, _calledAt, sent) {
      watching.set(url, sent);
      return () => watching.delete(url);
    },
  };
  let n = 0;
  const request = () => {
    const url = `https://api.lever.co/v1/r/${n++}`;
    const lag = random() < 0.15 ? 50 + random() * 60 : random() * 10;
    const send = () =>
      new Promise<void>((resolve) => {
        const leftAt = performance.now() + lag;
        left.push(leftAt);
        setTimeout(() => {
          resolve();
          if (options.reports) setTimeout(() => watching.get(url)?.(leftAt), 1);
        }, lag + 150);
      });
    return { url, send };
  };
  return { clock, left, request };
}

describe('Lever’s limiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never lets more than ten requests reach the wire in one second, counting each from when it left, not from when it was asked for', async () => {
    vi.useFakeTimers();
    const wire = lateWire({ reports: true });
    const limiter = createLimiter({ clock: wire.clock });
    const start = performance.now();
    const all = Array.from({ length: 200 }, () => {
      const { url, send } = wire.request();
      return limiter.add(url, send);
    });
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all(all);
    expect(wire.left).toHaveLength(200);
    expect(mostWithinOneSecond(wire.left)).toBeLessThanOrEqual(10);
    // Still at Lever's rate: 200 requests within 21 s (the floor is 20).
    expect(Math.max(...wire.left) - start).toBeLessThan(21_000);
  });

  it('counts a request the browser never reports as leaving by its answer, and goes on', async () => {
    vi.useFakeTimers();
    const wire = lateWire({ reports: false });
    const limiter = createLimiter({ clock: wire.clock });
    const all = Array.from({ length: 60 }, () => {
      const { url, send } = wire.request();
      return limiter.add(url, send);
    });
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all(all);
    expect(wire.left).toHaveLength(60);
    expect(mostWithinOneSecond(wire.left)).toBeLessThanOrEqual(10);
  });

  it('sends what a recruiter waits for first, then in order, five at a time at most', async () => {
    vi.useFakeTimers();
    const clock: WireClock = { now: () => performance.now(), watch: () => () => {} };
    const limiter = createLimiter({ clock });
    const order: string[] = [];
    let inFlight = 0;
    let most = 0;
    const send = (name: string) => () => {
      order.push(name);
      inFlight += 1;
      most = Math.max(most, inFlight);
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          inFlight -= 1;
          resolve();
        }, 100),
      );
    };
    const all = [
      ...Array.from({ length: 8 }, (_, i) => limiter.add(`w${i}`, send(`write ${i}`), 1)),
      limiter.add('page', send('page'), 2),
      limiter.add('poll', send('poll'), -1),
    ];
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(all);
    expect(order).toEqual([
      ...['write 0', 'write 1', 'write 2', 'write 3', 'write 4'],
      'page',
      ...['write 5', 'write 6', 'write 7'],
      'poll',
    ]);
    expect(most).toBe(5);
  });
});

describe('the browser’s report of when a request left', () => {
  it('tells two requests to one address apart, each reported once it is answered', async () => {
    const server = createServer((_request, response) => setTimeout(() => response.end('{}'), 80));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/stages`;
    try {
      const clock = resourceTimingClock();
      const fetchWatched = async () => {
        const calledAt = clock.now();
        const left = new Promise<number>((resolve) => clock.watch(url, calledAt, resolve));
        await (await fetch(url)).text();
        return { calledAt, at: await left };
      };
      // The second is fetched while the first is still waiting for its answer.
      const first = fetchWatched();
      await new Promise((resolve) => setTimeout(resolve, 40));
      const [one, two] = await Promise.all([first, fetchWatched()]);
      expect(one.at).toBeGreaterThanOrEqual(one.calledAt);
      expect(one.at).toBeLessThan(two.calledAt);
      expect(two.at).toBeGreaterThanOrEqual(two.calledAt);
    } finally {
      server.close();
    }
  });
});
