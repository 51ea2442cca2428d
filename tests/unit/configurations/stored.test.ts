import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { changeConfigurations, readConfigurations } from '../../../lib/configurations/stored';
import { LIVE_CONFIGURATION } from '../../fixtures/seeded';
import fr from '../../../public/_locales/fr/messages.json';

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

  it('says why a stored configuration cannot be read in the UI language, French included', async () => {
    fakeBrowser.i18n.getUILanguage = () => 'fr';
    fakeBrowser.i18n.getMessage = ((key: string) =>
      (fr as Record<string, { message: string }>)[key]?.message ?? '') as typeof fakeBrowser.i18n.getMessage;
    await fakeBrowser.storage.local.set({ configurations: [{ ...LIVE_CONFIGURATION, padType: 'pair' }] });
    const [problem] = (await readConfigurations()).problems;
    expect(problem?.reason).toMatch(/^padType: .*(invalide|attendu)/i);
    expect(problem?.reason).not.toMatch(/\b(Invalid|expected|received)\b/);
    await fakeBrowser.storage.local.set({ configurations: 'not a list' });
    expect((await readConfigurations()).problems).toEqual([{ index: -1, reason: fr.storedNotList.message }]);
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
