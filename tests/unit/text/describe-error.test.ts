import { describe, expect, it } from 'vitest';
import { describeError } from '../../../lib/text/describe-error';

describe('errors in words', () => {
  it('names the service and quotes its own words', () => {
    expect(describeError({ kind: 'bad_key', service: 'lever', detail: 'Invalid API key' })).toBe(
      'Lever refused the API key (“Invalid API key”). Check it and try again.',
    );
    expect(describeError({ kind: 'network', service: 'coderpad' })).toMatch(/^Could not reach CoderPad\./);
  });

  it('translates details that are themselves messages, and says which environment is connected', () => {
    expect(describeError({ kind: 'bad_request', detail: 'errTagCharacters' })).toContain(
      'A tag cannot contain commas or control characters.',
    );
    expect(describeError({ kind: 'wrong_environment', detail: 'eu' })).toContain('(eu)');
    expect(describeError({ kind: 'unconfirmed', service: 'coderpad' })).toMatch(/Keep looking/);
  });
});
