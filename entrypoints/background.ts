import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackend } from '../lib/messaging/handlers';
import { sendMessage } from '../lib/messaging/channel';
import { registerHandlers } from '../lib/messaging/router';
import { moveToDatabase } from '../lib/storage/migrations';

/** Wakes a killed worker while a job is unfinished, so its journal is resumed. */
const RESUME_ALARM = 'padbridge-resume';
/** Follows pads' status in CoderPad while any is unfinished and recent. */
export const STATUS_ALARM = 'padbridge-status';

export default defineBackground({
  type: 'module',
  main() {
    // Creating an alarm that exists would restart its period: create it only when missing.
    const followPads = async () => {
      if (!(await browser.alarms.get(STATUS_ALARM))) await browser.alarms.create(STATUS_ALARM, { periodInMinutes: 1 });
    };
    const backend = createBackend({
      notify(job) {
        for (const tabId of job.tabIds) sendMessage('jobUpdated', job, tabId).catch(() => {});
        if (job.pad) void followPads();
      },
      onJobRunning() {
        browser.alarms.create(RESUME_ALARM, { periodInMinutes: 0.5 });
      },
      openOptions: () => browser.runtime.openOptionsPage(),
    });

    // Records and the journal kept in extension storage by an older version move to IndexedDB
    // before any message or alarm is handled.
    const ready = moveToDatabase().catch((error: unknown) =>
      console.warn('PadBridge: moving stored data failed; it was kept as it was', error),
    );

    // Listeners first, synchronously: a worker woken by a message or an alarm must find them.
    registerHandlers(backend, ready);
    browser.alarms.onAlarm.addListener(async (alarm) => {
      await ready;
      if (alarm.name === RESUME_ALARM && !(await backend.workflow.hasRunning())) {
        await browser.alarms.clear(RESUME_ALARM);
      }
      if (alarm.name === STATUS_ALARM) {
        await backend.statusSync.syncDue().catch(() => 0);
        if (!(await backend.statusSync.hasFollowed())) await browser.alarms.clear(STATUS_ALARM);
      }
    });

    // Alarms may not outlive a browser restart or an update: follow the pads again then,
    // not on every wake of the worker (that would read every pad record each time).
    const followIfAny = async () => {
      await ready;
      if (await backend.statusSync.hasFollowed()) await followPads();
    };
    browser.runtime.onStartup.addListener(() => void followIfAny());
    browser.runtime.onInstalled.addListener(() => void followIfAny());

    // A worker that was killed mid-job picks the job up where the journal left it.
    void ready.then(() => backend.workflow.resumeAll());
  },
});
