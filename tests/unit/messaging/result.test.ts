import { describe, expect, it } from 'vitest';
import { errorInfoOf, fail, ok, unwrap } from '../../../lib/messaging/result';
import { ApiError } from '../../../lib/services/http/errors';

describe('results', () => {
  it('carries a value, or an error a page can act on, across the message boundary', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail(new ApiError({ kind: 'not_found', service: 'coderpad' }))).toEqual({
      ok: false,
      error: { kind: 'not_found', service: 'coderpad' },
    });
  });

  it('unwraps to the value, or throws an error that still carries the ErrorInfo', () => {
    expect(unwrap(ok('x'))).toBe('x');
    const thrown = (() => {
      try {
        unwrap(fail(new ApiError({ kind: 'bad_key', service: 'lever', detail: 'Invalid API key' })));
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(Error);
    expect(errorInfoOf(thrown)).toEqual({ kind: 'bad_key', service: 'lever', detail: 'Invalid API key' });
  });
});
