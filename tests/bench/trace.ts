import type { ExtensionBrowser } from '../../sandbox/browser';

/**
 * A trace of one click as the service worker lives it (`BENCH_TRACE=1`): every storage call,
 * IndexedDB transaction, message in and push out, with its start and end, beside the requests'
 * resource timings. Installed into the running worker from outside: nothing in the build changes.
 * Times are on the system clock (whole milliseconds).
 */
export interface TraceEntry {
  what: string;
  start: number;
  end: number;
}

const worker = (browser: ExtensionBrowser) => {
  const origin = `chrome-extension://${browser.extensionId}/`;
  const found = browser.context.serviceWorkers().find((w) => w.url().startsWith(origin));
  if (!found) throw new Error('no service worker');
  return found;
};

/** Wraps the worker's storage, database and messaging calls; safe to call again (wraps once). */
export async function startTrace(browser: ExtensionBrowser): Promise<void> {
  // Written as text: the TypeScript runner would otherwise wrap the function in a helper the worker lacks.
  await worker(browser).evaluate(`(() => {
    if (globalThis.__benchTrace) { globalThis.__benchTrace.length = 0; return; }
    const log = (globalThis.__benchTrace = []);
    // The system clock, as the page's click and the sandbox's stamps are read: the worker's own
    // high-resolution clock may start a few milliseconds apart from the page's.
    const now = () => Date.now();
    const wrap = (target, name, what) => {
      const original = target?.[name];
      if (typeof original !== 'function') return;
      target[name] = function (...args) {
        const start = now();
        const label = typeof what === 'function' ? what(args) : what;
        const result = original.apply(this, args);
        if (result && typeof result.then === 'function') {
          return result.then((value) => { log.push({ what: label, start, end: now() }); return value; },
            (error) => { log.push({ what: label + ' (failed)', start, end: now() }); throw error; });
        }
        log.push({ what: label, start, end: now() });
        return result;
      };
    };
    const keys = (args) => {
      const a = args[0];
      if (a == null) return 'all';
      if (typeof a === 'string') return a;
      return (Array.isArray(a) ? a : Object.keys(a)).join(',').slice(0, 80);
    };
    for (const area of ['local', 'session', 'managed', 'sync']) {
      for (const method of ['get', 'set', 'remove']) {
        wrap(chrome.storage[area], method, (args) => 'storage.' + area + '.' + method + ' ' + keys(args));
      }
    }
    // The database's operations, by object store (a database opened earlier keeps its own
    // reference to IDBDatabase.transaction, so the stores' methods are where calls are seen), and
    // each transaction's commit.
    const seen = new WeakSet();
    for (const method of ['put', 'add', 'get', 'getAll', 'getAllKeys', 'delete', 'count', 'openCursor', 'openKeyCursor']) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (...args) {
        const start = now();
        const request = original.apply(this, args);
        const store = this.name;
        const tx = this.transaction;
        request.addEventListener('success', () => log.push({ what: 'idb ' + method + ' ' + store, start, end: now() }));
        if (!seen.has(tx)) {
          seen.add(tx);
          const what = 'idb ' + tx.mode + ' transaction ' + [...tx.objectStoreNames].join(',') + ' committed';
          tx.addEventListener('complete', () => log.push({ what, start, end: now() }));
        }
        return request;
      };
    }
    wrap(chrome.tabs, 'sendMessage', (args) => 'push to tab ' + (args[1]?.type ?? args[1]?.id ?? ''));
    chrome.runtime.onMessage.addListener((message) => {
      const t = now();
      log.push({ what: 'message in ' + JSON.stringify(message).slice(0, 60), start: t, end: t });
    });
  })()`);
}

/** What the worker did since `startTrace`, emptied after reading. */
export async function readTrace(browser: ExtensionBrowser): Promise<TraceEntry[]> {
  return (await worker(browser).evaluate(
    `(() => {
      const t = globalThis.__benchTrace ?? [];
      const copy = t.slice();
      t.length = 0;
      return copy;
    })()`,
  )) as TraceEntry[];
}
