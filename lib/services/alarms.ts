import { browser } from 'wxt/browser';

/** Creates a periodic alarm only when it is missing: creating one that exists would restart its period. */
export async function ensureAlarm(name: string, periodInMinutes: number): Promise<void> {
  if (!(await browser.alarms.get(name))) await browser.alarms.create(name, { periodInMinutes });
}

/**
 * Runs `round` each time the alarm `name` fires, once `ready` (stored data moved) has settled.
 * Registered at once, when called from a setup: a worker the alarm woke finds its listener.
 */
export function onAlarm(name: string, ready: Promise<unknown>, round: () => Promise<void>): void {
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== name) return;
    await ready;
    await round();
  });
}

/**
 * An alarm that lives while there is work: each time it fires, `round` (if any) runs, then the
 * alarm clears itself when `hasWork` says nothing is left. Armed with `ensureAlarm` when work appears.
 */
export function alarmWhileWork(
  name: string,
  ready: Promise<unknown>,
  work: { round?: () => Promise<unknown>; hasWork: () => Promise<boolean> },
): void {
  onAlarm(name, ready, async () => {
    await work.round?.().catch(() => undefined);
    if (!(await work.hasWork())) await browser.alarms.clear(name);
  });
}
