import { moveToDatabase, type StoredShapes } from './migrations';

/**
 * Stored data, in the background: records and the journal an older version kept in extension
 * storage move to IndexedDB. The promise settles when that is done (or failed, leaving the old
 * data where it was); nothing else reads stored rows before it. The rows' shapes are their
 * concerns' (`storedRecordShape`, `storedJobShape`), handed in by the background's wiring.
 */
export function setupStorage(shapes: StoredShapes): Promise<void> {
  return moveToDatabase(shapes).then(
    () => undefined,
    (error: unknown) => console.warn('PadBridge: moving stored data failed; it was kept as it was', error),
  );
}
