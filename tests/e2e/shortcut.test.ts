import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from '../../sandbox/browser';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { connectedStorage, LIVE_CONFIGURATION } from '../fixtures/seeded';
import { extensionData } from '../support/extension-data';
import { candidate, expectAccessible, SCREENSHOTS } from './harness';

/*
 * The keyboard shortcut as a person presses it. A browser's extension shortcuts are the browser's
 * own accelerators: keys sent into a page (as the other tests' drivers do) never reach them. So
 * this test starts Chromium with a window, on a virtual X display (Xvfb), and presses the keys
 * through X (xdotool), as a keyboard would.
 */

let display: ChildProcess | undefined;
let sandbox: Sandbox;
let browser: ExtensionBrowser;

/** A virtual X display on a free number; resolves with its name (":N"). */
async function startDisplay(): Promise<string> {
  const server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  display = server;
  return new Promise((resolve, reject) => {
    server.once('error', () =>
      reject(new Error('This test needs Xvfb and xdotool (Debian: apt-get install -y xvfb xdotool).')),
    );
    server.stdio[3]?.once('data', (data: Buffer) => resolve(`:${data.toString().trim()}`));
  });
}

/** Keys pressed through X into Chromium's focused window. */
function press(keys: string) {
  const windows = execFileSync('xdotool', ['search', '--onlyvisible', '--class', 'chromium']).toString().trim();
  for (const id of windows.split('\n')) execFileSync('xdotool', ['windowfocus', '--sync', id]);
  execFileSync('xdotool', ['key', '--clearmodifiers', keys]);
}

beforeAll(async () => {
  process.env.DISPLAY = await startDisplay();
  sandbox = await startSandbox();
  browser = await launchExtensionBrowser({ hostResolverRules: sandbox.hostResolverRules, headless: false });
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.evaluate(extensionData as never, {
    clear: true,
    storage: connectedStorage([LIVE_CONFIGURATION]),
    rows: {},
  });
  await page.close();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  display?.kill();
});

describe('the keyboard shortcut', () => {
  it('Alt+Shift+O opens the menu on a candidate page with focus inside; Escape closes it and gives focus back', async () => {
    const shortcut = await browser.serviceWorker.evaluate(() => chrome.commands.getAll());
    expect(shortcut.find((c) => c.name === 'open-widget')?.shortcut).toBe('Alt+Shift+O');

    const page = await browser.context.newPage();
    await page.goto(`https://hire.lever.co/candidates/${candidate('Ada Lovelace').id}`);
    await page.getByRole('button', { name: 'Create CoderPad pad' }).waitFor();
    await page.bringToFront();
    const focused = () =>
      page.evaluate(() => {
        const active = document.querySelector('padbridge-widget')?.shadowRoot?.activeElement;
        return active ? `${active.getAttribute('role') ?? active.tagName.toLowerCase()}: ${active.textContent}` : null;
      });

    // What the browser hands the worker, recorded beside the extension's own listener: a failure
    // then says whether the keys never became the command or the extension lost it.
    const heard = () =>
      browser.serviceWorker.evaluate(() => (globalThis as { commandsHeard?: string[] }).commandsHeard);
    await browser.serviceWorker.evaluate(() => {
      const seen: string[] = [];
      (globalThis as { commandsHeard?: string[] }).commandsHeard = seen;
      chrome.commands.onCommand.addListener((command) => void seen.push(command));
    });

    press('alt+shift+o');
    await expect.poll(heard, { message: 'the keys reached the browser as the command' }).toEqual(['open-widget']);
    const menu = page.getByRole('menu', { name: 'PadBridge configurations' });
    await menu.waitFor();
    await expect.poll(focused).toBe(`menuitem: ${LIVE_CONFIGURATION.tag}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'shortcut-menu.png') });
    await expectAccessible(page, 'menu opened by the shortcut');

    press('Escape');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(focused).toMatch(/^button: .*Create CoderPad pad$/);
  });
});
