import type { Note } from '../services/lever/schemas';
import { noteCreatedAt, noteLines } from '../services/lever/schemas';
import { DEFAULT_NOTE_LANGUAGE, type NoteLanguage, translator } from '../text/note-language';

/*
 * Claims: how browsers that share one Lever account agree, through Lever alone, on which of them
 * makes a candidate's pad (the design and its failure cases are in docs/auto-mode.md).
 *
 * A claim is a note on the opportunity carrying a line no recruiter writes by hand:
 * `padbridge-claim:<tag, URI-encoded>:<claim id>`, in whatever language the note's words are.
 * Claims on the same tag are ordered by the time Lever gives their notes (the same for every
 * reader), then by claim id; the first one still live wins.
 */

/** A claim line, alone on its line (a claim quoted inside other text does not count). */
const CLAIM_LINE = /^padbridge-claim:([A-Za-z0-9%._~!*'()-]+):([0-9a-f-]{36})$/;

export const claimLine = (tag: string, claimId: string) => `padbridge-claim:${encodeURIComponent(tag)}:${claimId}`;

/** The claim note, its words in the language chosen for notes (its claim line is the same in any). */
export function claimNoteText(tag: string, claimId: string, language: NoteLanguage = DEFAULT_NOTE_LANGUAGE): string {
  return `${translator(language)('leverNoteClaim', { tag })}\n${claimLine(tag, claimId)}`;
}

export interface Claim {
  claimId: string;
  /** When Lever says its first note was written; a note without a time sorts last. */
  at: number;
  /** When its latest note was written: a browser still at work renews its claim, which lapses from there. */
  last: number;
}

/** Every claim on this tag among the candidate's notes, live or lapsed, in no particular order. */
export function claimsOnTag(notes: Note[], tag: string): Claim[] {
  const wanted = encodeURIComponent(tag);
  const found = new Map<string, Claim>();
  for (const note of notes) {
    const at = noteCreatedAt(note) ?? Number.POSITIVE_INFINITY;
    for (const line of noteLines(note)) {
      const match = CLAIM_LINE.exec(line);
      if (!match) continue;
      const [, tagPart, claimId] = match;
      if (tagPart !== wanted || !claimId) continue;
      // The same claim written again (a retried write, a renewal) counts from its first time and
      // lapses from its latest.
      const earlier = found.get(claimId);
      found.set(claimId, {
        claimId,
        at: Math.min(at, earlier?.at ?? at),
        last: Math.max(at, earlier?.last ?? at),
      });
    }
  }
  return [...found.values()];
}

const isLive = (claim: Claim, now: number, ttlMs: number) =>
  claim.last === Number.POSITIVE_INFINITY || now - claim.last <= ttlMs;

/**
 * The live claims on this tag among the candidate's notes, in the order that decides: Lever's
 * time, then claim id. A claim not written again for `ttlMs` no longer holds.
 */
export function liveClaims(notes: Note[], tag: string, now: number, ttlMs: number): Claim[] {
  return claimsOnTag(notes, tag)
    .filter((claim) => isLive(claim, now, ttlMs))
    .sort((a, b) => a.at - b.at || a.claimId.localeCompare(b.claimId));
}

/**
 * The claims that lapsed: a browser that went away, or a claim written by hand. Before anyone
 * takes their candidate over, CoderPad is searched for a pad carrying one of them.
 */
export const lapsedClaims = (notes: Note[], tag: string, now: number, ttlMs: number): Claim[] =>
  claimsOnTag(notes, tag).filter((claim) => !isLive(claim, now, ttlMs));

/** Whose claim wins: the first live one. */
export const winningClaim = (notes: Note[], tag: string, now: number, ttlMs: number): string | undefined =>
  liveClaims(notes, tag, now, ttlMs)[0]?.claimId;
