import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../../lib/storage/db';
import * as store from '../../../lib/storage/items';
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
