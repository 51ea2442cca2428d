import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { type ActivityEntry, dailyLimitSchema } from '../../lib/auto-mode/state-schema';
import { MAX_DAILY_LIMIT } from '../../lib/policy/managed';
import { ask } from '../../lib/messaging/client';
import type { AutoModeStatus } from '../../lib/messaging/protocol';
import { isPadUrl } from '../../lib/services/coderpad/links';
import { toCsv } from '../../lib/text/csv';
import { describeError } from '../../lib/text/describe-error';
import { t, type MessageKey } from '../../lib/text/i18n';
import { downloadText } from '../../utils/download';
import { ErrorAlert } from '../ErrorAlert';
import { queries, queryKeys } from '../../utils/query';
import { formats, relativeTime } from '../../utils/format';
import { PadLink } from '../PadLink';

/** While this page is open, auto mode's log is read again this often. */
const REFRESH_MS = 10_000;

const resultText = (entry: ActivityEntry) => t(`activity_${entry.result}` as MessageKey);

function ActivityItem({ entry, now }: { entry: ActivityEntry; now: number }) {
  return (
    <li className={`activity activity-${entry.result}`} aria-label={`${entry.candidateName} — ${resultText(entry)}`}>
      <div className="activity-head">
        <a href={entry.candidateUrl} target="_blank" rel="noopener noreferrer">
          <strong>{entry.candidateName}</strong>
        </a>
        <span className="tag">{entry.tag}</span>
        <time
          className="muted small"
          dateTime={new Date(entry.at).toISOString()}
          title={formats().exact.format(entry.at)}
        >
          {relativeTime(entry.at, now)}
        </time>
      </div>
      <div>
        <span className="activity-result">{resultText(entry)}</span>
        {entry.padUrl && isPadUrl(entry.padUrl) && (
          <>
            {' · '}
            <PadLink url={entry.padUrl} candidate={entry.candidateName} />
          </>
        )}
      </div>
      {entry.error && (
        <p className="small">
          {describeError(entry.error)} {entry.result === 'failed' && t('activityWhatToDo')}
        </p>
      )}
    </li>
  );
}

function exportCsv(entries: ActivityEntry[]) {
  const rows = entries.map((e) => [
    new Date(e.at).toISOString(),
    e.candidateName,
    e.candidateUrl,
    e.tag,
    resultText(e),
    e.padUrl,
    e.error ? describeError(e.error) : null,
  ]);
  const header = ['csvWhen', 'csvCandidate', 'csvCandidateUrl', 'csvTag', 'csvResult', 'csvPad', 'csvError'] as const;
  const day = new Date().toISOString().slice(0, 10);
  downloadText(toCsv([header.map((key) => t(key)), ...rows]), `padbridge-activity-${day}.csv`, 'text/csv');
}

/** The day's limit on automatic pads in this browser: editable, unless the policy sets it. */
function DailyLimit({ status }: { status: AutoModeStatus }) {
  const id = useId();
  const client = useQueryClient();
  const [value, setValue] = useState(String(status.dailyLimit));
  const managed = status.policy.dailyLimit !== null;
  const save = useMutation({
    mutationFn: (limit: number) => ask('setAutoDailyLimit', { limit }),
    onSuccess: (next) => client.setQueryData(queryKeys.autoMode, next),
  });
  const parsed = dailyLimitSchema.safeParse(Number(value));
  const invalid = value.trim() === '' || !parsed.success;
  const submit = (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    // Leaving the field saves, and so does Save: one request when the first is still under way.
    if (!invalid && !save.isPending && parsed.data !== status.dailyLimit) save.mutate(parsed.data);
  };
  return (
    <form className="field daily-limit" onSubmit={submit} noValidate>
      <label htmlFor={id}>{t('autoDailyLimitLabel')}</label>
      <div className="row">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_DAILY_LIMIT}
          step={1}
          value={managed ? String(status.dailyLimit) : value}
          readOnly={managed}
          aria-invalid={invalid}
          aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
          onChange={(event) => setValue(event.target.value)}
          onBlur={submit}
        />
        {!managed && (
          <button type="submit" className="secondary" disabled={invalid || save.isPending}>
            {save.isPending ? t('saving') : t('save')}
          </button>
        )}
      </div>
      <div className="hint" id={`${id}-hint`}>
        {t('autoDailyLimitHelp', { started: status.startedToday })} {managed && t('autoDailyLimitManaged')}
      </div>
      {invalid && !managed && (
        <p className="field-error" id={`${id}-error`}>
          {t('autoDailyLimitInvalid')}
        </p>
      )}
      {save.isSuccess && !save.isPending && (
        <p className="muted small" role="status">
          {t('autoDailyLimitSaved')}
        </p>
      )}
      {save.isError && <ErrorAlert error={save.error} onRetry={() => submit()} />}
    </form>
  );
}

