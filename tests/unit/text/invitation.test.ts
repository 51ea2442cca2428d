import { describe, expect, it } from 'vitest';
import { invitationMailto } from '../../../lib/text/invitation';

describe('invitation e-mail', () => {
  it('words live and take-home invitations differently and encodes them', () => {
    const live = invitationMailto({
      email: 'a@b.example',
      candidateName: 'Ada Lovelace',
      padType: 'live',
      url: 'https://coderpad.io/X1',
    });
    const takeHome = invitationMailto({
      email: 'a@b.example',
      candidateName: 'Ada Lovelace',
      padType: 'take_home',
      url: 'https://coderpad.io/X1',
    });
    expect(live).toMatch(/^mailto:a%40b\.example\?subject=Your%20CoderPad%20interview&body=Hello%20Ada%2C/);
    expect(decodeURIComponent(takeHome)).toContain('take-home test');
    expect(decodeURIComponent(takeHome)).toContain('https://coderpad.io/X1');
  });
});
