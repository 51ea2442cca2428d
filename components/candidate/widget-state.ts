import { createStore } from 'zustand/vanilla';
import type { Configuration } from '../../lib/configurations/configuration';
import type { ErrorInfo } from '../../lib/services/http/errors';
import type { ExistingPad } from '../../lib/messaging/protocol';
import type { Job } from '../../lib/pad-job/job';

/** Where the candidate widget is, from closed to a pad link. One store per candidate page. */
export type Phase =
  | { name: 'closed' }
  | { name: 'menu' }
  /** `force`: a pad although the candidate has one (Create another). */
  | { name: 'confirm'; configuration: Configuration; force?: boolean }
  | { name: 'starting'; configuration: Configuration }
  | { name: 'existing'; configuration: Configuration; existing: ExistingPad }
  | { name: 'job'; job: Job }
  | { name: 'refused'; configuration: Configuration; error: ErrorInfo };

export interface WidgetState {
  phase: Phase;
  /** The job last shown, kept while the panel is closed so reopening it shows where it stands. */
  lastJob: Job | null;
  set(phase: Phase): void;
  open(): void;
  close(): void;
  /** A newer state of the job on screen (from a push or a poll); older or other jobs are ignored. */
  jobChanged(job: Job): void;
}

export function createWidgetStore(initial: Phase = { name: 'closed' }) {
  return createStore<WidgetState>((set, get) => ({
    phase: initial,
    lastJob: null,
    set: (phase) => set(phase.name === 'job' ? { phase, lastJob: phase.job } : { phase }),
    open() {
      const { lastJob } = get();
      set({ phase: lastJob ? { name: 'job', job: lastJob } : { name: 'menu' } });
    },
    close: () => set({ phase: { name: 'closed' } }),
    jobChanged(job) {
      const { phase, lastJob } = get();
      if (!lastJob || lastJob.id !== job.id || lastJob.updatedAt > job.updatedAt) return;
      set(phase.name === 'job' ? { phase: { name: 'job', job }, lastJob: job } : { lastJob: job });
    },
  }));
}

export type WidgetStore = ReturnType<typeof createWidgetStore>;