/** What auto mode did in this browser: the options page's Activity section. */
export function Activity() {
  const headingId = useId();
  const activity = useQuery({
    queryKey: queryKeys.activity,
    queryFn: queries.activity,
    refetchInterval: REFRESH_MS,
    staleTime: 0,
  });
  const auto = useQuery({ queryKey: queryKeys.autoMode, queryFn: queries.autoMode, refetchInterval: REFRESH_MS });
  const entries = activity.data ?? [];
  const now = Date.now();
  const anyOn = Object.keys(auto.data?.modes ?? {}).length > 0;
  const lastPoll = auto.data?.lastPoll;
  const section = useRef<HTMLElement>(null);
  // The notification opens this page at #activity: the section is drawn after the page loaded,
  // so the browser's own jump to it found nothing.
  useEffect(() => {
    if (window.location.hash === '#activity') section.current?.scrollIntoView();
  }, []);
  return (
    <section className="card" id="activity" aria-labelledby={headingId} ref={section}>
      <div className="row spread">
        <h2 id={headingId}>{t('activityTitle')}</h2>
        <button type="button" className="secondary" onClick={() => exportCsv(entries)} disabled={entries.length === 0}>
          {t('exportCsv')}
        </button>
      </div>
      <p className="muted">{t('activityIntro')}</p>
      {auto.data?.policy.enabled === false && (
        <p className="notice" role="status">
          {t('autoModeOffByPolicy')}
        </p>
      )}
      {auto.data && auto.data.policy.enabled !== false && <DailyLimit status={auto.data} />}
      {anyOn && auto.data && (
        <p className={lastPoll?.error ? 'notice' : 'muted small'} role="status">
          {!lastPoll
            ? t('autoNotPolledYet', { seconds: Math.round(auto.data.pollMinutes * 60) })
            : lastPoll.error?.kind === 'over_quota'
              ? t('autoPausedQuota', { time: relativeTime(lastPoll.at, now) })
              : lastPoll.error?.kind === 'daily_limit' && auto.data.startedToday >= auto.data.dailyLimit
                ? t('autoPausedDailyLimit', { time: relativeTime(lastPoll.at, now), limit: auto.data.dailyLimit })
                : lastPoll.error
                  ? t('autoPollFailed', { time: relativeTime(lastPoll.at, now), error: describeError(lastPoll.error) })
                  : t('autoLastPoll', { time: relativeTime(lastPoll.at, now) })}
        </p>
      )}
      {activity.isPending && <p className="muted">{t('loading')}</p>}
      {activity.isError && <ErrorAlert error={activity.error} onRetry={() => activity.refetch()} />}
      {auto.isError && <ErrorAlert error={auto.error} onRetry={() => auto.refetch()} />}
      {activity.isSuccess && auto.isSuccess && entries.length === 0 && (
        <p className="empty">{t(anyOn ? 'activityEmptyOn' : 'activityEmpty')}</p>
      )}
      {entries.length > 0 && (
        <ul className="activity-list" aria-label={t('activityTitle')}>
          {entries.map((entry) => (
            <ActivityItem key={entry.id} entry={entry} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
