import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Configuration } from '../../lib/configurations';
import { describeError } from '../../lib/describe-error';
import { fixedInSettings } from '../../lib/http/errors';
import { t, type MessageKey } from '../../lib/i18n';
import { invitationMailto } from '../../lib/invitation';
import type { CandidateContext, ExistingPad } from '../../lib/messaging';
import { isPadUrl } from '../../lib/pads';
import { STEP_NAMES, type Job, type StepName } from '../../lib/records';
import { unwrap, errorInfoOf } from '../../lib/result';
import { CopyButton } from '../CopyButton';
import type { CandidateApi } from './api';
import { createWidgetStore, type WidgetStore } from './store';

const STEP_TEXT: Record<StepName, MessageKey> = {
  tag: 'stepTag',
  stage: 'stepStage',
  pad: 'stepPad',
  link: 'stepLink',
  note: 'stepNote',
};
const padTypeText = (type: Configuration['padType']) =>
  type === 'take_home' ? t('padTypeTakeHome') : t('padTypeLive');

const POLL_MS = 1500;

interface Props {
  opportunityId: string;
  appHost: string;
  api: CandidateApi;
}

export function CandidateWidget({ opportunityId, appHost, api }: Props) {
  const [store] = useState(() => createWidgetStore());
  const phase = useStore(store, (s) => s.phase);
  const panelId = useId();
  const context = useQuery({
    queryKey: ['candidate', appHost, opportunityId],
    queryFn: async () => unwrap(await api.prepareCandidate({ opportunityId, appHost })),
    staleTime: 30_000,
    retry: false,
  });

  // A job already running for this candidate (another tab, or before a reload) is shown at once.
  useEffect(() => {
    const running = context.data && Object.values(context.data.jobs).find((job) => job.status === 'running');
    if (running && store.getState().phase.name === 'closed') store.getState().set({ name: 'job', job: running });
  }, [context.data, store]);

  useEffect(() => api.onJobUpdated((job) => store.getState().jobChanged(job)), [api, store]);

  // Pushed updates can be lost (a restarted worker forgets nothing, but a message can miss); poll as well.
  const runningJobId = phase.name === 'job' && phase.job.status === 'running' ? phase.job.id : null;
  useEffect(() => {
    if (!runningJobId) return;
    const timer = setInterval(async () => {
      const result = await api.getJob({ jobId: runningJobId }).catch(() => null);
      if (result?.ok && result.value) store.getState().jobChanged(result.value);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, runningJobId, store]);

  const open = phase.name !== 'closed';
  const mainButton = useRef<HTMLButtonElement>(null);
  const toggle = () => (open ? store.getState().close() : store.getState().open());
  // Escape closes the panel and gives focus back to the button that opened it.
  const onPanelKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    store.getState().close();
    mainButton.current?.focus();
  };

  return (
    <div className="pb-root">
      {open && (
        <section id={panelId} className="pb-panel" aria-label={t('extName')} onKeyDown={onPanelKeyDown}>
          <div className="pb-panel-head">
            <strong>{t('extName')}</strong>
            <button type="button" className="pb-icon" aria-label={t('close')} onClick={() => store.getState().close()}>
              ×
            </button>
          </div>
          <Panel store={store} api={api} context={context} opportunityId={opportunityId} appHost={appHost} />
        </section>
      )}
      <button
        ref={mainButton}
        type="button"
        className="pb-main"
        aria-haspopup="menu"
        aria-expanded={phase.name === 'menu'}
        aria-controls={open ? panelId : undefined}
        onClick={toggle}
      >
        <BridgeIcon />
        {t('createPadButton')}
      </button>
    </div>
  );
}

/** Drawn inline: no extension file is exposed to Lever's pages. */
function BridgeIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M3 15h18M5 15v5M19 15v5M4 15c2-5 5-7 8-7s6 2 8 7"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinecap="round"
      />
    </svg>
  );
}

interface PanelProps {
  store: WidgetStore;
  api: CandidateApi;
  context: ReturnType<typeof useQuery<CandidateContext>>;
  opportunityId: string;
  appHost: string;
}

