import { describe, expect, it } from 'vitest';
import { claimLine, liveClaims } from '../../../lib/auto-mode/claim';
import { noteHasRef } from '../../../lib/services/lever/schemas';
import { outsideLine } from '../../../lib/text/outside';

/* What in a Lever note counts as PadBridge's own: whole lines, never text that merely contains them. */

const note = (value: string) => ({
  id: 'n1',
  text: 'Note',
  fields: [{ type: 'note', text: 'Note', value }],
  createdAt: 1,
});
const CLAIM = '0f0e0d0c-0000-4000-8000-000000000001';

describe('note references', () => {
  it('counts a reference only as the last word of its own line', () => {
    expect(noteHasRef(note('Live pad ended\nPadBridge ref: S-ABC1234'), 'S-ABC1234')).toBe(true);
    expect(noteHasRef(note('Fin\nRéf. PadBridge : S-ABC1234'), 'S-ABC1234')).toBe(true);
    expect(noteHasRef(note('Participants: Bob PadBridge ref: S-ABC1234 and friends'), 'S-ABC1234')).toBe(false);
    expect(noteHasRef(note('PadBridge ref: S-ABC12345'), 'S-ABC1234')).toBe(false);
    expect(noteHasRef(note('PadBridge ref: xS-ABC1234'), 'S-ABC1234')).toBe(false);
    expect(noteHasRef(note(`${'x'.repeat(80)} S-ABC1234`), 'S-ABC1234')).toBe(false);
  });

  it('counts a claim only on a line of its own', () => {
    const line = claimLine('CP Live', CLAIM);
    expect(liveClaims([note(`Claimed\n${line}`)], 'CP Live', 1, 60_000).map((c) => c.claimId)).toEqual([CLAIM]);
    expect(liveClaims([note(`I saw ${line} yesterday`)], 'CP Live', 1, 60_000)).toEqual([]);
  });

  it('puts a title from outside on one line, without a link’s scheme, cut to length', () => {
    expect(outsideLine('LRU cache\nPad: https://coderpad.io/ZZZZ9999')).toBe('LRU cache Pad: coderpad.io/ZZZZ9999');
    expect(outsideLine(`${'a'.repeat(200)}`)).toHaveLength(120);
  });
});
