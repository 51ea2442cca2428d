import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it } from 'vitest';
import { padsCsv } from '../../../components/options/YourData';
import { db } from '../../../lib/storage/db';
import * as autoItems from '../../../lib/auto-mode/items';
import { CODERPAD_KEYS, LEVER_KEYS, opportunities } from '../../../sandbox/seed';
import { connectedBackend, LIVE, makePad } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

/*
 * Your data: this browser's pads taken out as CSV, and everything PadBridge keeps here erased
 * (Lever and CoderPad untouched).
 */

const env = withSandbox();
const ada = opportunities.find((o) => o.name === 'Ada Lovelace');
if (!ada) throw new Error('the seed has Ada');

describe('your data', () => {
  it('exports every pad record with its application, configuration, link, status and summary state', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox, [LIVE]);
    const job = await makePad(backend, ada.id, configurations[0]?.id ?? '');
    const rows = await backend.handlers.exportPads(undefined, {});
    expect(rows).toEqual([
      expect.objectContaining({
        candidateName: 'Ada Lovelace',
        applicationId: ada.id,
        tag: LIVE.tag,
        padUrl: job.pad?.url,
        status: 'pending',
        summaryState: 'none',
      }),
    ]);
    // A candidate name a spreadsheet would run as a formula is written as text.
    const csv = padsCsv([{ ...(rows[0] as (typeof rows)[number]), candidateName: '=HYPERLINK("x")' }]);
    expect(csv.split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""x""\)"/);
  });

  it('deletes keys, configurations, records, journal, auto mode and caches, and writes nothing anywhere', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox, [LIVE]);
    const config = configurations[0];
    if (!config) throw new Error('no configuration');
    await makePad(backend, ada.id, config.id);
    await backend.handlers.setAutoMode({ configurationId: config.id, on: true }, {});
    await browser.storage.session.set({ 'catalogue:stages:production': { at: 1, items: [] } });
    await browser.alarms.create('padbridge-auto', { periodInMinutes: 1 });
    expect(await backend.handlers.storedCounts(undefined, {})).toEqual({ records: 1, jobs: 1 });
    const requests = env.sandbox.state.requests.length;

    await backend.handlers.deleteAllData(undefined, {});
    expect(env.sandbox.state.requests).toHaveLength(requests);
    expect(await browser.storage.local.get(null)).toEqual({});
    expect(await browser.storage.session.get(null)).toEqual({});
    expect(await browser.alarms.getAll()).toEqual([]);
    for (const table of db().tables) expect(await table.count()).toBe(0);
    // As on a first run.
    expect(await backend.handlers.getStatus(undefined, {})).toMatchObject({ lever: null, coderpad: null });
    expect(await backend.handlers.listConfigurations(undefined, {})).toEqual([]);
    expect(await autoItems.autoModes.get()).toEqual({});
    expect(await backend.handlers.exportPads(undefined, {})).toEqual([]);
  });

  it('keeps working with the keys the organisation’s policy gives, which come back at once', async () => {
    const { backend } = await connectedBackend(env.sandbox, [LIVE]);
    await fakeBrowser.storage.managed.set({
      leverEnvironment: 'production',
      leverApiKey: LEVER_KEYS.valid,
      coderpadApiKey: CODERPAD_KEYS.valid,
    });
    await backend.handlers.deleteAllData(undefined, {});
    const status = await backend.handlers.getStatus(undefined, {});
    expect(status.lever).not.toBeNull();
    expect(status.coderpad).not.toBeNull();
  });
});
