import { describe, expect, it } from 'vitest';
import { storedRecordRow } from '../../../lib/pads/search';
import { putRecord, searchRecords, updateRecord } from '../../../lib/pads/record-table';
import { db } from '../../../lib/storage/db';
import { padRecord } from '../../fixtures/seeded';
import { recordsInEarlierDatabase } from '../../support/older-database';

const now = Date.now();
const names = (records: { candidateName: string }[]) => records.map((r) => r.candidateName);

describe('searching pad records', () => {
  it('finds records by the beginning of any word of the candidate or the tag, whatever the case or accents', async () => {
    await putRecord(padRecord(1, now, { candidateName: 'Ada Lovelace', tag: 'CP Live' }));
    await putRecord(padRecord(2, now, { candidateName: 'Élodie Durand', tag: 'CP Take-home' }));
    await putRecord(padRecord(3, now, { candidateName: 'Adam Smith', tag: 'Backend' }));

    expect(names((await searchRecords('ada', 10)).records)).toEqual(['Ada Lovelace', 'Adam Smith']);
    expect(names((await searchRecords('ADA lov', 10)).records)).toEqual(['Ada Lovelace']);
    expect(names((await searchRecords('elodie', 10)).records)).toEqual(['Élodie Durand']);
    expect(names((await searchRecords('take-home', 10)).records)).toEqual(['Élodie Durand']);
    expect(names((await searchRecords('back', 10)).records)).toEqual(['Adam Smith']);
    // Inside a word is not the beginning of one.
    expect((await searchRecords('velace', 10)).records).toEqual([]);
    expect(await searchRecords('nobody', 10)).toEqual({ records: [], anyStored: true });
  });

  it('follows a renamed record (its words are rewritten with it)', async () => {
    await putRecord(padRecord(1, now, { candidateName: 'Grace Hopper' }));
    await updateRecord('PAD1', (r) => ({ ...r, candidateName: 'Grace Brewster Hopper' }));
    expect(names((await searchRecords('brew', 10)).records)).toEqual(['Grace Brewster Hopper']);
  });

  it('answers the newest matches first, also when far more records match than are shown', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => padRecord(i, now, { candidateName: `Bench ${i}` }));
    for (const row of rows) await putRecord(row);
    const { records } = await searchRecords('bench', 20);
    // padRecord(i) is i minutes old: the newest are the smallest numbers.
    expect(names(records)).toEqual(Array.from({ length: 20 }, (_, i) => `Bench ${i}`));
  });

  it('answers the newest records matching every word, also when the first word begins thousands of names', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) =>
      storedRecordRow(padRecord(i, now, { candidateName: `Hopper ${i}`, tag: i % 2 ? 'Odd' : 'Even' })),
    );
    await db().records.bulkPut(rows);
    const { records } = await searchRecords('hop odd', 5);
    expect(names(records)).toEqual(['Hopper 1', 'Hopper 3', 'Hopper 5', 'Hopper 7', 'Hopper 9']);
  });

  it('gives records stored before words were indexed their words when the database is upgraded', async () => {
    await recordsInEarlierDatabase(1, [padRecord(1, now, { candidateName: 'Katherine Johnson' })]);

    expect(names((await searchRecords('kath', 10)).records)).toEqual(['Katherine Johnson']);
    // Upgraded through every version since (auto mode's watch list, the status indexes).
    expect(db().verno).toBe(4);
    expect(await db().watch.count()).toBe(0);
  });
});
