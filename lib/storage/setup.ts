import { moveToDatabase } from './migrations';

/**
 * Stored data, in the background: records and the journal an older version kept in extension
 * storage move to IndexedDB. The promise settles when that is done (or failed, leaving the old
 * data where it was); nothing else reads stored rows before it.
 */
export function setupStorage(): Promise<void> {
  return moveToDatabase().then(
    () => undefined,
    (error: unknown) => console.warn('PadBridge: moving stored data failed; it was kept as it was', error),
  );
}
