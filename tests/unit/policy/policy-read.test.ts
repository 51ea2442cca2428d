import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { policyChanged, readPolicy } from '../../../lib/policy/managed';

/*
 * The policy is read from the browser by every part of a click that depends on it (the Lever
 * connection, the configurations, the keys, the notes' language): one read serves those that ask
 * while it is under way, and nothing is kept after it.
 */

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('reading the policy', () => {
  it('reads it once for all who ask while a read is under way; a later ask reads it again', async () => {
    await fakeBrowser.storage.managed.set({ locked: true });
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get');
    const together = await Promise.all([readPolicy(), readPolicy(), readPolicy()]);
    expect(together.map((p) => p.locked)).toEqual([true, true, true]);
    expect(get).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.managed.set({ locked: false });
    expect((await readPolicy()).locked).toBe(false);
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('does not answer a change with a read begun before it', async () => {
    await fakeBrowser.storage.managed.set({ locked: true });
    // The browser answers the first read late, with the policy as it was.
    let answer = (_value: Record<string, unknown>) => {};
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementationOnce(
      () =>
        new Promise((done) => {
          answer = done;
        }),
    );
    const before = readPolicy();
    await fakeBrowser.storage.managed.set({ locked: false });
    // The browser says the policy changed: the next ask reads it anew.
    policyChanged();
    const after = readPolicy();
    answer({ locked: true });
    expect((await before).locked).toBe(true);
    expect((await after).locked).toBe(false);
  });
});
