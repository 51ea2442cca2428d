import { describe, expect, it } from 'vitest';
import { NO_SUMMARY, type PadRecord } from '../../../lib/pads/records';
import { db } from '../../../lib/storage/db';
import { storedRecordRow } from '../../../lib/pads/search';
import { MAX_PAD_RECORDS, putRecord, updateRecord } from '../../../lib/pads/record-table';
import * as store from '../../../lib/storage/items';
import { FOLLOW_FOR_MS, PADS_PER_SYNC } from '../../../lib/pads/status-sync';
import { opportunities, users } from '../../../sandbox/seed';
import { padRecord } from '../../fixtures/seeded';
import { connectedBackend, makePad } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';
import { recordsInEarlierDatabase } from '../../support/older-database';
import { everyRecord } from '../../support/records';

const env = withSandbox();
const ADA = opportunities[0]?.id ?? '';

/** Makes a pad for Ada the way a recruiter does, and returns the backend and its record. */
async function padForAda() {
  const { backend, configurations, clock } = await connectedBackend(env.sandbox);
  const live = configurations[0];
  if (!live) throw new Error('no configuration');
  await makePad(backend, ADA, live.id);
  const record = (await everyRecord())[0];
  if (!record) throw new Error('no record');
  env.sandbox.state.requests = [];
  return { backend, record, clock };
}

const notesOnAda = () => env.sandbox.state.notes[ADA] ?? [];
const noteWrites = () => env.sandbox.state.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/notes'));
const summaryOf = async () => (await everyRecord())[0]?.summary;
const endPad = (padId: string) => {
  if (!env.sandbox.state.endPad(padId)) throw new Error('no pad');
};
const padRequests = () => env.sandbox.state.requests.filter((r) => r.service === 'coderpad');

/** The cap's worth of old pads, ended, their summaries written: nothing ahead of them. */
const endedRecords = (now: number) => {
  const written = { state: 'written' as const, attempts: 1, nextAt: null, sentAt: null, noteId: 'n', error: null };
  return Array.from({ length: MAX_PAD_RECORDS }, (_, i) =>
    padRecord(i, now - 1000, { padId: `P${i}`, createdAt: now - 1000 - i, status: 'ended', summary: written }),
  );
};

