import { describe, expect, it } from 'vitest';
import type { PadRecord } from '../../lib/records';
import * as store from '../../lib/storage';
import { FOLLOW_FOR_MS, PADS_PER_SYNC } from '../../lib/status-sync';
import { opportunities } from '../../sandbox/seed';
import { padRecord } from '../fixtures/seeded';
import { connectedBackend, makePad } from '../support/backend';
import { withSandbox } from '../support/sandbox';

const env = withSandbox();
const ADA = opportunities[0]?.id ?? '';

/** Makes a pad for Ada the way a recruiter does, and returns the backend and its record. */
async function padForAda() {
  const { backend, configurations } = await connectedBackend(env.sandbox);
  const live = configurations[0];
  if (!live) throw new Error('no configuration');
  await makePad(backend, ADA, live.id);
  const record = (await store.padRecords.get())[0];
  if (!record) throw new Error('no record');
  env.sandbox.state.requests = [];
  return { backend, record };
}

const notesOnAda = () => env.sandbox.state.notes[ADA] ?? [];
const padRequests = () => env.sandbox.state.requests.filter((r) => r.service === 'coderpad');

describe('status sync', () => {
  it('follows a pad from not started to in progress to ended, and writes one summary note', async () => {
    const { backend, record } = await padForAda();
    await backend.statusSync.syncDue();
    expect((await store.padRecords.get())[0]?.status).toBe('pending');

    const pad = env.sandbox.state.pads.find((p) => p.id === record.padId);
    if (!pad) throw new Error('no pad');
    pad.state = 'started';
    pad.participants = [
      { name: 'Ada Lovelace', email: null },
      { name: 'Maya Okafor', email: null },
    ];
    await backend.statusSync.syncDue();
    expect((await store.padRecords.get())[0]?.status).toBe('started');

    pad.state = 'ended';
    pad.ended_at = new Date(new Date(pad.created_at).getTime() + 47 * 60_000).toISOString();
    await backend.statusSync.syncDue();
    const ended = (await store.padRecords.get())[0];
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
    expect(padRequests().filter((r) => r.path === `/api/pads/${record.padId}`)).toHaveLength(3);
  });

  it('marks a pad deleted in CoderPad and stops asking about it', async () => {
    const { backend, record } = await padForAda();
    const pad = env.sandbox.state.pads.find((p) => p.id === record.padId);
    if (pad) pad.deleted = true;
    await backend.statusSync.syncDue();
    expect((await store.padRecords.get())[0]?.status).toBe('deleted');
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
    expect((await store.padRecords.get())[0]?.summary.state).toBe('uncertain');
    await backend.statusSync.syncDue();
    expect(notesOnAda()).toHaveLength(2);
  });

  it('tries a refused summary again on a later round', async () => {
    const { backend, record } = await padForAda();
    const pad = env.sandbox.state.pads.find((p) => p.id === record.padId);
    if (!pad) throw new Error('no pad');
    pad.state = 'ended';
    pad.ended_at = new Date().toISOString();
    env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/notes', status: 403 });
    await backend.statusSync.syncDue();
    expect((await store.padRecords.get())[0]?.summary.state).toBe('none');
    await backend.statusSync.syncDue();
    expect((await store.padRecords.get())[0]?.summary.state).toBe('written');
    expect(notesOnAda()).toHaveLength(2);
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
    await store.padRecords.set(records);
    await backend.statusSync.syncDue();
    const asked = padRequests().map((r) => r.path.split('/').pop());
    expect(asked).toHaveLength(PADS_PER_SYNC);
    expect(asked).not.toContain('OLD0'); // checked a moment ago
    expect(asked).not.toContain('OLD7'); // older than two weeks
  });

  it('keeps the newest 2,000 pad records', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const now = Date.now();
    const many = Array.from({ length: store.MAX_PAD_RECORDS }, (_, i) =>
      padRecord(i, now - 1000, { padId: `P${i}`, status: 'ended', summary: { state: 'written', noteId: null } }),
    );
    await store.padRecords.set(many);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    await makePad(backend, ADA, live.id);
    const records = await store.padRecords.get();
    expect(records).toHaveLength(store.MAX_PAD_RECORDS);
    expect(records[0]?.candidateName).toBe('Ada Lovelace');
    expect(records.at(-1)?.padId).toBe(`P${store.MAX_PAD_RECORDS - 2}`);
  });
});
