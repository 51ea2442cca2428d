import { translator } from '../text/note-language';
import type { Job, PadSummary, StepState } from './job';
import { padTypeLabel } from '../text/pad-type-label';
import { outsideLine } from '../text/outside';
import { interviewerMailto } from '../text/invitation';

/** The marker written into a pad's private notes, so a pad whose answer was lost can be found again. */
export const padMarker = (jobId: string) => `padbridge:${jobId}`;

/** The reference a creation note carries, by which a note whose answer was lost is found. */
export const creationNoteRef = (job: Pick<Job, 'id'>) => `C-${job.id.slice(0, 8)}`;

/** The creation note, in the language the admin chose for notes (not the clicking recruiter's). */
export function creationNoteText(job: Job, pad: PadSummary): string {
  const words = translator(job.noteLanguage);
  const type = padTypeLabel(job.padType, words);
  // Titles come from CoderPad and Lever: each kept to its one labelled line.
  const text = words('leverNoteCreated', {
    type,
    question: job.questionTitle ? outsideLine(job.questionTitle) : words('noQuestion'),
    stage: outsideLine(job.stageName),
    url: pad.url,
  });
  const interviewer = job.interviewer
    ? `\n${words('noteInterviewer', { name: outsideLine(job.interviewer.name) })}`
    : '';
  return `${text}${interviewer}\n${words('noteRef', { ref: creationNoteRef(job) })}`;
}

/**
 * Whether a write may have reached the service although we never heard it succeed: the worker
 * died while it was under way, or it failed with anything but a 4xx (a certain refusal).
 */
export function mayHaveActed(state: StepState | undefined): boolean {
  if (!state) return false;
  if (state.status === 'running') return true;
  if (state.status !== 'failed') return false;
  const status = state.error?.status;
  return !(status !== undefined && status >= 400 && status < 500);
}

/**
 * Whether a run before this one may have written the creation note unheard: its note step may
 * have acted, or its pad step never ended in the journal (the note leaves with CoderPad's answer,
 * before the journal records the pad). A new job's first run has no run before it.
 */
export const noteMayHaveLeft = (previous: Job): boolean =>
  mayHaveActed(previous.steps.note) || previous.steps.pad?.status === 'running';

/** The e-mail to the interviewer the recruiter named, once the pad exists (null: none named, or no address). */
export function interviewerMailtoFor(job: Job, pad: PadSummary): string | null {
  if (!job.interviewer?.email) return null;
  return interviewerMailto(
    {
      email: job.interviewer.email,
      interviewerName: job.interviewer.name,
      candidateName: job.candidateName,
      padType: job.padType,
      stage: job.stageName,
      url: pad.url,
    },
    translator(job.noteLanguage),
  );
}
