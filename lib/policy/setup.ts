import { browser } from 'wxt/browser';
import { policyChanged } from './managed';

/**
 * The organisation's policy, in the background: keys it provides are tested and saved when the
 * browser starts, when PadBridge is installed or updated, and whenever IT changes the policy,
 * so a recruiter's first click finds them (the options page does the same when it opens).
 */
export function setupPolicy(adoptPolicyKeys: () => Promise<void>, ready: Promise<unknown>): void {
  const adopt = async () => {
    await ready;
    await adoptPolicyKeys().catch((error: unknown) => console.warn('PadBridge: a key from the policy failed', error));
  };
  browser.runtime.onStartup.addListener(() => void adopt());
  browser.runtime.onInstalled.addListener(() => void adopt());
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    policyChanged();
    void adopt();
  });
}
