import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, expect, it, vi } from 'vitest';
import { setupOnboarding } from '../../../lib/onboarding/setup';

afterEach(() => {
  vi.restoreAllMocks();
});

it('opens the options page when PadBridge is installed, not when it is updated', async () => {
  // The fake browser has no options page to open: the call is what is checked.
  const opened = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
  setupOnboarding();
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.1.0' });
  expect(opened).not.toHaveBeenCalled();
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
  expect(opened).toHaveBeenCalledTimes(1);
});
