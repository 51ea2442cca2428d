import type { Job } from '../pad-job/job';
import { jobSchema } from '../pad-job/job';
import { onMessage, sendMessage } from './channel';

/**
 * Job updates pushed from the background to the tabs watching a job, and their subscription in
 * the content script: both ends of the one push message.
 */

/** Background: tells every tab watching the job where it stands now. */
export function pushJobUpdate(job: Job): void {
  for (const tabId of job.tabIds) sendMessage('jobUpdated', job, tabId).catch(() => {});
}

/** Content script: calls the listeners with each pushed job that parses; returns the unsubscribe. */
export function subscribeToJobUpdates(): {
  onJobUpdated(listener: (job: Job) => void): () => void;
  stop(): void;
} {
  const listeners = new Set<(job: Job) => void>();
  const stop = onMessage('jobUpdated', (message) => {
    const job = jobSchema.safeParse(message.data);
    if (job.success) for (const listener of listeners) listener(job.data);
  });
  return {
    onJobUpdated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop,
  };
}
