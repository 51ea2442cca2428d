import { browser } from 'wxt/browser';

/** Creates a periodic alarm only when it is missing: creating one that exists would restart its period. */
export async function ensureAlarm(name: string, periodInMinutes: number): Promise<void> {
  if (!(await browser.alarms.get(name))) await browser.alarms.create(name, { periodInMinutes });
}
