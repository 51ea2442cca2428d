import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../../lib/storage/db';
import { padRecordSchema } from '../../../lib/pads/records';
import { LAST_STORAGE_VERSION, moveToDatabase } from '../../../lib/storage/migrations';
import { storedJobShape } from '../../../lib/pad-job/journal';
import { storedRecordShape } from '../../../lib/pads/search';

const SHAPES = { record: storedRecordShape, job: storedJobShape };

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'storage');

describe('moving to the database', () => {
  // Every fixture padRecords.vN.json, from the oldest version, walks into IndexedDB rows.
  const versions = readdirSync(fixtures)
    .map((file) => /^padRecords\.v(\d+)\.json$/.exec(file)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);

  it('has a fixture for every version kept in extension storage', () => {
    expect(versions.sort()).toEqual(Array.from({ length: LAST_STORAGE_VERSION }, (_, i) => i + 1));
  });

  for (const version of versions) {
    it(`moves pad records of version ${version}, setting aside what does not parse`, async () => {
      const old = JSON.parse(readFileSync(join(fixtures, `padRecords.v${version}.json`), 'utf8')) as {
        padId: string;
      }[];
      await fakeBrowser.storage.local.set({ padRecords: [...old, { padId: 'BAD' }], padRecords$: { v: version } });
      expect(await moveToDatabase(SHAPES)).toMatchObject({ records: old.length });
      expect(await fakeBrowser.storage.local.get(['padRecords', 'padRecords$'])).toEqual({});
      const rows = await db().records.toArray();
      expect(rows.map((r) => (r as { padId: string }).padId).sort()).toEqual(old.map((r) => r.padId).sort());
      for (const row of rows) expect(padRecordSchema.safeParse(row).success).toBe(true);
      const written = rows.find((r) => (r as { padId: string }).padId === old[0]?.padId);
      expect(padRecordSchema.parse(written).summary).toMatchObject({ state: 'written', noteId: 'note-17' });
      expect(await db().setAside.toArray()).toEqual([expect.objectContaining({ table: 'records', key: 'BAD' })]);
      // Done twice (a worker stopped half-way), it changes nothing more.
      expect(await moveToDatabase(SHAPES)).toEqual({ records: 0, jobs: 0 });
      expect(await db().records.count()).toBe(old.length);
    });
  }

  it('moves the journal, one row per job', async () => {
    const jobs = JSON.parse(readFileSync(join(fixtures, 'jobs.v1.json'), 'utf8')) as Record<string, unknown>;
    await fakeBrowser.storage.local.set({ jobs });
    expect(await moveToDatabase(SHAPES)).toMatchObject({ jobs: Object.keys(jobs).length });
    expect((await db().jobs.toArray()).map((j) => (j as { pairKey: string }).pairKey).sort()).toEqual(
      Object.keys(jobs).sort(),
    );
    expect(await fakeBrowser.storage.local.get('jobs')).toEqual({});
  });
});
