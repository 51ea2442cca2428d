import { describe, expect, it } from 'vitest';
import { db } from '../../../lib/storage/db';
import { putRecord, searchRecords, updateRecord } from '../../../lib/pads/record-table';
import { padRecord } from '../../fixtures/seeded';
import { everyRecord } from '../../support/records';

describe('pad records', () => {
  it('set a row that does not parse aside, keep the others, and never overwrite them because of it', async () => {
    const now = Date.now();
    await putRecord(padRecord(1, now));
    await putRecord(padRecord(2, now));
    await db().records.put({ padId: 'BROKEN', createdAt: now, candidateName: 7 });
    const { records } = await searchRecords('', 10);
    expect(records.map((r) => r.padId).sort()).toEqual(['PAD1', 'PAD2']);
    expect(await db().records.count()).toBe(2);
    const aside = await db().setAside.toArray();
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatchObject({ table: 'records', key: 'BROKEN', raw: { candidateName: 7 } });
    // A change to one record leaves the others as they were.
    await updateRecord('PAD1', (r) => ({ ...r, status: 'ended' }));
    expect((await everyRecord()).map((r) => [r.padId, r.status]).sort()).toEqual([
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
    const records = await everyRecord();
    expect(records).toHaveLength(30);
    expect(records.every((r) => r.status === 'started')).toBe(true);
  });
});
