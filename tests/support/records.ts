import { MAX_PAD_RECORDS, searchRecords } from '../../lib/pads/record-table';
import type { PadRecord } from '../../lib/pads/records';

/** Every pad record kept, newest first, as the popup's list reads them (no query, no page limit). */
export async function everyRecord(): Promise<PadRecord[]> {
  return (await searchRecords('', MAX_PAD_RECORDS)).records;
}
