import pRetry from 'p-retry';
import type { z } from 'zod';
import { ApiError, isTransient, kindForStatus, type Service } from './errors';
import { observeServerDate } from './server-clock';
import type { BackgroundLane, Limiter } from './limiter';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  service: Service;
  /** The fetch to use; the service worker's own by default. */
  fetch?: FetchLike;
  /** Per attempt. */
  timeoutMs?: number;
  /** Further attempts after the first, for transient failures. */
  retries?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After we are willing to honour before giving up. */
  maxRetryAfterMs?: number;
  /** Every attempt (retries included) waits its turn here. */
  limiter?: Limiter;
  /** The lane this key's background requests (priority below 0) take, slowed by each 429. */
  lane?: BackgroundLane;
}

export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  schema: z.ZodType<T>;
  /**
   * Whether sending the request twice is harmless. A request that is not is only retried
   * when the service certainly did not act on it (429).
   */
  idempotent: boolean;
  /** Higher runs first when the limiter has a queue. */
  priority?: number;
}

export type Http = <T>(spec: RequestSpec<T>) => Promise<T>;

const errorBodyMessage = (body: unknown): string | undefined => {
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') return body.message;
  return undefined;
};

/** Parses Retry-After given as seconds or as an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A recruiter's request refused for the rate tries again this many times in all, 100–200 ms after a refusal, before the backoff. */
const QUICK_RETRIES = 3;
const QUICK_RETRY_MS = 100;

/** A failure while sending, or while reading the answer: the service may or may not have acted. */
function transportError(error: unknown, service: Service): ApiError {
  if (error instanceof ApiError) return error;
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  return new ApiError({
    kind: timedOut ? 'timeout' : 'network',
    service,
    detail: error instanceof Error ? error.message : undefined,
  });
}

async function readJson(response: Response, service: Service): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The answer began but never arrived whole (the connection broke, or the time ran out).
    throw transportError(error, service);
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError({ kind: 'invalid_response', service, status: response.status, detail: 'not JSON' });
  }
}

/** What sends one try: the service it speaks to, the fetch, the time a try may take. */
interface Sender {
  service: Service;
  doFetch: FetchLike;
  timeoutMs: number;
}

/** One try of a request: sent, its answer read and checked against the schema. */
async function attempt<T>(sender: Sender, spec: RequestSpec<T>): Promise<T> {
  const { service, doFetch, timeoutMs } = sender;
  let response: Response;
  const sentAt = Date.now();
  try {
    response = await doFetch(spec.url, {
      method: spec.method,
      headers: { Accept: 'application/json', ...spec.headers },
      body: spec.body,
      signal: AbortSignal.timeout(timeoutMs),
      credentials: 'omit',
      cache: 'no-store',
      // An API answer never moves: a redirect is refused rather than followed elsewhere.
      redirect: 'error',
    });
  } catch (error) {
    throw transportError(error, service);
  }
  observeServerDate(service, response.headers.get('Date'), sentAt, Date.now());

  if (!response.ok) {
    const body = await readJson(response, service).catch(() => undefined);
    throw new ApiError({
      kind: kindForStatus(service, response.status),
      service,
      status: response.status,
      detail: errorBodyMessage(body),
      // A Retry-After date is on the service's clock: measured from its own Date header.
      retryAfterMs: parseRetryAfter(
        response.headers.get('Retry-After'),
        Date.parse(response.headers.get('Date') ?? '') || Date.now(),
      ),
    });
  }

  const json = await readJson(response, service);
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'response';
    throw new ApiError({
      kind: 'invalid_response',
      service,
      status: response.status,
      detail: `${where}: ${issue?.message ?? 'unexpected shape'}`,
    });
  }
  return parsed.data;
}

/**
 * A recruiter's request Lever refused for its rate, without a Retry-After, tries again after
 * about a token's time (Lever's bucket refills ten times a second), a few times, before the
 * usual backoff: it does not wait half a second behind a team's background reads.
 */
async function recruiterAttempt<T>(
  lane: BackgroundLane | undefined,
  once: () => Promise<T>,
  quick: { left: number },
): Promise<T> {
  for (;;) {
    try {
      return await once();
    } catch (error) {
      const refused = error instanceof ApiError && error.kind === 'rate_limited' && error.retryAfterMs === undefined;
      if (!refused || quick.left <= 0) throw error;
      quick.left -= 1;
      lane?.slower();
      await sleep(QUICK_RETRY_MS + Math.random() * QUICK_RETRY_MS);
    }
  }
}

export function createHttp(options: HttpOptions): Http {
  const {
    service,
    timeoutMs = 15_000,
    retries = 4,
    minDelayMs = 250,
    maxDelayMs = 8_000,
    maxRetryAfterMs = 60_000,
    limiter,
    lane,
  } = options;
  const sender: Sender = {
    service,
    timeoutMs,
    doFetch: options.fetch ?? ((input, init) => fetch(input, init)),
  };

  return function request<T>(spec: RequestSpec<T>): Promise<T> {
    const background = (spec.priority ?? 0) < 0;
    // The quick tries are the request's, not each attempt's: a refusal that lasts meets the backoff.
    const quick = { left: QUICK_RETRIES };
    const queued = async () => {
      // A background read waits for its lane outside the queue: what a recruiter waits for goes first.
      if (background) await lane?.turn();
      const once = () =>
        limiter ? limiter.add(spec.url, () => attempt(sender, spec), spec.priority ?? 0) : attempt(sender, spec);
      const answer = background ? once() : recruiterAttempt(lane, once, quick);
      if (background) {
        // Any answer but a 429 (an error included) says Lever took the request.
        await answer.then(
          () => lane?.faster(),
          (error: unknown) => {
            if (!(error instanceof ApiError && error.kind === 'rate_limited')) lane?.faster();
          },
        );
      }
      return answer;
    };

    return pRetry(queued, {
      retries,
      minTimeout: minDelayMs,
      maxTimeout: maxDelayMs,
      factor: 2,
      randomize: true,
      shouldRetry: ({ error }) => {
        if (!(error instanceof ApiError) || !isTransient(error.kind)) return false;
        if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) return false;
        // A 429 was refused before the service did anything; anything else may have been acted on.
        return spec.idempotent || error.kind === 'rate_limited';
      },
      onFailedAttempt: async ({ error }) => {
        // Any 429, a recruiter's too: the team's background slows down.
        if (error instanceof ApiError && error.kind === 'rate_limited') lane?.slower(error.retryAfterMs);
        if (error instanceof ApiError && error.retryAfterMs && error.retryAfterMs <= maxRetryAfterMs) {
          await sleep(error.retryAfterMs);
        }
      },
    });
  };
}
