import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '../../lib/text/i18n';
import { isPadUrl } from '../../lib/services/coderpad/links';
import { candidateUrl } from '../../lib/services/environments';
import type { PadRecord } from '../../lib/pads/records';
import { CopyButton } from '../CopyButton';
import { ErrorAlert } from '../ErrorAlert';
import { queries, queryKeys } from '../../utils/query';
import { padTypeLabel } from '../../lib/text/pad-type-label';
import { LIST_SHOWN_MARK } from './marks';
import { SummaryProblem } from './SummaryProblem';
import { formats, relativeTime } from '../../utils/format';
import { PadLink } from '../PadLink';
import { EndPad } from './EndPad';
import { SearchField } from './SearchField';
import { TeamPads } from './TeamPads';

/** Rows asked for at once (more than a popup shows); "Show more" asks for as many again. */
const PAGE = 25;

/** The popup's first question, asked before React starts: the list is on its way while the page boots. */
export function prefetchPopup(client: QueryClient): void {
  void client.prefetchQuery({
    queryKey: recordsKey('', PAGE),
    queryFn: () => queries.padRecords({ query: '', limit: PAGE }),
  });
}
const recordsKey = (query: string, limit: number) => [...queryKeys.padRecords, query, limit];

function PadItem({ record, now }: { record: PadRecord; now: number }) {
  const type = padTypeLabel(record.padType);
  const exact = formats().exact.format(record.createdAt);
  return (
    <li className="pad" aria-label={record.candidateName}>
      <div className="pad-head">
        <strong>{record.candidateName}</strong>
        <span className={`pad-status pad-status-${record.status}`}>{t(`status_${record.status}` as MessageKey)}</span>
      </div>
      <div className="muted small">
        <span className="pad-tag">{record.tag}</span> · {type} ·{' '}
        <time dateTime={new Date(record.createdAt).toISOString()} title={exact}>
          {relativeTime(record.createdAt, now)}
        </time>
      </div>
      {record.summary.state === 'failed' && <SummaryProblem record={record} />}
      <div className="row small">
        <PadLink url={record.url} candidate={record.candidateName} />
        <a href={candidateUrl(record.environment, record.opportunityId)} target="_blank" rel="noopener noreferrer">
          {t('openInLever')}
        </a>
        {isPadUrl(record.url) && (
          <CopyButton text={record.url} label={t('copyLink')} className="link-button" statusClassName="muted" />
        )}
      </div>
      {(record.status === 'pending' || record.status === 'started') && <EndPad record={record} />}
    </li>
  );
}

type View = 'mine' | 'team';

/** "My pads" (this browser's records) and "Team" (read from Lever), as tabs. */
export function PopupApp({ now = Date.now() }: { now?: number }) {
  const base = useId();
  const [view, setView] = useState<View>('mine');
  const status = useQuery({ queryKey: queryKeys.status, queryFn: queries.status });
  const notSetUp = status.data && (!status.data.lever || !status.data.coderpad);
  const optionsUrl = browser.runtime.getURL('/options.html');
  const tabs: { id: View; label: string }[] = [
    { id: 'mine', label: t('tabMyPads') },
    { id: 'team', label: t('tabTeam') },
  ];
  const focusTab = (id: View) => {
    setView(id);
    document.getElementById(`${base}-tab-${id}`)?.focus();
  };
  return (
    <main className="popup">
      <header className="popup-head">
        <h1>{t('recentPads')}</h1>
        <a href={optionsUrl} target="_blank" rel="noopener">
          {t('settings')}
        </a>
      </header>
      {notSetUp && (
        <p className="notice small">
          {t('notSetUp')}{' '}
          <a href={optionsUrl} target="_blank" rel="noopener">
            {t('openSettings')}
          </a>
        </p>
      )}
      <div className="tabs" role="tablist" aria-label={t('padViews')}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={view === tab.id}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={view === tab.id ? 0 : -1}
            onClick={() => setView(tab.id)}
            onKeyDown={(event) => {
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (step) focusTab(tabs[(i + step + tabs.length) % tabs.length]?.id ?? 'mine');
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-${view}`} aria-labelledby={`${base}-tab-${view}`} className="tab-panel">
        {view === 'mine' ? <MyPads now={now} /> : <TeamPads now={now} />}
      </div>
    </main>
  );
}

function MyPads({ now }: { now: number }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [shown, setShown] = useState(PAGE);
  // The background searches and sends only what fits on screen: a thousand records stay behind.
  const records = useQuery({
    queryKey: recordsKey(deferred, shown),
    queryFn: () => queries.padRecords({ query: deferred, limit: shown }),
    placeholderData: keepPreviousData,
    // The first page was asked for as the popup opened: not asked again at once.
    staleTime: 2_000,
  });
  const listed = records.data?.records ?? [];
  const anyStored = records.data?.anyStored ?? false;
  // Statuses come from CoderPad, for the pads on screen that may still change, while the popup is open.
  const followed = listed
    .filter((r) => r.status !== 'ended' && r.status !== 'deleted')
    .map((r) => r.padId)
    .slice(0, 10);
  const statuses = useQuery({
    queryKey: ['padStatuses', followed],
    queryFn: () => queries.padStatuses(followed),
    enabled: followed.length > 0,
    refetchInterval: 30_000,
    staleTime: 0,
  });
  const fresh = new Map(statuses.data?.map((r) => [r.padId, r]));
  const visible = listed.map((r) => fresh.get(r.padId) ?? r);
  const listShown = visible.length > 0;
  useEffect(() => {
    // For the benchmark: when the list first reaches the screen.
    if (listShown && performance.getEntriesByName(LIST_SHOWN_MARK).length === 0) performance.mark(LIST_SHOWN_MARK);
  }, [listShown]);

  return (
    <>
      {records.isPending && <p className="muted">{t('loading')}</p>}
      {records.isError && <ErrorAlert error={records.error} onRetry={() => records.refetch()} />}
      {anyStored && (
        <SearchField
          value={query}
          onChange={(value) => {
            setQuery(value);
            setShown(PAGE);
          }}
        />
      )}
      {records.isSuccess && !anyStored && <p className="empty">{t('noPads')}</p>}
      {anyStored && visible.length === 0 && !records.isPlaceholderData && (
        <p className="empty">{t('noPadsMatch', { query: deferred })}</p>
      )}
      {visible.length > 0 && (
        <ul className="pads" aria-label={t('recentPads')}>
          {visible.map((record) => (
            <PadItem key={record.padId} record={record} now={now} />
          ))}
        </ul>
      )}
      {listed.length === shown && (
        <button type="button" className="link-button more" onClick={() => setShown((n) => n + PAGE)}>
          {records.isFetching ? t('loading') : t('showMorePads')}
        </button>
      )}
    </>
  );
}
