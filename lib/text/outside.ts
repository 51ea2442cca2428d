/*
 * Text from outside — a name typed by whoever joins a pad, the candidate included — before it is
 * written into Lever under a recruiter's name: on one line, without links or markup, short. A
 * name cannot then add lines to a note ("Interviewer verdict: …"), nor a pad link that would make
 * auto mode take the candidate for one who has a pad.
 */

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
  return kept.length > MAX_NAME_LENGTH ? `${kept.slice(0, MAX_NAME_LENGTH - 1).trimEnd()}…` : kept;
}

/** Display names from outside, cleaned, without blanks or repeats, at most MAX_NAMES, and how many more there were. */
export function outsideNames(raw: readonly string[]): { names: string[]; more: number } {
  const names = [...new Set(raw.map(outsideName).filter(Boolean))];
  return { names: names.slice(0, MAX_NAMES), more: Math.max(0, names.length - MAX_NAMES) };
}
