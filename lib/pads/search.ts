import type { PadRecord } from './records';

/*
 * The popup's search, by word prefix over the candidate's name and the tag: each record's row
 * carries its words (`terms`, a multi-entry index), so a search reads the index, not every row.
 * "ada lov" finds "Ada Lovelace"; accents and case do not matter.
 */

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

/** A record's words; read defensively, as the upgrade of old rows calls it on whatever is stored. */
export function searchTerms(record: { candidateName?: unknown; tag?: unknown }): string[] {
  return searchWords(`${String(record.candidateName ?? '')} ${String(record.tag ?? '')}`);
}

/** The row stored for a record: the record and its words. */
export function storedRecordRow(record: PadRecord): PadRecord & { terms: string[] } {
  return { ...record, terms: searchTerms(record) };
}

/** Whether every word of the query begins one of the record's words. */
export function matchesSearch(record: PadRecord, query: string[]): boolean {
  const terms = searchTerms(record);
  return query.every((word) => terms.some((term) => term.startsWith(word)));
}
