import { browser } from 'wxt/browser';
import type { Service } from './errors';

/*
 * Server time. Lever's and CoderPad's times (an opportunity's `updatedAt`, a note's `createdAt`, a
 * pad's `created_at`) are compared with a time PadBridge computes only after moving it onto that
 * service's clock: a browser clock minutes off would otherwise make auto mode miss candidates and
 * the search for a lost pad miss the pad.
 *
 * Every answer's `Date` header gives the service's time to the second. The offset of a service is
 * the median of the last few answers' (header + ½ s) − (the middle of request and answer), kept in
 * session storage so a restarted worker starts from it. Offsets within the header's precision
 * (±2 s) count as none: clocks that agree give exactly the browser's time.
 */

const SAMPLES = 5;
/** Below this, the clocks agree as far as a `Date` header can tell. */
const AGREE_MS = 2_000;
const STORAGE_KEY = 'serverClock';

const samples = new Map<Service, number[]>();
let kept: Partial<Record<Service, number>> | undefined;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function keptOffsets(): Promise<Partial<Record<Service, number>>> {
  if (!kept) {
    try {
      const stored = (await browser.storage.session.get(STORAGE_KEY))[STORAGE_KEY];
      kept = stored && typeof stored === 'object' ? (stored as Partial<Record<Service, number>>) : {};
    } catch {
      kept = {};
    }
  }
  return kept;
}

/** Learns from one answer: its `Date` header, and when (by this machine's clock) the request left and its answer came. */
export function observeServerDate(service: Service, date: string | null, sentAt: number, receivedAt: number): void {
  if (!date) return;
  const server = Date.parse(date);
  if (Number.isNaN(server)) return;
  // The header is cut to the second: the service's time lay somewhere in the second it names.
  const offset = server + 500 - (sentAt + receivedAt) / 2;
  const list = [...(samples.get(service) ?? []), offset].slice(-SAMPLES);
  samples.set(service, list);
  const now = median(list);
  void keptOffsets()
    .then(async (offsets) => {
      if (Math.abs((offsets[service] ?? 0) - now) < 1_000) return;
      kept = { ...offsets, [service]: now };
      await browser.storage.session.set({ [STORAGE_KEY]: kept });
    })
    // Outside an extension (the command-line check) there is no session storage: memory will do.
    .catch(() => {});
}

/** The offset learnt so far, or undefined when no answer of that service was seen this browser session. */
export async function knownClockOffset(service: Service): Promise<number | undefined> {
  const list = samples.get(service);
  const offset = list?.length ? median(list) : (await keptOffsets())[service];
  if (offset === undefined) return undefined;
  return Math.abs(offset) < AGREE_MS ? 0 : Math.round(offset);
}

/** How far ahead (positive) or behind the service's clock is of this machine's, in ms; 0 when they agree or nothing is known. */
export async function clockOffset(service: Service): Promise<number> {
  return (await knownClockOffset(service)) ?? 0;
}

/** A time of this machine's (`local`, ms) on the service's clock. */
export async function serverTime(service: Service, local: number): Promise<number> {
  return local + (await clockOffset(service));
}

/** Forgets what was learnt (tests; a machine whose clock was just set). */
export function forgetServerClocks(): void {
  samples.clear();
  kept = undefined;
}
