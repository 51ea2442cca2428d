import { type PadRecord, padRecordSchema } from './records';
import { searchTerms } from '../text/search';

/** The row stored for a record: the record and its search index entries (lib/text/search.ts). */
export function storedRecordRow(record: PadRecord): PadRecord & { terms: string[] } {
  return { ...record, terms: searchTerms(record) };
}

/** A record's row as stored data moved from an older version is checked and written. */
export const storedRecordShape = {
  schema: padRecordSchema,
  toRow: (value: unknown) => storedRecordRow(value as PadRecord),
};
