/**
 * The extension's stored data, reached from one of its own pages in a real browser (the e2e
 * suite and the benchmark): extension storage, and PadBridge's IndexedDB opened with the plain
 * IndexedDB API, as any page of the extension may.
 *
 * `extensionData` is evaluated inside the page, so it must stay self-contained.
 */
export interface ExtensionDataRequest {
  /** Empties extension storage and every table of the database. */
  clear?: boolean;
  /** chrome.storage.local items to set. */
  storage?: Record<string, unknown>;
  /** Rows to put, by table. */
  rows?: Record<string, unknown[]>;
  /** Tables to read back whole. */
  read?: string[];
}

export async function extensionData(request: ExtensionDataRequest): Promise<Record<string, unknown[]>> {
  // The database first, extension storage after: the background moves keys it finds in extension
  // storage into the database, and a move between the two would be undone by clearing the tables.
  const result = await databaseRows(request);
  if (request.clear) {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
  }
  if (request.storage) await chrome.storage.local.set(request.storage);
  return result;

  async function databaseRows(request: ExtensionDataRequest): Promise<Record<string, unknown[]>> {
    const opening = indexedDB.open('padbridge');
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    const tables = [...database.objectStoreNames];
    const result: Record<string, unknown[]> = {};
    try {
      if (tables.length === 0) return result;
      const transaction = database.transaction(tables, 'readwrite');
      const done = new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      for (const name of tables) {
        const table = transaction.objectStore(name);
        if (request.clear) table.clear();
        for (const row of request.rows?.[name] ?? []) table.put(row);
        if (request.read?.includes(name)) {
          const all = table.getAll();
          all.onsuccess = () => {
            result[name] = all.result;
          };
        }
      }
      await done;
    } finally {
      database.close();
    }
    return result;
  }
}
