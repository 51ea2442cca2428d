import { candidateUrl } from '../services/environments';
import { NO_SUMMARY, type PadRecord } from '../pads/records';
import type { Job, PadSummary } from './job';

/** The record of a pad a job made, as it starts: pending, no summary yet. */
export function recordFor(job: Job, pad: PadSummary, now: number): PadRecord {
  return {
    padId: pad.id,
    url: pad.url,
    padType: job.padType,
    title: pad.title,
    environment: job.environment,
    opportunityId: job.opportunityId,
    candidateName: job.candidateName,
    candidateUrl: candidateUrl(job.environment, job.opportunityId),
    configurationId: job.configurationId,
    tag: job.tag,
    stageName: job.stageName,
    questionTitle: job.questionTitle,
    createdAt: now,
    status: 'pending',
    statusCheckedAt: null,
    endedAt: null,
    summary: NO_SUMMARY,
    performAs: job.performAs ?? null,
    noteLanguage: job.noteLanguage,
  };
}
