/**
 * When a request really left for the service. `fetch` does not say, and a request may leave well
 * after it was asked for (a free connection to wait for, a new one's handshake): a limiter that
 * counted the calls would let eleven reach Lever in one second now and then. The browser's Resource
 * Timing says, once the answer is in: `requestStart`, when the request started on its connection
 * (on the same clock as `performance.now()`).
 */
export interface WireClock {
  now(): number;
  /**
   * Calls `sent` with when the request to `url`, fetched at `calledAt`, started on the wire, as soon
   * as the browser reports it. Answers a function that stops watching (a request that failed before
   * leaving is never reported).
   */
  watch(url: string, calledAt: number, sent: (at: number) => void): () => void;
}

interface Watcher {
  calledAt: number;
  sent: (at: number) => void;
}

/**
 * The browser's own report of each request (a PerformanceObserver of resource timings). Where it
 * makes none, each request is taken to have left when it was asked for.
 */
export function resourceTimingClock(): WireClock {
  const now = () => performance.now();
  const reported =
    typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('resource');
  if (!reported) {
    return {
      now,
      watch(_url, calledAt, sent) {
        sent(calledAt);
        return () => {};
      },
    };
  }
  const waiting = new Map<string, Watcher[]>();
  let observer: PerformanceObserver | undefined;
  const stop = (url: string, watcher: Watcher) => {
    const watchers = waiting.get(url) ?? [];
    const at = watchers.indexOf(watcher);
    if (at >= 0) watchers.splice(at, 1);
    if (watchers.length === 0) waiting.delete(url);
  };
  const report = (entry: PerformanceResourceTiming) => {
    const watchers = waiting.get(entry.name);
    // Requests to the same address are told apart by when they were fetched: the last one fetched
    // before this entry started is its request.
    let match: Watcher | undefined;
    for (const watcher of watchers ?? []) {
      if (watcher.calledAt <= entry.startTime + 1 && (!match || watcher.calledAt > match.calledAt)) match = watcher;
    }
    if (!match) return;
    stop(entry.name, match);
    // requestStart is 0 where the service's answer does not allow its detail: the fetch's start then.
    match.sent(entry.requestStart || entry.startTime);
  };
  return {
    now,
    watch(url, calledAt, sent) {
      if (!observer) {
        observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) report(entry as PerformanceResourceTiming);
        });
        observer.observe({ type: 'resource' });
      }
      const watcher = { calledAt, sent };
      waiting.set(url, [...(waiting.get(url) ?? []), watcher]);
      return () => stop(url, watcher);
    },
  };
}
