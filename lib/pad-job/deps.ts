import type { CoderPadClient } from '../services/coderpad/client';
import type { LeverClient } from '../services/lever/client';
import type { PadSearchTiming } from './exactly-once';
import type { Job } from './job';

/** What the pad job is given by the background's wiring: the clients, the tabs' push, the clock, auto mode's hooks. */
export interface WorkflowDeps {
  lever(): Promise<LeverClient>;
  coderpad(): Promise<CoderPadClient>;
  /** Tells the tabs watching a job that it changed. */
  notify(job: Job): void;
  /** Called when a job starts running, so a killed worker is woken to resume it. */
  onRunning?(): void;
  now?: () => number;
  newId?: () => string;
  padSearch?: PadSearchTiming;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Before a resumed auto-mode job goes on: throws when its claim on the candidate no longer holds
   * (before its pad), and renews the claim while the job is unfinished (auto mode's, injected: auto
   * mode builds on the job, not the other way).
   */
  checkAutoClaim?(lever: LeverClient, job: Job): Promise<void>;
  /**
   * Whether another browser's auto mode holds a live claim on the candidate for this tag (job key
   * `key`), and otherwise the lapsed claims whose pad the job must look for first.
   */
  autoClaims?(
    lever: LeverClient,
    opportunityId: string,
    tag: string,
    key: string,
  ): Promise<{ held: boolean; takesOver: Job['takesOver'] }>;
}

/** What the recruiter chose when a pad could not be confirmed. */
export type RetryChoice = 'keepLooking' | 'createAnyway';