function Panel({ store, api, context, opportunityId, appHost }: PanelProps) {
  const phase = useStore(store, (s) => s.phase);
  const set = store.getState().set;

  const start = async (configuration: Configuration, force: boolean) => {
    set({ name: 'starting', configuration });
    const result = await api
      .startJob({ opportunityId, appHost, configurationId: configuration.id, force })
      .catch((error: unknown) => ({ ok: false as const, error: errorInfoOf(error) }));
    if (!result.ok) return set({ name: 'refused', configuration, error: result.error });
    if (result.value.kind === 'existing')
      return set({ name: 'existing', configuration, existing: result.value.existing });
    set({ name: 'job', job: result.value.job });
  };

  switch (phase.name) {
    case 'closed':
      return null;
    case 'menu':
      return (
        <Menu
          context={context}
          api={api}
          onChoose={(configuration) => {
            const existing = context.data?.existing[configuration.id];
            if (existing) set({ name: 'existing', configuration, existing });
            else set({ name: 'confirm', configuration });
          }}
        />
      );
    case 'confirm':
      return (
        <Confirm
          configuration={phase.configuration}
          candidateName={context.data?.candidate.name ?? ''}
          onYes={() => start(phase.configuration, false)}
          onCancel={() => set({ name: 'menu' })}
        />
      );
    case 'starting':
      return (
        <p role="status" className="pb-status">
          <span className="pb-spinner" aria-hidden="true" />
          {t('stepStarting')}
        </p>
      );
    case 'existing':
      return (
        <Existing
          existing={phase.existing}
          configuration={phase.configuration}
          context={context.data}
          onCreateAnother={() => start(phase.configuration, true)}
        />
      );
    case 'refused':
      return (
        <div>
          <div role="alert" className="pb-alert">
            <p>{describeError(phase.error)}</p>
            {phase.error.kind !== 'archived' && <p>{t('nothingDone')}</p>}
          </div>
          <div className="pb-row">
            {phase.error.kind !== 'archived' && (
              <button type="button" onClick={() => start(phase.configuration, false)}>
                {t('retry')}
              </button>
            )}
            {fixedInSettings(phase.error.kind) && (
              <button type="button" className="pb-secondary" onClick={() => api.openOptions()}>
                {t('openSettings')}
              </button>
            )}
            <button type="button" className="pb-secondary" onClick={() => set({ name: 'menu' })}>
              {t('back')}
            </button>
          </div>
        </div>
      );
    case 'job':
      return (
        <JobView
          job={phase.job}
          onOpenSettings={() => api.openOptions()}
          onBack={() => store.setState({ phase: { name: 'menu' }, lastJob: null })}
          onRetry={async () => {
            const result = await api
              .retryJob({ jobId: phase.job.id })
              .catch((error: unknown) => ({ ok: false as const, error: errorInfoOf(error) }));
            // A retry that cannot even start says why, in place of the old failure.
            const job = result.ok
              ? { ...phase.job, status: 'running' as const, error: null }
              : { ...phase.job, error: result.error, failedStep: null };
            store.getState().set({ name: 'job', job });
          }}
        />
      );
  }
}

