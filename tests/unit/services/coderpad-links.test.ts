import { describe, expect, it } from 'vitest';
import { isPadUrl, padIdFromUrl } from '../../../lib/services/coderpad/links';
import { trustedPadUrl, trustedPlaybackUrl } from '../../../lib/services/coderpad/links';

describe('pad links', () => {
  it('accepts only https links on CoderPad', () => {
    expect(padIdFromUrl('https://coderpad.io/ABC1234')).toBe('ABC1234');
    expect(padIdFromUrl('https://app.coderpad.io/ABC1234/')).toBe('ABC1234');
    expect(isPadUrl('http://coderpad.io/ABC1234')).toBe(false);
    expect(isPadUrl('https://coderpad.io.evil.example/ABC1234')).toBe(false);
    expect(isPadUrl('https://coderpad.io/ABC1234/playback')).toBe(false);
    expect(isPadUrl('javascript:alert(1)')).toBe(false);
  });
});

describe('trusted links', () => {
  it('takes a pad URL only when it is https on CoderPad with the pad’s own id', () => {
    expect(trustedPadUrl({ id: 'ABCD1', url: 'https://coderpad.io/ABCD1' })).toBe('https://coderpad.io/ABCD1');
    expect(trustedPadUrl({ id: 'ABCD1', url: 'https://app.coderpad.io/ABCD1' })).toBe('https://app.coderpad.io/ABCD1');
    for (const url of [
      'javascript:alert(1)',
      'https://coderpad.io/OTHER',
      'https://coderpad.io/ABCD1?next=https://evil.example',
      'https://user@coderpad.io/ABCD1',
      'https://coderpad.io:8443/ABCD1',
      'http://coderpad.io/ABCD1',
      'data:text/html,x',
    ]) {
      expect(() => trustedPadUrl({ id: 'ABCD1', url }), url).toThrow(
        expect.objectContaining({ kind: 'unexpected_link' }),
      );
    }
  });

  it('takes a playback URL only when it is the pad’s own', () => {
    expect(trustedPlaybackUrl('ABCD1', 'https://coderpad.io/ABCD1/playback')).toBe(
      'https://coderpad.io/ABCD1/playback',
    );
    for (const url of ['https://coderpad.io/OTHER/playback', 'https://evil.example/ABCD1/playback', 'javascript:x']) {
      expect(() => trustedPlaybackUrl('ABCD1', url), url).toThrow(expect.objectContaining({ kind: 'unexpected_link' }));
    }
  });
});
