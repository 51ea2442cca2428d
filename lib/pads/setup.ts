import { browser } from 'wxt/browser';
import { alarmWhileWork, ensureAlarm } from '../services/alarms';
import type { StatusSync } from './status-sync';

/** Follows pads' status in CoderPad while any is unfinished, recent, or owes a summary. */
const STATUS_ALARM = 'padbridge-status';

/** Starts following pads (created only when missing: recreating would restart its period). */
export async function followPads(): Promise<void> {
  await ensureAlarm(STATUS_ALARM, 1);
}

/**
 * Pads after creation, in the background: a few pads checked each minute, the alarm cleared when
 * nothing is left to follow, and restored after a browser restart or an update (alarms may not
 * outlive them) rather than on every wake of the worker.
 */
export function setupStatusSync(statusSync: StatusSync, ready: Promise<unknown>): void {
  alarmWhileWork(STATUS_ALARM, ready, { round: () => statusSync.syncDue(), hasWork: () => statusSync.hasFollowed() });
  const followIfAny = async () => {
    await ready;
    if (await statusSync.hasFollowed()) await followPads();
  };
  browser.runtime.onStartup.addListener(() => void followIfAny());
  browser.runtime.onInstalled.addListener(() => void followIfAny());
}
