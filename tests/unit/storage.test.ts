import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { padRecordSchema } from '../../lib/records';
import * as store from '../../lib/storage';
import { PAD_RECORDS_VERSION } from '../../lib/storage-migrations';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'storage');

describe('stored items', () => {
  it('reads the fallback when nothing is stored', async () => {
    expect(await store.configurations.get()).toEqual([]);
    expect(await store.leverConnection.get()).toBeNull();
  });

  it('reads a value that does not parse as the fallback, and leaves it in storage', async () => {
    await fakeBrowser.storage.local.set({ configurations: [{ tag: 42 }] });
    expect(await store.configurations.get()).toEqual([]);
    expect((await fakeBrowser.storage.local.get('configurations')).configurations).toEqual([{ tag: 42 }]);
  });

  it('refuses to store a value that does not match its schema', async () => {
    await expect(store.padRecords.set([{ padId: 1 } as never])).rejects.toThrow();
  });

  // Every fixture padRecords.vN.json, from the oldest version, walks to today's shape.
  const versions = readdirSync(fixtures)
    .map((file) => /^padRecords\.v(\d+)\.json$/.exec(file)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);

  it('has a fixture for every version before the current one', () => {
    expect(versions.sort()).toEqual(Array.from({ length: PAD_RECORDS_VERSION - 1 }, (_, i) => i + 1));
  });

  for (const version of versions) {
    it(`migrates pad records from version ${version}`, async () => {
      const old = JSON.parse(readFileSync(join(fixtures, `padRecords.v${version}.json`), 'utf8'));
      await fakeBrowser.storage.local.set({ padRecords: old, padRecords$: { v: version } });
      await store.padRecords.migrate();
      const raw = await fakeBrowser.storage.local.get(['padRecords', 'padRecords$']);
      expect(raw.padRecords$).toEqual({ v: PAD_RECORDS_VERSION });
      for (const record of raw.padRecords as unknown[]) expect(padRecordSchema.safeParse(record).success).toBe(true);
      const records = await store.padRecords.get();
      expect(records).toHaveLength(old.length);
      expect(records[0]?.summary).toEqual({ state: 'written', noteId: 'note-17' });
      expect(records[1]?.summary).toEqual({ state: 'none', noteId: null });
      expect(records.map((r) => r.padId)).toEqual(old.map((r: { padId: string }) => r.padId));
    });
  }
});
