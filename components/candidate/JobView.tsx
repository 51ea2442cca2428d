import { type MouseEvent, useId } from 'react';
import type { Configuration } from '../../lib/configurations/configuration';
import { describeError } from '../../lib/text/describe-error';
import { t, type MessageKey } from '../../lib/text/i18n';
import { invitationMailto } from '../../lib/text/invitation';
import { isPadUrl } from '../../lib/services/coderpad/links';
import { STEP_NAMES, type Job, type StepName } from '../../lib/pad-job/job';
import { CopyButton } from '../CopyButton';
import { ErrorActions } from './ErrorActions';

const STEP_TEXT: Record<StepName, MessageKey> = {
  tag: 'stepTag',
  stage: 'stepStage',
  pad: 'stepPad',
  link: 'stepLink',
  note: 'stepNote',
};

/** The pad's link, shown only when it is the pad's own https link on CoderPad, with Copy link and Email candidate. */
export function PadLink({
  url,
  candidateName,
  email,
  padType,
  interviewerMailto,
}: {
  url: string;
  candidateName: string;
  email: string | null;
  padType: Configuration['padType'];
  /** The e-mail to the interviewer the recruiter named (written in the notes' language by the background). */
  interviewerMailto?: string | null;
}) {
  const reasonId = useId();
  if (!isPadUrl(url)) return null;
  const mailto = email ? invitationMailto({ email, candidateName, padType, url }) : null;
  return (
    <div className="pb-link">
      <a
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        // The name begins with the words on screen (label in name), then says whose pad it is.
        aria-label={t('padLinkFor', { link: url, candidate: candidateName })}
      >
        {url}
      </a>
      <div className="pb-row">
        <CopyButton text={url} label={t('copyLink')} statusClassName="pb-muted" />
        <button
          type="button"
          className="pb-secondary"
          disabled={!mailto}
          aria-describedby={mailto ? undefined : reasonId}
          data-mailto={mailto ?? undefined}
          onClick={() => {
            if (mailto) window.open(mailto, '_self');
          }}
        >
          {t('emailCandidate')}
        </button>
        {interviewerMailto && (
          <button
            type="button"
            className="pb-secondary"
            data-mailto={interviewerMailto}
            onClick={() => window.open(interviewerMailto, '_self')}
          >
            {t('emailInterviewer')}
          </button>
        )}
      </div>
      {!mailto && (
        <p id={reasonId} className="pb-muted">
          {t('noEmail')}
        </p>
      )}
    </div>
  );
}

type RetryHandler = (choice: 'keepLooking' | 'createAnyway' | undefined, event: MouseEvent) => void;

/** The pad, once there is one: its link, and what PadBridge could not do as asked. */
function PadReady({ job }: { job: Job }) {
  if (!job.pad) return null;
  const owner = { owner: job.ownerEmail ?? '' };
  return (
    <>
      <p className="pb-ready">{t('padReady', { candidate: job.candidateName })}</p>
      <PadLink
        url={job.pad.url}
        candidateName={job.candidateName}
        email={job.candidateEmail}
        padType={job.padType}
        interviewerMailto={job.interviewerMailto}
      />
      {job.warning === 'not_take_home' && <p className="pb-warning">{t('warnNotTakeHome')}</p>}
      {job.warning === 'owner_refused' && <p className="pb-warning">{t('warnOwnerRefused', owner)}</p>}
      {job.warning === 'owner_not_in_coderpad' && <p className="pb-warning">{t('warnOwnerNotInCoderPad', owner)}</p>}
    </>
  );
}

/** Offered while CoderPad's pad list is searched for a pad whose answer was lost, with the risk in words. */
function CreateAnywayOffer({ onRetry }: { onRetry: RetryHandler }) {
  const riskId = useId();
  return (
    <div>
      <p id={riskId} className="pb-muted">
        {t('createAnywayRisk')}
      </p>
      <div className="pb-row">
        <button
          type="button"
          className="pb-secondary"
          aria-describedby={riskId}
          onClick={(event) => onRetry('createAnyway', event)}
        >
          {t('createAnyway')}
        </button>
      </div>
    </div>
  );
}

