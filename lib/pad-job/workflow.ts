import type { LeverClient } from '../services/lever/client';
import type { LeverEnvironment } from '../services/environments';
import type { Job } from './job';
import { existingPads, readCandidate } from './candidate';
import { jobContext } from './context';
import type { RetryChoice, WorkflowDeps } from './deps';
import * as journal from './journal';
import { hasRunning, resumeAll, retry, settle } from './resume';
import { type AutoStartRequest, type StartRequest, start, startAuto } from './start';

export { candidateUrl } from '../services/environments';
export { padMarker } from './notes';

/**
 * The pad job as the background uses it: start (start.ts), run (run.ts, pad-step.ts) and resume
 * (resume.ts), each a plain function over one context built here from the wiring.
 */
export function createWorkflow(deps: WorkflowDeps) {
  const ctx = jobContext(deps);
  return {
    readCandidate: (lever: LeverClient, environment: LeverEnvironment, id: string, options: { fresh?: boolean } = {}) =>
      readCandidate(lever, environment, id, ctx.now(), options),
    existingPads,
    start: (request: StartRequest) => start(ctx, request),
    startAuto: (input: AutoStartRequest) => startAuto(ctx, input),
    retry: (jobId: string, tabId?: number, choice?: RetryChoice) => retry(ctx, jobId, tabId, choice),
    get: async (jobId: string): Promise<Job | null> => (await journal.getJobById(jobId)) ?? null,
    settle,
    resumeAll: () => resumeAll(ctx),
    hasRunning,
  };
}

export type Workflow = ReturnType<typeof createWorkflow>;
