import { browser } from 'wxt/browser';
import type { Job } from '../pad-job/job';
import { t } from '../text/i18n';
import * as autoItems from './items';
import { entryForJob, readActivity, recordActivity } from './activity';
import type { AutoMode } from './poller';
import { notificationsAllowed } from './notifications';
import { onAlarm } from '../services/alarms';

/** Auto mode's poll, on the period its timing sets. */
const AUTO_ALARM = 'padbridge-auto';
/** One notification, replaced as automatic pads come: it sums them up. */
const NOTIFICATION_ID = 'padbridge-auto-pads';
/** The notification sums up what auto mode finished in this window. */
const SUMMARY_WINDOW_MS = 15 * 60_000;

/** Arms the poll while any configuration has auto mode on; clears it otherwise. */
export async function armAutoMode(): Promise<void> {
  const [modes, timing] = await Promise.all([autoItems.autoModes.get(), autoItems.autoTiming.get()]);
  if (Object.keys(modes).length === 0) {
    await browser.alarms.clear(AUTO_ALARM);
    return;
  }
  const alarm = await browser.alarms.get(AUTO_ALARM);
  // Created only when missing or on another period: recreating would restart its count.
  if (alarm?.periodInMinutes !== timing.pollMinutes) {
    await browser.alarms.create(AUTO_ALARM, {
      periodInMinutes: timing.pollMinutes,
      delayInMinutes: timing.pollMinutes,
    });
  }
}

/** Sums up what auto mode finished lately, in the one notification (only when the user allowed them). */
async function summarise(now: number): Promise<void> {
  if (!browser.notifications || !(await notificationsAllowed())) return;
  const recent = (await readActivity()).filter(
    (e) => (e.result === 'created' || e.result === 'failed') && now - e.at < SUMMARY_WINDOW_MS,
  );
  if (recent.length === 0) return;
  const created = recent.filter((e) => e.result === 'created');
  const failed = recent.length - created.length;
  // The names follow "created": a failed candidate is counted, not named as made.
  const names = [...new Set(created.map((e) => e.candidateName))].slice(0, 3).join(', ');
  const message = [
    created.length ? t('notifyCreated', { count: String(created.length), names }) : '',
    failed ? t('notifyFailed', { count: String(failed) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  await browser.notifications.create(NOTIFICATION_ID, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('notifyTitle'),
    message,
  });
}

/** Auto mode stopped for the day: said once, in the same notification (only when the user allowed them). */
async function notifyDailyLimit(limit: number): Promise<void> {
  if (!browser.notifications || !(await notificationsAllowed())) return;
  await browser.notifications.create(NOTIFICATION_ID, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('notifyTitle'),
    message: t('notifyDailyLimit', { limit: String(limit) }),
  });
}

/** An auto-mode job changed: its Activity entry follows it, and its end is summed up. */
export async function autoJobChanged(job: Job, now = Date.now()): Promise<void> {
  if (job.trigger !== 'auto') return;
  await recordActivity(entryForJob(job, now));
  if (job.status !== 'running') await summarise(now).catch(() => {});
}

let notificationListener = false;
/** The notification opens the options page's Activity. */
function listenToNotifications(): void {
  if (notificationListener || !browser.notifications) return;
  notificationListener = true;
  browser.notifications.onClicked.addListener((id) => {
    if (id !== NOTIFICATION_ID) return;
    void browser.tabs.create({ url: browser.runtime.getURL('/options.html#activity') });
    void browser.notifications.clear(id);
  });
}

/**
 * Auto mode's part of the background: the poll alarm's listener (registered at once, so a worker
 * woken by it finds it), the alarm restored after a browser restart or an update, and the
 * notification's click (once the user allowed notifications).
 */
export function setupAutoMode(autoMode: AutoMode, ready: Promise<unknown>): void {
  onAlarm(AUTO_ALARM, ready, async () => {
    const report = await autoMode.poll();
    // Turned off by the organisation: no alarm until the policy changes.
    if (report.disabled) await browser.alarms.clear(AUTO_ALARM);
    if (report.limitReached) await notifyDailyLimit(report.limitReached).catch(() => {});
  });
  const arm = () => void ready.then(armAutoMode).catch(() => {});
  browser.runtime.onStartup.addListener(arm);
  browser.runtime.onInstalled.addListener(arm);
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') arm();
  });
  listenToNotifications();
  browser.permissions.onAdded.addListener(() => listenToNotifications());
}
