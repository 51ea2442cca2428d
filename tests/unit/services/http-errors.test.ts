import { describe, expect, it } from 'vitest';
import { ApiError, fixedInSettings, isTransient, kindForStatus, toErrorInfo } from '../../../lib/services/http/errors';

describe('http errors', () => {
  it('names each status the way a user can act on it, CoderPad’s 429 being its monthly quota', () => {
    expect([401, 403, 404, 400, 500, 503].map((s) => kindForStatus('lever', s))).toEqual([
      'bad_key',
      'permission',
      'not_found',
      'bad_request',
      'server',
      'server',
    ]);
    expect(kindForStatus('lever', 429)).toBe('rate_limited');
    expect(kindForStatus('coderpad', 429)).toBe('over_quota');
  });

  it('retries only what may pass a moment later, and sends to settings only what is fixed there', () => {
    expect(isTransient('rate_limited')).toBe(true);
    expect(isTransient('network')).toBe(true);
    expect(isTransient('over_quota')).toBe(false);
    expect(isTransient('unconfirmed')).toBe(false);
    expect(fixedInSettings('bad_key')).toBe(true);
    expect(fixedInSettings('unexpected_link')).toBe(false);
  });

  it('turns anything thrown into the serialisable form, recognising a background that is gone', () => {
    const api = new ApiError({ kind: 'permission', service: 'lever', status: 403, detail: 'no', retryAfterMs: 5 });
    expect(toErrorInfo(api)).toEqual({ kind: 'permission', service: 'lever', status: 403, detail: 'no' });
    expect(toErrorInfo(new Error('Could not establish connection. Receiving end does not exist.'))).toEqual({
      kind: 'extension_unreachable',
    });
    expect(toErrorInfo('odd')).toEqual({ kind: 'unknown', detail: 'odd' });
    expect(toErrorInfo({ kind: 'timeout', service: 'coderpad' })).toEqual({ kind: 'timeout', service: 'coderpad' });
  });
});
