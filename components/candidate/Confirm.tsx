import { type MouseEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Configuration } from '../../lib/configurations/schema';
import type { CandidateContext, ExistingPad } from '../../lib/messaging/protocol';
import type { Interviewer } from '../../lib/pad-job/job';
import type { ErrorInfo } from '../../lib/services/http/errors';
import { describeError } from '../../lib/text/describe-error';
import type { CandidateApi } from './api';
import { t } from '../../lib/text/i18n';
import { PAD_TYPES } from '../../lib/services/coderpad/pad-type';
import { padTypeLabel } from '../../lib/text/pad-type-label';
import { PadLink } from './JobView';

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

/** The pad this candidate already has (made by PadBridge, or a CoderPad link in Lever), with Create another. */
export function Existing({
  existing,
  configuration,
  context,
  onCreateAnother,
}: {
  existing: ExistingPad;
  configuration: Configuration;
  context: CandidateContext | undefined;
  onCreateAnother(event: MouseEvent): void;
}) {
  const name = context?.candidate.name ?? '';
  return (
    <div>
      <p>
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
      <div className="pb-row">
        <button type="button" className="pb-secondary" onClick={onCreateAnother}>
          {t('createAnother')}
        </button>
      </div>
    </div>
  );
}
