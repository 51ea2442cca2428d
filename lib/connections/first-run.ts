import { browser } from 'wxt/browser';

/**
 * The first run: when someone installs PadBridge themselves (from a store or a package), the
 * options page opens on its **Get started** list. Not on an update, and not when the
 * organisation's IT installs it (their policy has already set it up, and every recruiter would get
 * a tab), nor for an unpacked copy (its developer has it open already).
 */
export function setupFirstRun(deps: {
  openOptions(): Promise<void>;
  /** How this copy was installed, as the browser says it (`normal`, `admin`, `development`…). */
  installType?(): Promise<string>;
}): void {
  const installType = deps.installType ?? (async () => (await browser.management.getSelf()).installType as string);
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason !== 'install') return;
    void installType()
      .then((type) => (type === 'normal' ? deps.openOptions() : undefined))
      .catch((error: unknown) => console.warn('PadBridge: the settings could not be opened on install', error));
  });
}
