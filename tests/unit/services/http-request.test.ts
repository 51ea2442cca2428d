import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../lib/services/http/request';

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:10 GMT', Date.parse('Thu, 26 Nov 2026 12:00:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
