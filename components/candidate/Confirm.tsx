import { type MouseEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Configuration } from '../../lib/configurations/configuration';
import type { CandidateContext, ExistingPad } from '../../lib/messaging/protocol';
import type { Interviewer } from '../../lib/pad-job/job';
import type { ErrorInfo } from '../../lib/services/http/errors';
import { describeError } from '../../lib/text/describe-error';
import type { CandidateApi } from './api';
import { t } from '../../lib/text/i18n';
import { PAD_TYPES } from '../../lib/services/coderpad/pad-type';
import { padTypeLabel } from '../../lib/text/pad-type-label';
import { PadLink } from './JobView';
import { useConfirmFocus } from '../confirm-focus';

/** Lever's users as the confirmation offers them, while they are read, or why they could not be. */
type Interviewers =
  | { state: 'reading' }
  | { state: 'read'; users: Interviewer[] }
  | { state: 'failed'; error: ErrorInfo };

/**
 * The optional Interviewer: Lever's users, the one last named for this configuration chosen.
 * Creating never waits for it: while Lever's users are read, or when they cannot be, the pad is
 * made without one.
 */
function InterviewerField({
  configurationId,
  api,
  value,
  onChange,
}: {
  configurationId: string;
  api: Pick<CandidateApi, 'listInterviewers'>;
  value: string | null;
  onChange(id: string | null): void;
}) {
  const id = useId();
  const [interviewers, setInterviewers] = useState<Interviewers>({ state: 'reading' });
  useEffect(() => {
    let current = true;
    void api.listInterviewers({ configurationId }).then((result) => {
      if (!current) return;
      if (!result.ok) return setInterviewers({ state: 'failed', error: result.error });
      setInterviewers({ state: 'read', users: result.value.users });
      onChange(result.value.chosen);
    });
    return () => {
      current = false;
    };
  }, [api, configurationId, onChange]);
  const users = interviewers.state === 'read' ? interviewers.users : [];
  return (
    <div className="pb-field">
      <label htmlFor={id}>{t('interviewerLabel')}</label>
      <select
        id={id}
        value={value ?? ''}
        disabled={interviewers.state !== 'read'}
        aria-busy={interviewers.state === 'reading'}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value || null)}
      >
        <option value="">{t('interviewerNone')}</option>
        {users.map((user) => (
          <option key={user.id} value={user.id}>
            {user.email ? `${user.name} (${user.email})` : user.name}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="pb-muted">
        {interviewers.state === 'reading'
          ? t('interviewerLoading')
          : interviewers.state === 'failed'
            ? t('interviewerFailed', { reason: describeError(interviewers.error) })
            : t('interviewerHelp')}
      </p>
    </div>
  );
}

/** Asks before anything is written, naming the tag, the candidate and the stage; an interviewer may be named. */
export function Confirm({
  configuration,
  candidateName,
  api,
  onYes,
  onCancel,
}: {
  configuration: Configuration;
  candidateName: string;
  api: Pick<CandidateApi, 'listInterviewers'>;
  /** `interviewerId`: the one named (null: none; undefined: Lever's users were not read). */
  onYes(event: MouseEvent, interviewerId: string | null | undefined): void;
  onCancel(): void;
}) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  const [interviewer, setInterviewer] = useState<{ id: string | null } | undefined>(undefined);
  const choose = useCallback((id: string | null) => setInterviewer({ id }), []);
  const hint = PAD_TYPES[configuration.padType].hint;
  return (
    <section aria-label={configuration.tag}>
      <p>
        {t('confirmText', {
          tag: configuration.tag,
          candidate: candidateName,
          stage: configuration.stageName,
          type: padTypeLabel(configuration.padType).toLowerCase(),
        })}
      </p>
      {hint && <p className="pb-muted">{t(hint)}</p>}
      <InterviewerField
        configurationId={configuration.id}
        api={api}
        value={interviewer?.id ?? null}
        onChange={choose}
      />
      <div className="pb-row">
        <button type="button" ref={yes} onClick={(event) => onYes(event, interviewer?.id)}>
          {t('yesCreate')}
        </button>
        <button type="button" className="pb-secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}

/** What End pad is doing: offered, asked, under way, done, or why it failed. */
type Ending = { state: 'idle' | 'asking' | 'ending' | 'ended' } | { state: 'failed'; error: ErrorInfo };

/** **End pad** for a pad PadBridge made that is still open: a confirmation, then CoderPad ends it. */
function EndPadControl({
  padId,
  candidateName,
  api,
}: {
  padId: string;
  candidateName: string;
  api: Pick<CandidateApi, 'endPad'>;
}) {
  const [ending, setEnding] = useState<Ending>({ state: 'idle' });
  // Focus goes to the confirmation, and back to End pad when it is cancelled.
  const { confirm, opener } = useConfirmFocus(ending.state === 'asking', ending.state === 'idle');
  const end = async () => {
    setEnding({ state: 'ending' });
    const result = await api.endPad({ padId });
    setEnding(result.ok ? { state: 'ended' } : { state: 'failed', error: result.error });
  };
  if (ending.state === 'ended')
    return (
      <p role="status" className="pb-ok">
        {t('padEndedNow')}
      </p>
    );
  if (ending.state === 'idle')
    return (
      <div className="pb-row">
        <button
          type="button"
          className="pb-secondary"
          ref={opener}
          aria-label={t('endPadFor', { candidate: candidateName })}
          onClick={() => setEnding({ state: 'asking' })}
        >
          {t('endPad')}
        </button>
      </div>
    );
  const busy = ending.state === 'ending';
  return (
    <fieldset className="pb-end-pad">
      <legend>{t('endPadQuestion', { candidate: candidateName })}</legend>
      <div className="pb-row">
        <button type="button" ref={confirm} disabled={busy} aria-busy={busy} onClick={() => void end()}>
          {busy ? t('endingPad') : t('endPad')}
        </button>
        <button type="button" className="pb-secondary" disabled={busy} onClick={() => setEnding({ state: 'idle' })}>
          {t('cancel')}
        </button>
      </div>
      {ending.state === 'failed' && (
        <p role="alert" className="pb-alert">
          {describeError(ending.error)}
        </p>
      )}
    </fieldset>
  );
}

/** The pad this candidate already has (made by PadBridge, or a CoderPad link in Lever), with Create another. */
export function Existing({
  existing,
  configuration,
  context,
  api,
  onCreateAnother,
}: {
  existing: ExistingPad;
  configuration: Configuration;
  context: CandidateContext | undefined;
  api: Pick<CandidateApi, 'endPad'>;
  onCreateAnother(event: MouseEvent): void;
}) {
  const name = context?.candidate.name ?? '';
  return (
    <div>
      {/* The answer to "Yes, create" when a pad was made meanwhile: said as a status, like the other outcomes. */}
      <p role="status">
        {existing.source === 'padbridge'
          ? t('existingPad', { candidate: name, tag: configuration.tag })
          : t('existingLeverLink', { candidate: name })}
      </p>
      <PadLink
        url={existing.pad.url}
        candidateName={name}
        email={context?.candidate.email ?? null}
        padType={configuration.padType}
      />
      {existing.source === 'padbridge' && existing.open && (
        <EndPadControl padId={existing.pad.id} candidateName={name} api={api} />
      )}
      <div className="pb-row">
        <button type="button" className="pb-secondary" onClick={onCreateAnother}>
          {t('createAnother')}
        </button>
      </div>
    </div>
  );
}
