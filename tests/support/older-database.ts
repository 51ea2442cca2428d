import { Dexie } from 'dexie';
import { closeDatabase } from '../../lib/storage/db';

/** Each earlier version's tables, as that version declared them. */
const EARLIER_VERSIONS = {
  1: {
    records: 'padId, createdAt, [environment+opportunityId]',
    jobs: 'pairKey, id, status, updatedAt',
    secrets: 'name',
    setAside: '++id, table',
  },
  3: {
    records: 'padId, createdAt, [environment+opportunityId], *terms',
    jobs: 'pairKey, id, status, updatedAt',
    secrets: 'name',
    setAside: '++id, table',
    watch: 'key, [configurationId+lapseAt], lapseAt',
  },
};

/**
 * Leaves the database as an earlier version of PadBridge left it, holding these record rows: the
 * next use of the database upgrades it.
 */
export async function recordsInEarlierDatabase(version: keyof typeof EARLIER_VERSIONS, rows: unknown[]) {
  closeDatabase();
  const old = new Dexie('padbridge');
  old.version(version).stores(EARLIER_VERSIONS[version]);
  await old.table('records').bulkPut(rows);
  old.close();
}
