import { browser } from 'wxt/browser';

/**
 * The first run: when PadBridge is installed (not updated, not reloaded), the options page opens
 * on its Get started checklist.
 */
export function setupOnboarding(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage().catch(() => {});
  });
}
