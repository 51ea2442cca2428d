import { createStore } from 'zustand/vanilla';
import type { Configuration } from '../../lib/configurations';
import type { ErrorInfo } from '../../lib/http/errors';
import type { ExistingPad } from '../../lib/messaging';
import type { Job } from '../../lib/records';

/** Where the candidate widget is, from closed to a pad link. One store per candidate page. */
export type Phase =
  | { name: 'closed' }
  | { name: 'menu' }
  | { name: 'confirm'; configuration: Configuration }
  | { name: 'starting'; configuration: Configuration }
  | { name: 'existing'; configuration: Configuration; existing: ExistingPad }
  | { name: 'job'; job: Job }
  | { name: 'refused'; configuration: Configuration; error: ErrorInfo };

export interface WidgetState {
  phase: Phase;
  set(phase: Phase): void;
  /** A newer state of the job on screen (from a push or a poll); older or other jobs are ignored. */
  jobChanged(job: Job): void;
}

export function createWidgetStore(initial: Phase = { name: 'closed' }) {
  return createStore<WidgetState>((set, get) => ({
    phase: initial,
    set: (phase) => set({ phase }),
    jobChanged(job) {
      const { phase } = get();
      if (phase.name !== 'job' || phase.job.id !== job.id || phase.job.updatedAt > job.updatedAt) return;
      set({ phase: { name: 'job', job } });
    },
  }));
}

export type WidgetStore = ReturnType<typeof createWidgetStore>;
