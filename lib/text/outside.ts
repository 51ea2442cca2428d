/*
 * Text from outside — a name typed by whoever joins a pad, the candidate included — before it is
 * written into Lever under a recruiter's name: on one line, without links or markup, short. A
 * name cannot then add lines to a note ("Interviewer verdict: …"), nor a pad link that would make
 * auto mode take the candidate for one who has a pad.
 */

/** The longest title (a question's, a stage's) kept in a note; longer ones are cut, with an ellipsis. */
export const MAX_TITLE_LENGTH = 120;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/**
 * A title from outside (a CoderPad question's, a Lever stage's, a candidate's name) for one line of
 * a note: line breaks and control characters become spaces, and a link loses its scheme, so it can
 * neither start a line of its own nor be taken for a pad link.
 */
export function outsideLine(raw: string, max = MAX_TITLE_LENGTH): string {
  const line = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\//gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cut(line, max);
}

/** The longest name kept; longer ones are cut, with an ellipsis. */
export const MAX_NAME_LENGTH = 60;
/** The most names listed; the rest are counted. */
export const MAX_NAMES = 10;

/** A display name from outside, reduced to letters, digits, spaces and the punctuation names use. */
export function outsideName(raw: string): string {
  const kept = raw
    .normalize('NFC')
    // Line breaks, tabs, control and invisible formatting characters become spaces.
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    // Nothing a link, a list or markup is made of: no slashes, colons, commas, brackets …
    .replace(/[^\p{L}\p{M}\p{N} .'’\-_()]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cut(kept, MAX_NAME_LENGTH);
}

/** Display names from outside, cleaned, without blanks or repeats, at most MAX_NAMES, and how many more there were. */
export function outsideNames(raw: readonly string[]): { names: string[]; more: number } {
  const names = [...new Set(raw.map(outsideName).filter(Boolean))];
  return { names: names.slice(0, MAX_NAMES), more: Math.max(0, names.length - MAX_NAMES) };
}
