// zod/mini: these schemas are part of the content script, which every Lever page loads.
import { z } from 'zod/mini';

/**
 * What went wrong, in terms a UI can act on. Every failure of a call to Lever or
 * CoderPad ends up as one of these kinds.
 */
export const errorKindSchema = z.enum([
  'bad_key',
  'permission',
  'not_found',
  'rate_limited',
  'over_quota',
  'bad_request',
  'server',
  'network',
  'timeout',
  'invalid_response',
  'archived',
  'not_connected',
  'wrong_environment',
  'extension_unreachable',
  /** A pad request may have made a pad that the pad list does not show (yet). */
  'unconfirmed',
  /** CoderPad answered with a link that is not the pad's own: nothing of it is used. */
  'unexpected_link',
  /** A stored value could not be read; it is kept as it is until the admin acts. */
  'stored_data_invalid',
  /** The configuration's stage is no longer among Lever's stages. */
  'stage_missing',
  /** Lever refused a job's stage move after its pad was made: the stage was deleted since it was last read. */
  'stage_removed',
  /** The configuration's CoderPad question no longer exists (CoderPad refused the pad: nothing made). */
  'question_missing',
  /** A list ran past the pages PadBridge reads at once: refused whole rather than used in part. */
  'list_too_long',
  /** The configuration was deleted. */
  'configuration_missing',
  /** The page's address names an application that is not the page's person's: nothing is read of it. */
  'other_person',
  /** Auto mode in another browser claimed this candidate's pad first: it makes it. */
  'claimed_elsewhere',
  /** Auto mode made as many pads today as this browser's daily limit allows (`detail`: the limit). */
  'daily_limit',
  /** The organisation's policy fixes this setting: only its IT can change it. */
  'managed',
  'unknown',
]);
export type ErrorKind = z.infer<typeof errorKindSchema>;

export const serviceSchema = z.enum(['lever', 'coderpad']);
export type Service = z.infer<typeof serviceSchema>;

/** The serialisable form of an error: what crosses the message boundary and what is journaled. */
export const errorInfoSchema = z.object({
  kind: errorKindSchema,
  service: z.optional(serviceSchema),
  status: z.optional(z.number()),
  /** The service's own words (e.g. "Invalid API key"), when it gave any. */
  detail: z.optional(z.string()),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly service?: Service;
  readonly status?: number;
  readonly detail?: string;
  /** Milliseconds the service asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs?: number;

  constructor(info: ErrorInfo & { retryAfterMs?: number }) {
    super(
      `${info.service ?? 'extension'}: ${info.kind}${info.status ? ` (${info.status})` : ''}${info.detail ? `: ${info.detail}` : ''}`,
    );
    this.name = 'ApiError';
    this.kind = info.kind;
    this.service = info.service;
    this.status = info.status;
    this.detail = info.detail;
    this.retryAfterMs = info.retryAfterMs;
  }

  toInfo(): ErrorInfo {
    return { kind: this.kind, service: this.service, status: this.status, detail: this.detail };
  }
}

/** What Chromium says when a page's message finds no background (reloaded, updated, or stopping). */
const UNREACHABLE = /Receiving end does not exist|Extension context invalidated|message port closed/i;

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ApiError) return error.toInfo();
  const parsed = errorInfoSchema.safeParse(error);
  if (parsed.success) return parsed.data;
  if (error instanceof Error && UNREACHABLE.test(error.message)) return { kind: 'extension_unreachable' };
  return { kind: 'unknown', detail: error instanceof Error ? error.message : String(error) };
}

/** Kinds an admin fixes in PadBridge's settings (a key, its permissions, the environment). */
export function fixedInSettings(kind: ErrorKind): boolean {
  return kind === 'bad_key' || kind === 'permission' || kind === 'not_connected' || kind === 'wrong_environment';
}

/** Kinds worth trying again automatically: the request may succeed a moment later. */
export function isTransient(kind: ErrorKind): boolean {
  return kind === 'rate_limited' || kind === 'server' || kind === 'network' || kind === 'timeout';
}

export function kindForStatus(service: Service, status: number): ErrorKind {
  if (status === 401) return 'bad_key';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  // CoderPad's 429 means the monthly pad allowance is used up, not a request-rate limit.
  if (status === 429) return service === 'coderpad' ? 'over_quota' : 'rate_limited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'bad_request';
  return 'invalid_response';
}

/** A refusal: the service answered 4xx, so it acted on nothing (anything else may have been acted on). */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status !== undefined && error.status >= 400 && error.status < 500;
}