/** A failed job: which step, why, what is already done, and the ways out. */
function JobFailed({
  job,
  error,
  onRetry,
  onOpenSettings,
}: {
  job: Job;
  error: NonNullable<Job['error']>;
  onRetry: RetryHandler;
  onOpenSettings(): void;
}) {
  const done = STEP_NAMES.filter((name) => job.steps[name]?.status === 'done' || job.steps[name]?.status === 'skipped');
  const unconfirmed = error.kind === 'unconfirmed';
  return (
    <ErrorActions
      error={error}
      onOpenSettings={onOpenSettings}
      onRetry={unconfirmed || error.kind === 'archived' ? undefined : (event) => onRetry(undefined, event)}
      actions={
        unconfirmed && (
          <>
            <button type="button" onClick={(event) => onRetry('keepLooking', event)}>
              {t('keepLooking')}
            </button>
            <button type="button" className="pb-secondary" onClick={(event) => onRetry('createAnyway', event)}>
              {t('createAnyway')}
            </button>
          </>
        )
      }
    >
      <p>
        {job.failedStep ? t('failedStep', { what: t(`failedStep_${job.failedStep}` as MessageKey) }) : ''}{' '}
        {describeError(error)}
      </p>
      <p>
        {done.length
          ? t('alreadyDone', { steps: done.map((name) => t(`doneStep_${name}` as MessageKey)).join(', ') })
          : t('nothingDone')}
      </p>
    </ErrorActions>
  );
}

/** Each step with its state, in words for a screen reader. */
function StepList({ job }: { job: Job }) {
  return (
    <ol className="pb-steps" aria-label={t('progressLabel')}>
      {STEP_NAMES.map((name) => (
        <li key={name} data-state={job.steps[name]?.status}>
          <span className="pb-step-mark" aria-hidden="true" />
          {t(`failedStep_${name}` as MessageKey)}
          <span className="visually-hidden">
            {t(`stepState_${job.steps[name]?.status ?? 'pending'}` as MessageKey)}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** A job as the journal tells it: the pad link as soon as there is one, each step's state, what failed and the ways out. */
export function JobView({
  job,
  onRetry,
  onOpenSettings,
  onBack,
}: {
  job: Job;
  /** Continues the job; after an unconfirmed pad, with the recruiter's choice. */
  onRetry: RetryHandler;
  onOpenSettings(): void;
  onBack(): void;
}) {
  const running = STEP_NAMES.filter((name) => job.steps[name]?.status === 'running');
  // The pad list searched for a pad whose answer was lost: the recruiter may create one anyway at once.
  const searching = job.status === 'running' && running.includes('pad') ? job.padSearch : null;

  return (
    <div>
      <PadReady job={job} />
      {job.status === 'running' && (
        <p role="status" className="pb-status">
          <span className="pb-spinner" aria-hidden="true" />
          {job.pad && !running.includes('pad') ? t('leverUpdating') : ''}{' '}
          {searching
            ? searchText(searching)
            : running.length
              ? running.map((name) => t(STEP_TEXT[name])).join(' ')
              : t('stepStarting')}
        </p>
      )}
      {searching && !searching.createAnyway && <CreateAnywayOffer onRetry={onRetry} />}
      {job.status === 'done' && (
        <p role="status" className="pb-ok">
          {t('leverUpdated')}
        </p>
      )}
      {job.status === 'failed' && job.error && (
        <JobFailed job={job} error={job.error} onRetry={onRetry} onOpenSettings={onOpenSettings} />
      )}
      {job.status !== 'running' && (
        <div className="pb-row">
          <button type="button" className="pb-secondary" onClick={onBack}>
            {t('otherConfigurations')}
          </button>
        </div>
      )}
      <StepList job={job} />
    </div>
  );
}

/** What the status says while CoderPad's pad list is searched. */
function searchText(search: NonNullable<Job['padSearch']>): string {
  if (search.createAnyway) return t('creatingAnyway');
  if (search.until === undefined) return t('stepSearching');
  // Told again at each round of the search: what is left of its window.
  return t('stepSearchingUntil', { seconds: String(Math.max(1, Math.round((search.until - Date.now()) / 1000))) });
}
