import { describe, expect, it } from 'vitest';
import { candidate, withExtension } from './harness';

const h = withExtension();

describe('the built extension in Chromium', () => {
  it('starts its service worker with the production manifest', async () => {
    const manifest = await h.browser.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'scripting']);
    // Lever's and CoderPad's APIs, and Lever's app hosts (where the widget's script is run); no file is web-accessible.
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual([
      'https://api.eu.lever.co/*',
      'https://api.lever.co/*',
      'https://api.sandbox.lever.co/*',
      'https://app.coderpad.io/*',
      'https://hire.eu.lever.co/*',
      'https://hire.lever.co/*',
      'https://hire.sandbox.lever.co/*',
    ]);
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toMatch(/localhost|127\.0\.0\.1/);
    const name = await h.browser.serviceWorker.evaluate(() => chrome.i18n.getMessage('extName'));
    expect(name).toBe('PadBridge for Lever');
  });

  it('renders the options page, without tripping the extension’s content security policy', async () => {
    const page = await h.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(event.violatedDirective));
    });
    await page.goto(h.optionsUrl);
    await expect(page.getByRole('heading', { name: 'PadBridge settings' }).isVisible()).resolves.toBe(true);
    await page.getByRole('region', { name: 'Lever' }).waitFor();
    await page.getByRole('region', { name: 'CoderPad' }).waitFor();
    expect(await page.title()).toBe('PadBridge settings');
    await h.screenshot(page, 'options-empty');
    // zod is told not to probe for eval, which the policy forbids and Chromium would report.
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  });

  it('shows its button on a candidate page and follows in-page navigation', async () => {
    const page = await h.newPage();
    // What Lever's own scripts would hear from PadBridge on their window.
    await page.addInitScript(() => {
      const heard: unknown[] = [];
      (window as unknown as { heard: unknown[] }).heard = heard;
      window.addEventListener('message', (event) => heard.push(event.data));
    });
    await page.goto(h.candidateUrl('Ada Lovelace'));
    const button = page.getByRole('button', { name: 'Create CoderPad pad' });
    await button.waitFor();
    await h.screenshot(page, 'candidate-button');
    expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([]);

    // Lever navigates with pushState: same document, new candidate.
    const documentMarker = await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
      return 42;
    });
    await page.getByRole('link', { name: /Grace Hopper/ }).click();
    await page.waitForURL(`**/candidates/${candidate('Grace Hopper').id}`);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(documentMarker);
    await button.waitFor();
    expect(await button.count()).toBe(1);

    // The candidate list is not a candidate page: no button there.
    await page.getByRole('link', { name: 'Candidates', exact: true }).click();
    await page.waitForURL('**/candidates');
    await button.waitFor({ state: 'detached' });

    await page.goBack();
    await button.waitFor();
  });

  it('opens the widget from the button the content script drew, and says so when the widget’s script cannot be run', async () => {
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Ada Lovelace'));
    const button = page.getByRole('button', { name: 'Create CoderPad pad' });
    await button.click();
    await page.getByRole('region', { name: 'PadBridge for Lever' }).waitFor();

    // The browser refuses to run the script (as after PadBridge is updated under an open page).
    await h.browser.serviceWorker.evaluate(() => {
      const scripting = chrome.scripting as unknown as Record<string, unknown>;
      scripting.original = scripting.executeScript;
      scripting.executeScript = () => Promise.reject(new Error('refused'));
    });
    try {
      const next = await h.newPage();
      await next.goto(h.candidateUrl('Grace Hopper'));
      await next.getByRole('button', { name: 'Create CoderPad pad' }).click();
      const alert = next.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toBe('PadBridge could not open on this page. Reload the page and try again.');
      expect(await next.getByRole('region', { name: 'PadBridge for Lever' }).count()).toBe(0);
      await h.screenshot(next, 'candidate-widget-not-loaded');
    } finally {
      await h.browser.serviceWorker.evaluate(() => {
        const scripting = chrome.scripting as unknown as Record<string, unknown>;
        scripting.executeScript = scripting.original;
      });
    }
  });
});