function Menu({
  context,
  api,
  onChoose,
}: {
  context: PanelProps['context'];
  api: CandidateApi;
  onChoose(configuration: Configuration): void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  const ready = context.isSuccess;
  useEffect(() => {
    if (ready) first.current?.focus();
  }, [ready]);
  if (context.isPending) {
    return (
      <p role="status" className="pb-status">
        <span className="pb-spinner" aria-hidden="true" />
        {t('menuLoading')}
      </p>
    );
  }
  if (context.isError) {
    const info = errorInfoOf(context.error);
    return (
      <div>
        <div role="alert" className="pb-alert">
          {describeError(info)}
        </div>
        <div className="pb-row">
          <button type="button" onClick={() => context.refetch()}>
            {t('retry')}
          </button>
          {fixedInSettings(info.kind) && (
            <button type="button" className="pb-secondary" onClick={() => api.openOptions()}>
              {t('openSettings')}
            </button>
          )}
        </div>
      </div>
    );
  }
  const { configurations, candidate } = context.data;
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
      {candidate.archived && (
        <div role="alert" className="pb-alert">
          {t('err_archived')}
        </div>
      )}
      <div role="menu" aria-label={t('menuLabel')} className="pb-menu" onKeyDown={onKeyDown} tabIndex={-1}>
        {configurations.map((configuration, index) => (
          <div className="pb-menu-entry" key={configuration.id}>
            <button
              type="button"
              role="menuitem"
              ref={index === 0 ? first : undefined}
              aria-describedby={`pb-detail-${configuration.id}`}
              onClick={() => onChoose(configuration)}
            >
              <span className="pb-tag">{configuration.tag}</span>
            </button>
            <span className="pb-detail" id={`pb-detail-${configuration.id}`}>
              {t('menuItemDetail', { stage: configuration.stageName, type: padTypeText(configuration.padType) })}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}

function Confirm({
  configuration,
  candidateName,
  onYes,
  onCancel,
}: {
  configuration: Configuration;
  candidateName: string;
  onYes(): void;
  onCancel(): void;
}) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <section aria-label={configuration.tag}>
      <p>
        {t('confirmText', {
          tag: configuration.tag,
          candidate: candidateName,
          stage: configuration.stageName,
          type: padTypeText(configuration.padType).toLowerCase(),
        })}
      </p>
      {configuration.padType === 'take_home' && <p className="pb-muted">{t('takeHomeTimeLimit')}</p>}
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

function PadLink({
  url,
  candidateName,
  email,
  padType,
}: {
  url: string;
  candidateName: string;
  email: string | null;
  padType: Configuration['padType'];
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
        aria-label={t('padLinkFor', { candidate: candidateName })}
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
      </div>
      {!mailto && (
        <p id={reasonId} className="pb-muted">
          {t('noEmail')}
        </p>
      )}
    </div>
  );
}

function Existing({
  existing,
  configuration,
  context,
  onCreateAnother,
}: {
  existing: ExistingPad;
  configuration: Configuration;
  context: CandidateContext | undefined;
  onCreateAnother(): void;
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

function JobView({
  job,
  onRetry,
  onOpenSettings,
  onBack,
}: {
  job: Job;
  onRetry(): void;
  onOpenSettings(): void;
  onBack(): void;
}) {
  const running = STEP_NAMES.filter((name) => job.steps[name]?.status === 'running');
  const done = STEP_NAMES.filter((name) => job.steps[name]?.status === 'done' || job.steps[name]?.status === 'skipped');

  return (
    <div>
      {job.pad && (
        <>
          <p className="pb-ready">{t('padReady', { candidate: job.candidateName })}</p>
          <PadLink
            url={job.pad.url}
            candidateName={job.candidateName}
            email={job.candidateEmail}
            padType={job.padType}
          />
          {job.warning === 'not_take_home' && <p className="pb-warning">{t('warnNotTakeHome')}</p>}
        </>
      )}
      {job.status === 'running' && (
        <p role="status" className="pb-status">
          <span className="pb-spinner" aria-hidden="true" />
          {job.pad && !running.includes('pad') ? t('leverUpdating') : ''}{' '}
          {running.length ? running.map((name) => t(STEP_TEXT[name])).join(' ') : t('stepStarting')}
        </p>
      )}
      {job.status === 'done' && (
        <p role="status" className="pb-ok">
          {t('leverUpdated')}
        </p>
      )}
      {job.status === 'failed' && job.error && (
        <div role="alert" className="pb-alert">
          <p>
            {job.failedStep ? t('failedStep', { what: t(`failedStep_${job.failedStep}` as MessageKey) }) : ''}{' '}
            {describeError(job.error)}
          </p>
          <p>
            {done.length
              ? t('alreadyDone', { steps: done.map((name) => t(`doneStep_${name}` as MessageKey)).join(', ') })
              : t('nothingDone')}
          </p>
          <div className="pb-row">
            {job.error.kind !== 'archived' && (
              <button type="button" onClick={onRetry}>
                {t('retry')}
              </button>
            )}
            {fixedInSettings(job.error.kind) && (
              <button type="button" className="pb-secondary" onClick={onOpenSettings}>
                {t('openSettings')}
              </button>
            )}
          </div>
        </div>
      )}
      {job.status !== 'running' && (
        <div className="pb-row">
          <button type="button" className="pb-secondary" onClick={onBack}>
            {t('otherConfigurations')}
          </button>
        </div>
      )}
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
    </div>
  );
}
