import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxExtensionBrowser, launchFirefoxWithExtension } from '../../sandbox/firefox';
import { CODERPAD_KEYS, LEVER_KEYS } from '../../sandbox/seed';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { candidate, SCREENSHOTS } from './harness';

/*
 * The Firefox build, installed in Debian's Firefox ESR through WebDriver BiDi, against the same
 * sandbox: an admin connects both services and makes a configuration, a recruiter creates a pad
 * from a candidate page, and the popup lists it.
 */

let sandbox: Sandbox;
let firefox: FirefoxExtensionBrowser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  sandbox = await startSandbox();
  firefox = await launchFirefoxWithExtension({ proxyPort: sandbox.proxyPort, headless: true });
}, 90_000);

afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

/** A control by its role and accessible name, as a screen reader finds it. */
const byRole = (role: string, name: string) => `::-p-aria([role="${role}"][name="${name}"])`;
/**
 * The form field a label names. (Firefox's accessibility locator also matches the label itself,
 * and a password field has no role to ask for.)
 */
async function field(page: Page, name: string) {
  await page.waitForSelector(`::-p-aria(${name})`);
  for (const handle of await page.$$(`::-p-aria(${name})`)) {
    if (await handle.evaluate((node) => node instanceof HTMLInputElement)) return handle;
  }
  throw new Error(`no field labelled ${name}`);
}
/**
 * Clicks what the locator finds once it is there and enabled. (Firefox ESR 140.12's answers to the
 * locator's own click — scrolled into view, its box steady — never come for the options page's
 * buttons; the element's click, once found, works as a person's.)
 */
async function press(locator: Locator<Element>) {
  const handle = await locator.waitHandle();
  await handle.click();
}
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `firefox-${name}.png`) as `${string}.png`, fullPage: true });

describe('Firefox', () => {
  it('connects, saves a configuration, creates a pad from a candidate page and lists it in the popup', async () => {
    const options = await firefox.openExtensionPage('options.html');
    await (await field(options, 'Lever API key')).type(LEVER_KEYS.valid);
    await press(options.locator(byRole('button', 'Connect Lever')));
    await options.locator('::-p-text(Connected to Lever)').wait();
    await (await field(options, 'CoderPad API key')).type(CODERPAD_KEYS.valid);
    await press(options.locator(byRole('button', 'Connect CoderPad')));
    await options.locator('::-p-text(Connected to CoderPad)').wait();

    await press(options.locator(byRole('button', 'Add configuration')));
    const stage = await options.waitForSelector(byRole('combobox', 'Hiring stage'));
    const technical = await stage?.evaluate(
      (select) => [...(select as HTMLSelectElement).options].find((o) => o.text === 'Technical interview')?.value,
    );
    await stage?.select(technical ?? '');
    await press(options.locator(byRole('radio', 'Live interview')));
    await (await field(options, 'Tag name')).type('CP Firefox');
    await press(options.locator(byRole('button', 'Create')));
    await options.locator(byRole('listitem', 'CP Firefox')).wait();
    await shot(options, 'options');
    await options.close();

    const ada = candidate('Ada Lovelace');
    const lever = await firefox.browser.newPage();
    await lever.goto(`https://hire.lever.co/candidates/${ada.id}`);
    // The widget lives in a shadow root: ">>>" reaches into it.
    const inWidget = (selector: string) => `padbridge-widget >>> ${selector}`;
    await press(lever.locator(inWidget('button::-p-text(Create CoderPad pad)')));
    await press(
      lever.locator(inWidget('[role="menuitem"]')).filter((item) => item.textContent?.includes('CP Firefox') ?? false),
    );
    await press(lever.locator(inWidget('::-p-text(Yes, create)')));
    await lever.locator(inWidget('::-p-text(Lever is up to date)')).wait();
    await shot(lever, 'candidate');

    const state = sandbox.state.snapshot();
    expect(state.pads).toHaveLength(1);
    const padUrl = `https://coderpad.io/${state.pads[0]?.id}`;
    const after = state.opportunities.find((o) => o.id === ada.id);
    expect(after?.tags).toContain('CP Firefox');
    expect(after?.links).toContain(padUrl);
    expect(after?.notes.map((n) => n.value).join('\n')).toContain(padUrl);
    await lever.close();

    const popup = await firefox.openExtensionPage('popup.html');
    // The popup's own width (its stylesheet's); Firefox ESR 140.12 refuses the viewport override
    // puppeteer sends with a size (it asks for a screen orientation too).
    const row = await popup.waitForSelector(byRole('listitem', 'Ada Lovelace'));
    expect(await row?.$$eval('a', (anchors) => anchors.map((a) => a.href))).toContain(padUrl);
    // The popup as the toolbar shows it: its own box, not the tab it is opened in here.
    await (await popup.$('#root'))?.screenshot({ path: join(SCREENSHOTS, 'firefox-popup.png') as `${string}.png` });
  });
});

/** Firefox reads an organisation's policies from /etc: only when this user may write there. */
const FIREFOX_POLICY_FILE = '/etc/firefox/policies/policies.json';
const policyWritable = (() => {
  try {
    mkdirSync(dirname(FIREFOX_POLICY_FILE), { recursive: true });
    accessSync(dirname(FIREFOX_POLICY_FILE), constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();
if (!policyWritable) console.warn(`Skipping Firefox's policy run: ${dirname(FIREFOX_POLICY_FILE)} is not writable.`);

describe.runIf(policyWritable)('Firefox with an organisation policy', () => {
  it('reads policies.json’s "3rdparty" section: the locked configuration shows, managed', async () => {
    writeFileSync(
      FIREFOX_POLICY_FILE,
      JSON.stringify({
        policies: {
          '3rdparty': {
            Extensions: {
              'padbridge-for-lever@padbridge.dev': {
                locked: true,
                configurations: [{ tag: 'Org: Firefox', stageId: 'tech-interview', padType: 'live' }],
              },
            },
          },
        },
      }),
    );
    const managed = await launchFirefoxWithExtension({ proxyPort: sandbox.proxyPort, headless: true });
    try {
      const options = await managed.openExtensionPage('options.html');
      await options.locator('::-p-text(Managed by your organisation: the configurations)').wait();
      await options.locator(byRole('listitem', 'Org: Firefox')).wait();
      const add = await options.waitForSelector(byRole('button', 'Add configuration'));
      expect(await add?.evaluate((button) => (button as HTMLButtonElement).disabled)).toBe(true);
      await shot(options, 'options-managed');
    } finally {
      await managed.close();
      rmSync(FIREFOX_POLICY_FILE, { force: true });
    }
  });
});
