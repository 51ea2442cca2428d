import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackend } from '../lib/backend';
import { sendMessage } from '../lib/messaging';
import { registerHandlers } from '../lib/router';

const RESUME_ALARM = 'padbridge-resume';

export default defineBackground({
  type: 'module',
  main() {
    const backend = createBackend({
      notify(job) {
        for (const tabId of job.tabIds) sendMessage('jobUpdated', job, tabId).catch(() => {});
      },
      // While a job runs, an alarm wakes a killed worker so the journal is resumed.
      onJobRunning() {
        browser.alarms.create(RESUME_ALARM, { periodInMinutes: 0.5 });
      },
      openOptions: () => browser.runtime.openOptionsPage(),
    });

    // Listeners first, synchronously: a worker woken by a message must find them.
    registerHandlers(backend);
    browser.alarms.onAlarm.addListener(async (alarm) => {
      if (alarm.name !== RESUME_ALARM) return;
      if (!(await backend.workflow.hasRunning())) await browser.alarms.clear(RESUME_ALARM);
    });

    // A worker that was killed mid-job picks the job up where the journal left it.
    void backend.workflow.resumeAll();
  },
});
