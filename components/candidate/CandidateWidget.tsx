import { type KeyboardEvent, type MouseEvent, useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Configuration } from '../../lib/configurations/configuration';
import { describeError } from '../../lib/text/describe-error';
import { t } from '../../lib/text/i18n';
import type { CandidateApi } from './api';
import { Confirm, Existing } from './Confirm';
import { type CandidateQuery, useCandidateContext } from './context';
import { ErrorActions } from './ErrorActions';
import { JobView } from './JobView';
import { BRIDGE_ICON_PATH } from './launcher';
import { Menu } from './Menu';
import { createWidgetStore, type WidgetStore } from './widget-state';

const POLL_MS = 1500;
/** How long without a pushed update before the widget asks for the job itself. */
const PUSH_QUIET_MS = 4000;

/**
 * Whether a click came from the person at the keyboard or mouse. Lever's own scripts (or a script
 * injected into Lever) can reach into the widget's open shadow root and click its buttons; the
 * actions that create or write anything ignore such synthetic clicks.
 */
export const isTrustedClick = (event: MouseEvent) => event.nativeEvent.isTrusted;

interface Props {
  /** The id in the page's path: the person (an application of theirs, or their contact id). */
  opportunityId: string;
  /** The application the page's address names, if any: used only when it is the person's own. */
  applicationId?: string;
  /** Lever's host: part of the cache key, so two environments never share what they read. */
  appHost: string;
  api: CandidateApi;
  /** Decides which clicks may create or write (tests of the widget alone hand it their own). */
  trusted?: (event: MouseEvent) => boolean;
  /** Opens the menu as it appears: the button was clicked (or the shortcut pressed) before the widget's code ran. */
  openAtStart?: boolean;
}

