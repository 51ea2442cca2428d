import { useEffect, useState } from 'react';
import type { CandidateContext } from '../../lib/messaging/protocol';
import type { Result } from '../../lib/messaging/result';
import type { ErrorInfo } from '../../lib/services/http/errors';
import type { CandidateApi } from './api';

/** How long a candidate's context read on one page serves the same page reached again in-app. */
const FRESH_MS = 30_000;

export type CandidateQuery = (
  | { status: 'pending'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: CandidateContext; error?: undefined }
  | { status: 'failed'; data?: undefined; error: ErrorInfo }
) & { reload(): void };

type State = Omit<CandidateQuery, 'reload'>;
interface Entry {
  at: number;
  result: Promise<Result<CandidateContext>>;
}

/** One cache per API (one per content script; each test has its own): Lever's key → the read. */
const caches = new WeakMap<CandidateApi, Map<string, Entry>>();

function cacheOf(api: CandidateApi): Map<string, Entry> {
  const cache = caches.get(api) ?? new Map<string, Entry>();
  caches.set(api, cache);
  return cache;
}

/**
 * The candidate's context (configurations, existing pads, running jobs), asked for when the page
 * opens. Kept for half a minute so that going back to a candidate in Lever shows the menu at once;
 * a failure is never kept, and `reload` always asks again. The content script's own small cache:
 * a query library would cost the widget more bytes than it saves lines.
 */
export function useCandidateContext(
  api: CandidateApi,
  key: string,
  opportunityId: string,
  /** The application wanted among the page person's own (the background refuses any other). */
  applicationId?: string,
  /** The person's other applications are read too. */
  withApplications = false,
): CandidateQuery {
  const [state, setState] = useState<State>({ status: 'pending' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    const cache = cacheOf(api);
    const cached = cache.get(key);
    let entry = cached;
    if (!entry || round > 0 || Date.now() - entry.at > FRESH_MS) {
      entry = { at: Date.now(), result: api.prepareCandidate({ opportunityId, applicationId, withApplications }) };
      cache.set(key, entry);
      if (round > 0) setState({ status: 'pending' });
    }
    let current = true;
    const read = entry;
    void read.result.then((result) => {
      if (!result.ok && cache.get(key) === read) cache.delete(key);
      if (!current) return;
      setState(result.ok ? { status: 'ready', data: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [api, key, opportunityId, applicationId, withApplications, round]);

  return { ...state, reload: () => setRound((n) => n + 1) } as CandidateQuery;
}
