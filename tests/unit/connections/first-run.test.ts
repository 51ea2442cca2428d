import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setupFirstRun } from '../../../lib/connections/first-run';

/* The options page opens on install when a person installed PadBridge themselves, and only then. */

async function installed(reason: 'install' | 'update', installType: string) {
  const openOptions = vi.fn(async () => {});
  setupFirstRun({ openOptions, installType: async () => installType });
  await fakeBrowser.runtime.onInstalled.trigger({ reason, temporary: false } as never);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return openOptions;
}

describe('the first run', () => {
  it('opens the settings when someone installs PadBridge from a store or a package', async () => {
    expect(await installed('install', 'normal')).toHaveBeenCalledTimes(1);
  });

  it('opens nothing on an update, on an install by the organisation’s policy, or for an unpacked copy', async () => {
    expect(await installed('update', 'normal')).not.toHaveBeenCalled();
    expect(await installed('install', 'admin')).not.toHaveBeenCalled();
    expect(await installed('install', 'development')).not.toHaveBeenCalled();
  });
});
