import { type KeyboardEvent, type RefObject, useEffect, useId, useRef } from 'react';
import type { CandidateContext } from '../../lib/messaging/protocol';
import type { Configuration } from '../../lib/configurations/configuration';
import { t } from '../../lib/text/i18n';
import { padTypeLabel } from '../../lib/text/pad-type-label';
import type { CandidateApi } from './api';
import type { CandidateQuery } from './context';
import { ErrorActions } from './ErrorActions';

/** The configurations to choose from, with the candidate's state (loading, error, none yet, archived). */
export function Menu({
  context,
  api,
  onChoose,
  onPickApplication,
  othersAsked,
  onAskApplications,
}: {
  context: CandidateQuery;
  api: CandidateApi;
  onChoose(configuration: Configuration): void;
  /** The recruiter picked another of the person's applications. */
  onPickApplication(opportunityId: string): void;
  /** The person's other applications were asked for (read once, then listed). */
  othersAsked: boolean;
  onAskApplications(): void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  const ready = context.status === 'ready';
  useEffect(() => {
    if (ready) first.current?.focus();
  }, [ready]);
  if (context.status === 'pending') {
    return (
      <p role="status" className="pb-status">
        <span className="pb-spinner" aria-hidden="true" />
        {t('menuLoading')}
      </p>
    );
  }
  if (context.status === 'failed') {
    return (
      <ErrorActions error={context.error} onRetry={() => context.reload()} onOpenSettings={() => api.openOptions()} />
    );
  }
  const { configurations, candidate, personPads } = context.data;
  if (configurations.length === 0) {
    return (
      <div>
        <p className="pb-muted">{t('menuEmpty')}</p>
        <button type="button" onClick={() => api.openOptions()}>
          {t('openSettings')}
        </button>
      </div>
    );
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
    const index = items.indexOf(event.target as HTMLButtonElement);
    const next = items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
    next?.focus();
  };
  return (
    <div>
      <Applications
        context={context.data}
        othersAsked={othersAsked}
        onAsk={onAskApplications}
        onPick={onPickApplication}
        focusFallback={first}
      />
      {personPads.length > 0 && (
        <p role="status" className="pb-muted">
          {t('personPadElsewhere')}{' '}
          {personPads.map((url) => (
            <a key={url} href={url} target="_blank" rel="noopener noreferrer">
              {url}
            </a>
          ))}
        </p>
      )}
      {candidate.archived && (
        <div role="alert" className="pb-alert">
          {t('err_archived')}
        </div>
      )}
      <div role="menu" aria-label={t('menuLabel')} className="pb-menu" onKeyDown={onKeyDown} tabIndex={-1}>
        {configurations.map((configuration, index) => {
          const stageGone = context.data.missingStages.includes(configuration.id);
          const questionGone = !stageGone && context.data.missingQuestions.includes(configuration.id);
          const unusable = stageGone || questionGone;
          return (
            <div className="pb-menu-entry" key={configuration.id}>
              <button
                type="button"
                role="menuitem"
                ref={index === 0 ? first : undefined}
                aria-describedby={`pb-detail-${configuration.id}`}
                aria-disabled={unusable || undefined}
                onClick={() => !unusable && onChoose(configuration)}
              >
                <span className="pb-tag">{configuration.tag}</span>
              </button>
              <span className="pb-detail" id={`pb-detail-${configuration.id}`}>
                {stageGone
                  ? t('menuStageMissing', { stage: configuration.stageName })
                  : questionGone
                    ? t('menuQuestionMissing', { question: configuration.questionTitle ?? '' })
                    : t('menuItemDetail', {
                        stage: configuration.stageName,
                        type: padTypeLabel(configuration.padType),
                      })}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * The person's applications: the page's own, and the others once the recruiter asks for them (read
 * then), to pick the one the pad is for. Focus follows into the list that takes the button's place.
 */
function Applications({
  context,
  othersAsked,
  onAsk,
  onPick,
  focusFallback,
}: {
  context: CandidateContext;
  othersAsked: boolean;
  onAsk(): void;
  onPick(opportunityId: string): void;
  /** Where focus goes when the person has no other application to pick. */
  focusFallback: RefObject<HTMLButtonElement | null>;
}) {
  const groupName = useId();
  const apps = useRef<HTMLDivElement>(null);
  const { applications, candidate, otherApplicationsUnread } = context;
  const othersRead = othersAsked && !otherApplicationsUnread;
  useEffect(() => {
    if (othersRead) (apps.current?.querySelector<HTMLElement>('input:checked') ?? focusFallback.current)?.focus();
  }, [othersRead, focusFallback]);
  return (
    <>
      {applications.length > 1 && (
        <div ref={apps} role="radiogroup" aria-label={t('applicationLabel')} className="pb-apps">
          <span className="pb-detail">{t('applicationLabel')}</span>
          {applications.map((application) => (
            <label key={application.id} className="pb-app">
              <input
                type="radio"
                name={groupName}
                checked={application.id === candidate.id}
                onChange={() => onPick(application.id)}
              />
              {t('applicationOption', { title: application.title, stage: application.stageName })}
            </label>
          ))}
        </div>
      )}
      {otherApplicationsUnread && (
        <button
          type="button"
          className="pb-secondary pb-apps-ask"
          aria-busy={othersAsked || undefined}
          aria-disabled={othersAsked || undefined}
          onClick={() => !othersAsked && onAsk()}
        >
          {othersAsked && <span className="pb-spinner" aria-hidden="true" />}
          {t(othersAsked ? 'otherApplicationsLoading' : 'otherApplications')}
        </button>
      )}
      {othersAsked && !otherApplicationsUnread && applications.length < 2 && (
        <p role="status" className="pb-muted">
          {t('noOtherApplications')}
        </p>
      )}
    </>
  );
}
