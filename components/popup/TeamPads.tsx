import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useRef, useState } from 'react';
import type { TeamCandidate, TeamPad } from '../../lib/pads/team';
import { isPadUrl } from '../../lib/services/coderpad/links';
import { t } from '../../lib/text/i18n';
import { ErrorAlert } from '../ErrorAlert';
import { queries, queryKeys } from '../../utils/query';
import { relativeTime } from '../../utils/format';
import { PadLink } from '../PadLink';
import { SearchField } from './SearchField';

/** Candidates asked for at once; "Show more" asks for as many again. */
const PAGE = 10;
/** The most the popup lists; beyond, Lever itself is the place to look. */
const MAX_SHOWN = 200;

function origin(pad: TeamPad): string {
  if (pad.madeHere) return t('teamMadeHere');
  if (pad.byAutoMode) return t('teamByAutoMode');
  if (pad.byPadBridge) return t('teamByPadBridge');
  return t('teamLinkOnly');
}

function TeamItem({ candidate, now }: { candidate: TeamCandidate; now: number }) {
  return (
    <li className="pad" aria-label={candidate.candidateName}>
      <div className="pad-head">
        <strong>{candidate.candidateName}</strong>
        <span className="muted small">
          {candidate.tags.map((tag) => (
            <span key={tag} className="pad-tag">
              {tag}
            </span>
          ))}
        </span>
      </div>
      <ul className="team-pads">
        {candidate.pads
          .filter((pad) => isPadUrl(pad.url))
          .map((pad) => (
            <li key={pad.url} className="small">
              <PadLink url={pad.url} candidate={candidate.candidateName} />{' '}
              <span className="muted">
                · {origin(pad)}
                {pad.notedAt !== null && <> · {relativeTime(pad.notedAt, now)}</>}
              </span>
            </li>
          ))}
      </ul>
      <div className="row small">
        <a href={candidate.candidateUrl} target="_blank" rel="noopener noreferrer">
          {t('openInLever')}
        </a>
      </div>
    </li>
  );
}

/** The team's pads as Lever holds them (made by colleagues' browsers and by auto mode too). */
export function TeamPads({ now }: { now: number }) {
  const client = useQueryClient();
  const [shown, setShown] = useState(PAGE);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  // Refresh reads Lever again once; other reads may take the background's two-minute copy.
  const freshNext = useRef(false);
  const team = useQuery({
    queryKey: [...queryKeys.teamPads, shown, deferred],
    queryFn: () => {
      const fresh = freshNext.current;
      freshNext.current = false;
      return queries.teamPads({ offset: 0, limit: shown, fresh, query: deferred });
    },
    placeholderData: keepPreviousData,
  });
  const configurations = useQuery({ queryKey: queryKeys.configurations, queryFn: queries.configurations });
  const candidates = team.data?.candidates ?? [];
  const refresh = async () => {
    freshNext.current = true;
    await client.invalidateQueries({ queryKey: queryKeys.teamPads });
  };
  if (configurations.isSuccess && configurations.data.length === 0) {
    return <p className="empty">{t('teamNoConfigurations')}</p>;
  }
  return (
    <>
      <p className="muted small">{t('teamIntro')}</p>
      {team.isPending && <p className="muted">{t('loading')}</p>}
      {team.isError && <ErrorAlert error={team.error} onRetry={() => team.refetch()} />}
      {(query !== '' || candidates.length > 0) && (
        <SearchField
          value={query}
          onChange={(value) => {
            setQuery(value);
            setShown(PAGE);
          }}
        />
      )}
      {team.isSuccess && candidates.length === 0 && !team.isPlaceholderData && (
        <p className="empty">{deferred ? t('noPadsMatch', { query: deferred }) : t('teamEmpty')}</p>
      )}
      {team.data && team.data.confidential > 0 && (
        <p className="muted small" role="status">
          {t('teamConfidential', { count: team.data.confidential })}
        </p>
      )}
      {candidates.length > 0 && (
        <ul className="pads" aria-label={t('teamList')}>
          {candidates.map((candidate) => (
            <TeamItem key={candidate.opportunityId} candidate={candidate} now={now} />
          ))}
        </ul>
      )}
      <div className="row small">
        {team.data && <span className="muted">{t('teamReadAt', { time: relativeTime(team.data.readAt, now) })}</span>}
        <button type="button" className="link-button" onClick={() => void refresh()} disabled={team.isFetching}>
          {team.isFetching && !team.isPending ? t('loading') : t('refresh')}
        </button>
        {team.data && candidates.length < team.data.total && shown < MAX_SHOWN && (
          <button type="button" className="link-button" onClick={() => setShown((n) => n + PAGE)}>
            {t('showMorePads')}
          </button>
        )}
      </div>
    </>
  );
}
