import { type MouseEvent, useEffect, useRef } from 'react';
import type { Configuration } from '../../lib/configurations/schema';
import type { CandidateContext, ExistingPad } from '../../lib/messaging/protocol';
import { t } from '../../lib/text/i18n';
import { PAD_TYPES } from '../../lib/services/coderpad/pad-type';
import { padTypeLabel } from '../../lib/text/pad-type-label';
import { PadLink } from './JobView';

/** Asks before anything is written, naming the tag, the candidate and the stage. */
export function Confirm({
  configuration,
  candidateName,
  onYes,
  onCancel,
}: {
  configuration: Configuration;
  candidateName: string;
  onYes(event: MouseEvent): void;
  onCancel(): void;
}) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
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
      <div className="pb-row">
        <button type="button" ref={yes} onClick={onYes}>
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
