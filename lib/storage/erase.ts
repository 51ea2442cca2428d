import { browser } from 'wxt/browser';
import { db } from './db';

/** How much of each kind PadBridge keeps in this browser: what **Delete PadBridge data** removes. */
export interface StoredCounts {
  records: number;
  jobs: number;
}

export async function storedCounts(): Promise<StoredCounts> {
  const [records, jobs] = await Promise.all([db().records.count(), db().jobs.count()]);
  return { records, jobs };
}

/**
 * Removes everything PadBridge keeps in this browser: the keys, configurations, pad records, the
 * journal, auto mode's state and activity, the session's cached lists, and its alarms. What it
 * wrote into Lever and CoderPad stays there.
 */
export async function eraseAll(): Promise<void> {
  await browser.alarms.clearAll();
  const database = db();
  await database.transaction('rw', database.tables, () => Promise.all(database.tables.map((table) => table.clear())));
  await Promise.all([browser.storage.local.clear(), browser.storage.session.clear()]);
}