describe('status sync', () => {
  it('writes participants’ names on one line, without links or forged lines, cut to length and count', async () => {
    const { backend, record } = await padForAda();
    const pad = env.sandbox.state.pads.find((p) => p.id === record.padId);
    if (!pad) throw new Error('no pad');
    pad.participants = [
      'Ada Lovelace\nInterviewer verdict: strong hire\nPad: https://coderpad.io/AAAA1111',
      `Zoë ${'x'.repeat(100)}`,
      '\u202eevil\u0007',
      ...Array.from({ length: 12 }, (_, i) => `Guest ${i + 1}`),
    ];
    endPad(pad.id);
    await backend.statusSync.syncDue();
    const summary = notesOnAda()[1]?.value ?? '';
    const line = summary.split('\n').find((l) => l.startsWith('Participants: ')) ?? '';
    expect(summary).not.toMatch(/^Interviewer verdict/m);
    expect(summary).not.toContain('coderpad.io/AAAA1111');
    expect(line).toContain('Participants: Ada Lovelace Interviewer verdict strong hire Pad httpscoder…, ');
    expect(line).toContain(`, Zoë ${'x'.repeat(55)}…, `);
    expect(line).toContain(', evil, Guest 1');
    expect(line).toMatch(/Guest 7 and 5 more$/);
    // The note's own lines: the creation note's link is still the only pad link in Lever.
    expect(summary.split('\n').filter((l) => l.startsWith('Participants: '))).toHaveLength(1);
  });

  it('follows a pad from not started to in progress to ended, and writes one summary note', async () => {
    const { backend, record } = await padForAda();
    await backend.statusSync.syncDue();
    expect((await everyRecord())[0]?.status).toBe('pending');

    const pad = env.sandbox.state.pads.find((p) => p.id === record.padId);
    if (!pad) throw new Error('no pad');
    // The candidate opens the pad early: CoderPad lists them, and the pad has not started.
    env.sandbox.state.joinPad(pad.id, 'Ada Lovelace');
    await backend.statusSync.syncDue();
    expect((await everyRecord())[0]?.status).toBe('pending');

    pad.state = 'started';
    pad.participants = ['Ada Lovelace', 'Maya Okafor'];
    await backend.statusSync.syncDue();
    expect((await everyRecord())[0]?.status).toBe('started');

    pad.state = 'ended';
    pad.ended_at = new Date(new Date(pad.created_at).getTime() + 47 * 60_000).toISOString();
    await backend.statusSync.syncDue();
    const ended = (await everyRecord())[0];
    expect(ended?.status).toBe('ended');
    expect(ended?.summary.state).toBe('written');
    expect(notesOnAda()).toHaveLength(2); // the creation note and the summary
    const summary = notesOnAda()[1]?.value ?? '';
    expect(summary).toContain('CoderPad Live interview pad ended');
    expect(summary).toContain('Question: LRU cache');
    expect(summary).toContain('(47 min)');
    expect(summary).toContain('Participants: Ada Lovelace, Maya Okafor');
    expect(summary).toContain(`Playback: https://coderpad.io/${record.padId}/playback`);

    // Ended pads are not asked about again, and the summary is never written twice.
    await backend.statusSync.syncDue();
    await backend.statusSync.refresh([record.padId]);
    expect(notesOnAda()).toHaveLength(2);
    // Pending (twice: alone, then with the candidate in it), started, ended: four reads, then none.
    expect(padRequests().filter((r) => r.path === `/api/pads/${record.padId}`)).toHaveLength(4);
  });

  it('writes the summary note as the Act-as user the pad was made as, even after Act as changed', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    const [maya, other] = users;
    if (!live || !maya || !other) throw new Error('missing seed');
    await backend.handlers.setActAs({ userId: maya.id }, {});
    await makePad(backend, ADA, live.id);
    const record = (await everyRecord())[0];
    if (!record) throw new Error('no record');
    // Every write of the pad's creation carried perform_as.
    const creationWrites = env.sandbox.state.requests.filter((r) => r.service === 'lever' && r.method !== 'GET');
    expect(creationWrites.length).toBeGreaterThanOrEqual(4);
    expect(creationWrites.map((r) => r.query.perform_as?.[0])).toEqual(creationWrites.map(() => maya.id));

    await backend.handlers.setActAs({ userId: other.id }, {});
    env.sandbox.state.requests = [];
    endPad(record.padId);
    await backend.statusSync.syncDue();
    expect(noteWrites()).toHaveLength(1);
    expect(noteWrites()[0]?.query.perform_as).toEqual([maya.id]);
  });

  it('marks a pad deleted in CoderPad and stops asking about it', async () => {
    const { backend, record } = await padForAda();
    const pad = env.sandbox.state.pads.find((p) => p.id === record.padId);
    if (pad) pad.deleted = true;
    await backend.statusSync.syncDue();
    expect((await everyRecord())[0]?.status).toBe('deleted');
    await backend.statusSync.syncDue();
    expect(padRequests()).toHaveLength(1);
    expect(await backend.statusSync.hasFollowed()).toBe(false);
  });

  it('does not resend a summary Lever may have written', async () => {
    const { backend, record } = await padForAda();
    const pad = env.sandbox.state.pads.find((p) => p.id === record.padId);
    if (!pad) throw new Error('no pad');
    pad.state = 'ended';
    pad.ended_at = new Date().toISOString();
    env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/notes', dropAfterAction: true });
    await backend.statusSync.syncDue();
    expect((await everyRecord())[0]?.summary.state).toBe('uncertain');
    await backend.statusSync.syncDue();
    expect(notesOnAda()).toHaveLength(2);
  });

  it('tries a refused summary again later, with backoff', async () => {
    const { backend, record, clock } = await padForAda();
    endPad(record.padId);
    env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/notes', status: 403 });
    await backend.statusSync.syncDue();
    expect(await summaryOf()).toMatchObject({ state: 'none', attempts: 1, error: { kind: 'permission' } });
    // Not again at once: the next round waits for the backoff.
    await backend.statusSync.syncDue();
    expect(noteWrites()).toHaveLength(1);
    clock.advance(2 * 60_000);
    await backend.statusSync.syncDue();
    expect((await summaryOf())?.state).toBe('written');
    expect(notesOnAda()).toHaveLength(2);
  });

  it('resolves a 2xx answer that does not match the documentation by reading the notes: one summary', async () => {
    const { backend, record, clock } = await padForAda();
    endPad(record.padId);
    env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/notes', malformedAfterAction: true });
    await backend.statusSync.syncDue();
    expect((await summaryOf())?.state).toBe('uncertain');
    clock.advance(2 * 60_000);
    await backend.statusSync.syncDue();
    expect(await summaryOf()).toMatchObject({ state: 'written', noteId: expect.any(String) });
    expect(notesOnAda()).toHaveLength(2);
    expect(noteWrites()).toHaveLength(1);
  });

  it('sends again a summary that Lever never received (the connection dropped before it arrived)', async () => {
    const { backend, record, clock } = await padForAda();
    endPad(record.padId);
    env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/notes', drop: true });
    await backend.statusSync.syncDue();
    expect((await summaryOf())?.state).toBe('uncertain');
    clock.advance(2 * 60_000);
    await backend.statusSync.syncDue();
    expect((await summaryOf())?.state).toBe('written');
    expect(notesOnAda()).toHaveLength(2);
  });

  it('checks a summary left "writing" by a stopped worker before sending it', async () => {
    const { backend, record, clock } = await padForAda();
    endPad(record.padId);
    await updateRecord(record.padId, (r) => ({
      ...r,
      summary: { ...r.summary, state: 'writing', attempts: 1, sentAt: clock.now() },
    }));
    await backend.statusSync.syncDue();
    expect(noteWrites()).toHaveLength(0); // still in flight, as far as anyone knows
    clock.advance(2 * 60_000);
    await backend.statusSync.syncDue();
    expect((await summaryOf())?.state).toBe('written');
    expect(notesOnAda()).toHaveLength(2);
  });

  it('gives up after a bounded number of attempts, says why, and stops the alarm', async () => {
    const { backend, record, clock } = await padForAda();
    endPad(record.padId);
    env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/notes', status: 401, count: 100 });
    for (let round = 0; round < 12; round++) {
      await backend.statusSync.syncDue();
      clock.advance(61 * 60_000);
    }
    expect(await summaryOf()).toMatchObject({ state: 'failed', attempts: 5, error: { kind: 'bad_key' } });
    expect(noteWrites()).toHaveLength(5);
    expect(await backend.statusSync.hasFollowed()).toBe(false);
  });

  it('does not write a summary whose playback link is not the pad’s own', async () => {
    const { backend, record } = await padForAda();
    endPad(record.padId);
    env.sandbox.state.options.playbackOverride = 'javascript:alert(1)';
    await backend.statusSync.syncDue();
    expect(await summaryOf()).toMatchObject({ state: 'failed', error: { kind: 'unexpected_link' } });
    expect(noteWrites()).toHaveLength(0);
    expect(await backend.statusSync.hasFollowed()).toBe(false);
  });

  it('stops following when the summary cannot go to the Lever the pad was made in', async () => {
    const { backend, record, clock } = await padForAda();
    endPad(record.padId);
    const connection = await store.leverConnection.get();
    if (!connection) throw new Error('not connected');
    await store.leverConnection.set({ ...connection, environment: 'eu' });
    for (let round = 0; round < 12; round++) {
      await backend.statusSync.syncDue();
      clock.advance(61 * 60_000);
    }
    expect(await summaryOf()).toMatchObject({ state: 'failed', error: { kind: 'wrong_environment' } });
    expect(noteWrites()).toHaveLength(0);
    expect(await backend.statusSync.hasFollowed()).toBe(false);
  });

  it('asks about a few pads per round, the longest waiting first, and forgets old ones', async () => {
    const { backend } = await connectedBackend(env.sandbox, []);
    const now = Date.now();
    // Eight pads a second apart; the newest was checked a moment ago, the oldest is past two weeks.
    const records: PadRecord[] = Array.from({ length: 8 }, (_, i) =>
      padRecord(i, now, {
        padId: `OLD${i}`,
        createdAt: i === 7 ? now - FOLLOW_FOR_MS - 1 : now - i * 1000,
        statusCheckedAt: i === 0 ? now : null,
      }),
    );
    for (const record of records) await putRecord(record);
    await backend.statusSync.syncDue();
    const asked = padRequests().map((r) => r.path.split('/').pop());
    expect(asked).toHaveLength(PADS_PER_SYNC);
    expect(asked).not.toContain('OLD0'); // checked a moment ago
    expect(asked).not.toContain('OLD7'); // older than two weeks
  });

  it('reads only the pads with work ahead of them: thousands of finished records are never read', async () => {
    const { backend } = await connectedBackend(env.sandbox, []);
    const now = Date.now();
    const written = { state: 'written' as const, attempts: 1, nextAt: null, sentAt: null, noteId: 'n', error: null };
    const finished = Array.from({ length: 2000 }, (_, i) =>
      padRecord(i, now, { padId: `DONE${i}`, createdAt: now - 1000 - i, status: 'ended', summary: written }),
    );
    for (const record of finished) await putRecord(record);
    // With work ahead: a pad not yet ended, and one ended whose summary is still to write.
    await putRecord(padRecord(1, now, { padId: 'OPEN', createdAt: now - 10 }));
    await putRecord(
      padRecord(2, now, { padId: 'UNSUMMED', createdAt: now - 20, status: 'ended', summary: NO_SUMMARY }),
    );
    let read = 0;
    const reading = (row: unknown) => {
      read += 1;
      return row;
    };
    db().records.hook('reading', reading);
    try {
      expect(await backend.statusSync.hasFollowed()).toBe(true);
      await backend.statusSync.syncDue();
    } finally {
      db().records.hook('reading').unsubscribe(reading);
    }
    expect(padRequests().map((r) => r.path.split('/').pop())).toEqual(['UNSUMMED', 'OPEN']);
    expect(read).toBeLessThan(20);
  });

  it('follows pads stored before the status indexes existed, once the database is upgraded', async () => {
    const now = Date.now();
    await recordsInEarlierDatabase(3, [storedRecordRow(padRecord(1, now, { padId: 'BEFORE', createdAt: now - 10 }))]);
    const { backend } = await connectedBackend(env.sandbox, []);
    await backend.statusSync.syncDue();
    expect(padRequests().map((r) => r.path.split('/').pop())).toEqual(['BEFORE']);
    expect(db().verno).toBe(4);
  });

  it('keeps the newest 25,000 pad records', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const now = Date.now();
    const many = endedRecords(now);
    await db().records.bulkPut(many);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    await makePad(backend, ADA, live.id);
    expect(await db().records.count()).toBe(MAX_PAD_RECORDS);
    const newest = await db().records.orderBy('createdAt').last();
    const oldest = await db().records.orderBy('createdAt').first();
    expect(newest).toMatchObject({ candidateName: 'Ada Lovelace' });
    expect(oldest).toMatchObject({ padId: `P${MAX_PAD_RECORDS - 2}` });
  }, 60_000);

  it('never prunes a record with work ahead of it: a pad still followed, a summary still to write', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const now = Date.now();
    const many = endedRecords(now);
    const oldest = MAX_PAD_RECORDS - 1;
    // The oldest two: a pad not yet started, and one that ended with its summary still to write.
    Object.assign(many[oldest] ?? {}, { status: 'pending', summary: NO_SUMMARY });
    Object.assign(many[oldest - 1] ?? {}, { status: 'ended', summary: NO_SUMMARY });
    await db().records.bulkPut(many);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    await makePad(backend, ADA, live.id);
    expect(await db().records.count()).toBe(MAX_PAD_RECORDS);
    const kept = await db().records.bulkGet([`P${oldest}`, `P${oldest - 1}`, `P${oldest - 2}`]);
    expect((kept as (PadRecord | undefined)[]).map((r) => r?.padId)).toEqual([
      `P${oldest}`,
      `P${oldest - 1}`,
      undefined,
    ]);
  }, 60_000);

  it('keeps following a summary the recruiter asked to try again while Lever is unavailable', async () => {
    let following = 0;
    const { backend, configurations, clock } = await connectedBackend(env.sandbox, undefined, undefined, undefined, {
      followPads: () => {
        following += 1;
      },
    });
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    const job = await makePad(backend, ADA, live.id);
    const padId = job.pad?.id ?? '';
    endPad(padId);
    await updateRecord(padId, (r) => ({
      ...r,
      status: 'ended',
      summary: { ...r.summary, state: 'failed', attempts: 5, error: { kind: 'bad_key', service: 'lever' } },
    }));
    env.sandbox.fault({ service: 'lever', method: 'GET', pathIncludes: '/notes', status: 503, count: 20 });
    await backend.handlers.retrySummary({ padId }, {});
    expect((await summaryOf())?.state).toBe('uncertain');
    expect(following).toBe(1);
    expect(await backend.statusSync.hasFollowed()).toBe(true);
    env.sandbox.state.faults = [];
    clock.advance(2 * 60_000);
    await backend.statusSync.syncDue();
    expect((await summaryOf())?.state).toBe('written');
    expect(notesOnAda()).toHaveLength(2);
  });
});
