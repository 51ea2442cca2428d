import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../../lib/storage/db';
import * as store from '../../../lib/storage/items';
import { CACHE_ENTRIES, CACHE_ITEM_BYTES, candidateCache } from '../../../lib/storage/items';
import { connectedStorage } from '../../fixtures/seeded';

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

  it('leave a key that an older version stored but that does not parse where it is', async () => {
    await fakeBrowser.storage.local.set({ lever: { apiKey: 42 } });
    expect(await store.leverConnection.get()).toBeNull();
    expect((await fakeBrowser.storage.local.get('lever')).lever).toEqual({ apiKey: 42 });
    expect(await db().secrets.count()).toBe(0);
  });
});

describe('the short cache of candidates and lists', () => {
  it('is bounded in entries and size, drops what expired, and never reads the rest of session storage to write', async () => {
    const readAll = vi.spyOn(fakeBrowser.storage.session, 'get');
    const now = 1_000_000;
    await candidateCache.set('old', { id: 'o' }, now - 120_000, 60_000);
    for (let i = 0; i < CACHE_ENTRIES + 20; i++) await candidateCache.set(`k${i}`, { id: i }, now + i, 60_000);
    await candidateCache.set('huge', { text: 'x'.repeat(CACHE_ITEM_BYTES) }, now, 60_000);
    expect(readAll.mock.calls.some(([keys]) => keys === null || keys === undefined)).toBe(false);
    const all = await fakeBrowser.storage.session.get(null);
    const items = Object.keys(all).filter((name) => name.startsWith('cand:'));
    expect(items).toHaveLength(CACHE_ENTRIES);
    // The soonest to expire went first; what expired and what was too large are not kept.
    expect(items).not.toContain('cand:old');
    expect(items).not.toContain('cand:k0');
    expect(items).not.toContain('cand:huge');
    expect(await candidateCache.get(`k${CACHE_ENTRIES + 19}`, 60_000, now + 1)).toEqual({ id: CACHE_ENTRIES + 19 });
    await candidateCache.drop(`k${CACHE_ENTRIES + 19}`);
    expect(await candidateCache.get(`k${CACHE_ENTRIES + 19}`, 60_000, now + 1)).toBeUndefined();
  });
});
