/*
 * The words a search finds a pad by, by word prefix over the candidate's name and the tag. Each record's row
 * carries `terms`: for every word, each of its beginnings (up to PREFIX_MAX characters) followed by
 * the record's age, newest first. A multi-entry index on them answers "the newest records with a
 * word beginning with …" by reading the first keys of one index range, never every row.
 * "ada lov" finds "Ada Lovelace"; accents and case do not matter.
 */

/** Longer words are looked up by their first PREFIX_MAX characters, then checked whole. */
export const PREFIX_MAX = 12;
const SEPARATOR = '\u0000';
/** Sorts before every older record: the index range is read newest first. */
const age = (createdAt: number) => String(Math.max(0, 1e13 - Math.floor(createdAt))).padStart(13, '0');

/** Lower case, without accents: "Élodie" and "elodie" are one word to a search. */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export function searchWords(text: string): string[] {
  return [
    ...new Set(
      fold(text)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ];
}

/** A record's words; read defensively, as the search and the upgrade of old rows see whatever is stored. */
function wordsOf(record: { candidateName?: unknown; tag?: unknown }): string[] {
  return searchWords(`${String(record.candidateName ?? '')} ${String(record.tag ?? '')}`);
}

/** The index entry of a word's beginning for a record made at `createdAt`. */
export function entryFor(beginning: string, createdAt: number): string {
  return `${beginning.slice(0, PREFIX_MAX)}${SEPARATOR}${age(createdAt || 0)}`;
}

/** The index entries of a record: each beginning of each word, with its age. */
export function searchTerms(record: { candidateName?: unknown; tag?: unknown; createdAt?: unknown }): string[] {
  const createdAt = Number(record.createdAt) || 0;
  const terms = new Set<string>();
  for (const word of wordsOf(record)) {
    for (let end = 1; end <= Math.min(word.length, PREFIX_MAX); end++)
      terms.add(entryFor(word.slice(0, end), createdAt));
  }
  return [...terms];
}

/** The index range holding the records with a word that begins with `word`, newest first. */
export function termRange(word: string): [string, string] {
  const prefix = word.slice(0, PREFIX_MAX);
  return [`${prefix}${SEPARATOR}`, `${prefix}${SEPARATOR}\uffff`];
}

/** Whether every word of the query begins one of the record's words (a stored row, read as it is). */
export function matchesSearch(record: { candidateName?: unknown; tag?: unknown }, query: string[]): boolean {
  const words = wordsOf(record);
  return query.every((word) => words.some((term) => term.startsWith(word)));
}
