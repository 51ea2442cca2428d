import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { changeConfigurations, readConfigurations } from '../../lib/configurations/store';
import { db } from '../../lib/storage/db';
import { padRecordSchema } from '../../lib/pads/records';
import { putRecord, recordsSince, searchRecords, updateRecord } from '../../lib/pads/store';
import * as store from '../../lib/storage/items';
import { LAST_STORAGE_VERSION, moveToDatabase } from '../../lib/storage/migrations';
import { connectedStorage, LIVE_CONFIGURATION, padRecord } from '../fixtures/seeded';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'storage');

describe('keys', () => {
  it('live in the extension database, never in extension storage a content script can read', async () => {
    const { lever } = connectedStorage();
    await store.leverConnection.set(lever as never);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect((await db().secrets.get('lever'))?.value).toMatchObject({ apiKey: 'lever-sandbox-key' });
    expect(await store.leverConnection.get()).toMatchObject({ apiKey: 'lever-sandbox-key' });
  });

  it('move out of extension storage, where an older version kept them, on first read', async () => {
    await fakeBrowser.storage.local.set({ coderpad: connectedStorage().coderpad });
    expect(await store.coderpadConnection.get()).toMatchObject({ apiKey: 'coderpad-sandbox-key' });
    expect(await fakeBrowser.storage.local.get('coderpad')).toEqual({});
    expect((await db().secrets.get('coderpad'))?.value).toMatchObject({ apiKey: 'coderpad-sandbox-key' });
  });
});

describe('configurations', () => {
  it('read element by element: an unreadable one is reported, and no change overwrites it', async () => {
    const stored = [LIVE_CONFIGURATION, { tag: 42 }];
    await fakeBrowser.storage.local.set({ configurations: stored });
    const { configurations, problems } = await readConfigurations();
    expect(configurations).toEqual([LIVE_CONFIGURATION]);
    expect(problems).toEqual([{ index: 1, reason: expect.stringContaining('id') }]);
    await expect(changeConfigurations(() => ({ next: [], value: null }))).rejects.toMatchObject({
      kind: 'stored_data_invalid',
    });
    expect((await fakeBrowser.storage.local.get('configurations')).configurations).toEqual(stored);
  });

  it('serialise concurrent changes: none is lost', async () => {
    const add = (n: number) =>
      changeConfigurations((all) => ({
        next: [...all, { ...LIVE_CONFIGURATION, id: crypto.randomUUID(), tag: `Tag ${n}` }],
        value: n,
      }));
    await Promise.all(Array.from({ length: 10 }, (_, n) => add(n)));
    expect((await readConfigurations()).configurations).toHaveLength(10);
  });
});

describe('pad records', () => {
  it('set a row that does not parse aside, keep the others, and never overwrite them because of it', async () => {
    const now = Date.now();
    await putRecord(padRecord(1, now));
    await putRecord(padRecord(2, now));
    await db().records.put({ padId: 'BROKEN', createdAt: now, candidateName: 7 });
    const { records, total } = await searchRecords('', 10);
    expect(records.map((r) => r.padId).sort()).toEqual(['PAD1', 'PAD2']);
    expect(total).toBe(3);
    const aside = await db().setAside.toArray();
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatchObject({ table: 'records', key: 'BROKEN', raw: { candidateName: 7 } });
    // A change to one record leaves the others as they were.
    await updateRecord('PAD1', (r) => ({ ...r, status: 'ended' }));
    expect((await recordsSince(0)).map((r) => [r.padId, r.status]).sort()).toEqual([
      ['PAD1', 'ended'],
      ['PAD2', 'pending'],
    ]);
  });

  it('lose nothing when many writers change different records at once', async () => {
    const now = Date.now();
    await Promise.all(Array.from({ length: 30 }, (_, i) => putRecord(padRecord(i, now))));
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => updateRecord(`PAD${i}`, (r) => ({ ...r, status: 'started' }))),
    );
    const records = await recordsSince(0);
    expect(records).toHaveLength(30);
    expect(records.every((r) => r.status === 'started')).toBe(true);
  });
});

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
      expect(await moveToDatabase()).toMatchObject({ records: old.length });
      expect(await fakeBrowser.storage.local.get(['padRecords', 'padRecords$'])).toEqual({});
      const rows = await db().records.toArray();
      expect(rows.map((r) => (r as { padId: string }).padId).sort()).toEqual(old.map((r) => r.padId).sort());
      for (const row of rows) expect(padRecordSchema.safeParse(row).success).toBe(true);
      const written = rows.find((r) => (r as { padId: string }).padId === old[0]?.padId);
      expect(padRecordSchema.parse(written).summary).toMatchObject({ state: 'written', noteId: 'note-17' });
      expect(await db().setAside.toArray()).toEqual([expect.objectContaining({ table: 'records', key: 'BAD' })]);
      // Done twice (a worker stopped half-way), it changes nothing more.
      expect(await moveToDatabase()).toEqual({ records: 0, jobs: 0 });
      expect(await db().records.count()).toBe(old.length);
    });
  }

  it('moves the journal, one row per job', async () => {
    const jobs = JSON.parse(readFileSync(join(fixtures, 'jobs.v1.json'), 'utf8')) as Record<string, unknown>;
    await fakeBrowser.storage.local.set({ jobs });
    expect(await moveToDatabase()).toMatchObject({ jobs: Object.keys(jobs).length });
    expect((await db().jobs.toArray()).map((j) => (j as { pairKey: string }).pairKey).sort()).toEqual(
      Object.keys(jobs).sort(),
    );
    expect(await fakeBrowser.storage.local.get('jobs')).toEqual({});
  });
});
