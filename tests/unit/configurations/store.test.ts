import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { changeConfigurations, readConfigurations } from '../../../lib/configurations/stored';
import { LIVE_CONFIGURATION } from '../../fixtures/seeded';

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
