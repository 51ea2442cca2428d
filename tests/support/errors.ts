import { expect } from 'vitest';
import { ApiError } from '../../lib/services/http/errors';

/** The ApiError a call ends with (and a failed test when it succeeds or throws something else). */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}
