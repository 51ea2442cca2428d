import type { ErrorInfo } from '../services/http/errors';
import { toErrorInfo } from '../services/http/errors';

/** What every request to the background answers: a value, or an error a UI can act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: unknown): Result<never> => ({ ok: false, error: toErrorInfo(error) });

/** Turns a Result back into a value or a thrown error (what TanStack Query wants). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw Object.assign(new Error(result.error.detail ?? result.error.kind), { info: result.error });
}

export function errorInfoOf(error: unknown): ErrorInfo {
  if (error && typeof error === 'object' && 'info' in error) return toErrorInfo((error as { info: unknown }).info);
  return toErrorInfo(error);
}
