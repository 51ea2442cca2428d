// Before any schema is made: zod must not try eval (see the module).
import '../lib/services/zod-csp';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackend } from '../lib/backend';
import { pushJobUpdate } from '../lib/messaging/job-updates';
import { setupMessaging } from '../lib/messaging/router';
import { setupShortcut } from '../lib/messaging/shortcut';
import { storedJobShape } from '../lib/pad-job/journal';
import { armResumeAlarm, setupJobResume } from '../lib/pad-job/setup';
import { storedRecordShape } from '../lib/pads/search';
import { followPads, setupStatusSync } from '../lib/pads/setup';
import { setupPolicy } from '../lib/policy/setup';
import { setupStorage } from '../lib/storage/setup';
import { armAutoMode, autoJobChanged, setupAutoMode } from '../lib/auto-mode/setup';
import { setupFirstRun } from '../lib/connections/first-run';

// Wiring only: each concern's setup owns its listeners and alarms, all registered synchronously.
// A classic worker, bundled into one file: Chromium keeps its compiled code between starts, which
// it does not for a module worker and its chunks (docs/benchmark.md, cold start).
export default defineBackground({
  main() {
    const ready = setupStorage({ record: storedRecordShape, job: storedJobShape });
    const backend = createBackend({
      notify(job) {
        pushJobUpdate(job);
        if (job.pad) void followPads();
        void autoJobChanged(job).catch(() => {});
      },
      armAutoMode,
      onJobRunning: () => void armResumeAlarm(),
      openOptions: () => browser.runtime.openOptionsPage(),
      // The widget's script (entrypoints/lever-widget.tsx), run in the page's content-script world
      // when its button asks: every Lever page pays only for the button.
      loadWidget: async (tabId) => {
        await browser.scripting.executeScript({ target: { tabId }, files: ['/lever-widget.js'] });
      },
      followPads: () => void followPads(),
    });
    setupMessaging(backend, ready);
    setupJobResume(backend.workflow, ready);
    setupStatusSync(backend.statusSync, ready);
    setupPolicy(backend.adoptPolicyKeys, ready);
    setupAutoMode(backend.autoMode, ready);
    setupShortcut();
    setupFirstRun({ openOptions: () => browser.runtime.openOptionsPage() });
  },
});