export function CandidateWidget(props: Props) {
  const { opportunityId, applicationId, appHost, api, trusted = isTrustedClick, openAtStart } = props;
  const [store] = useState(() => createWidgetStore(openAtStart ? { name: 'menu' } : undefined));
  const phase = useStore(store, (s) => s.phase);
  const panelId = useId();
  // The application the recruiter picked, when the person has several; the page's otherwise.
  const [picked, pick] = useState<string | null>(null);
  const wanted = picked ?? applicationId;
  const target = wanted ?? opportunityId;
  // The person's other applications, read when the recruiter asks (most people have one).
  const [othersAsked, askOthers] = useState(false);
  // Always asked about the page's person: an application is taken only if it is theirs.
  const context = useCandidateContext(
    api,
    `${appHost}/${opportunityId}/${wanted ?? ''}/${othersAsked ? 'all' : ''}`,
    opportunityId,
    wanted,
    othersAsked,
  );

  // A job already running for this candidate (another tab, or before a reload) is shown at once.
  useEffect(() => {
    const running = context.data && Object.values(context.data.jobs).find((job) => job.status === 'running');
    if (running && store.getState().phase.name === 'closed') store.getState().set({ name: 'job', job: running });
  }, [context.data, store]);

  // Pushed updates drive the view. Only while none has come for a while (a stopped worker pushes
  // nothing until it is woken, and asking wakes it) does the widget ask for the job itself.
  const lastPush = useRef(0);
  useEffect(
    () =>
      api.onJobUpdated((job) => {
        lastPush.current = Date.now();
        store.getState().jobChanged(job);
      }),
    [api, store],
  );
  const runningJobId = phase.name === 'job' && phase.job.status === 'running' ? phase.job.id : null;
  useEffect(() => {
    if (!runningJobId) return;
    const timer = setInterval(async () => {
      if (Date.now() - lastPush.current < PUSH_QUIET_MS) return;
      const result = await api.getJob({ jobId: runningJobId });
      if (result.ok && result.value) store.getState().jobChanged(result.value);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, runningJobId, store]);

  const open = phase.name !== 'closed';
  const mainButton = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  // The keyboard shortcut: the menu opens with focus on its first item (the Menu takes it as it
  // mounts); with the panel already open, focus goes into it.
  useEffect(
    () =>
      api.onShortcut?.(() => {
        mainButton.current?.scrollIntoView?.({ block: 'nearest' });
        if (store.getState().phase.name === 'closed') store.getState().open();
        else {
          const inside = panel.current;
          (
            inside?.querySelector<HTMLElement>('[role="menuitem"]') ?? inside?.querySelector<HTMLElement>('button')
          )?.focus();
        }
      }),
    [api, store],
  );
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
        <section id={panelId} ref={panel} className="pb-panel" aria-label={t('extName')} onKeyDown={onPanelKeyDown}>
          <div className="pb-panel-head">
            <strong>{t('extName')}</strong>
            <button type="button" className="pb-icon" aria-label={t('close')} onClick={() => store.getState().close()}>
              ×
            </button>
          </div>
          <Panel
            store={store}
            api={api}
            context={context}
            opportunityId={context.data?.candidate.id ?? target}
            onPickApplication={pick}
            othersAsked={othersAsked}
            onAskApplications={() => askOthers(true)}
            trusted={trusted}
          />
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

/** Drawn inline, as the launcher draws it before this code is there. */
function BridgeIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={BRIDGE_ICON_PATH} fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

interface PanelProps {
  store: WidgetStore;
  api: CandidateApi;
  context: CandidateQuery;
  /** The application the pad is for (the page may name the person). */
  opportunityId: string;
  onPickApplication(opportunityId: string): void;
  /** The person's other applications were asked for. */
  othersAsked: boolean;
  onAskApplications(): void;
  trusted: (event: MouseEvent) => boolean;
}

function Panel(props: PanelProps) {
  const { store, api, context, opportunityId, onPickApplication, othersAsked, onAskApplications, trusted } = props;
  const phase = useStore(store, (s) => s.phase);
  const set = store.getState().set;
  /** Wraps a click handler that creates or writes: synthetic clicks do nothing. */
  const onTrusted =
    (action: () => void) =>
    (event?: MouseEvent): void => {
      if (event && trusted(event)) action();
    };

  const start = async (configuration: Configuration, force: boolean, interviewerId?: string | null) => {
    // Sent before the view changes: the request does not wait for the "starting" view to render.
    const sent = api.startJob({ opportunityId, configurationId: configuration.id, force, interviewerId });
    set({ name: 'starting', configuration });
    const result = await sent;

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
          onPickApplication={onPickApplication}
          othersAsked={othersAsked}
          onAskApplications={onAskApplications}
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
          api={api}
          onYes={(event, interviewerId) =>
            onTrusted(() => start(phase.configuration, phase.force ?? false, interviewerId))(event)
          }
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
          api={api}
          // A second pad is asked for as the first was: the confirmation, with its interviewer.
          onCreateAnother={() => set({ name: 'confirm', configuration: phase.configuration, force: true })}
        />
      );
    case 'refused':
      return (
        <div>
          <ErrorActions
            error={phase.error}
            onOpenSettings={() => api.openOptions()}
            onRetry={phase.error.kind === 'archived' ? undefined : onTrusted(() => start(phase.configuration, false))}
          >
            <p>{describeError(phase.error)}</p>
            {phase.error.kind !== 'archived' && <p>{t('nothingDone')}</p>}
          </ErrorActions>
          <div className="pb-row">
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
          onRetry={(choice, event) => onTrusted(() => void retry(choice))(event)}
        />
      );
  }

  async function retry(choice?: 'keepLooking' | 'createAnyway') {
    if (phase.name !== 'job') return;
    const shown = phase.job;
    const result = await api.retryJob({ jobId: shown.id, choice });

    // A retry that cannot even start says why, in place of the old failure.
    const job = result.ok
      ? { ...shown, status: 'running' as const, error: null }
      : { ...shown, error: result.error, failedStep: null };
    store.getState().set({ name: 'job', job });
  }
}
