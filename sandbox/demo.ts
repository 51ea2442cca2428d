import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchExtensionBrowser } from './browser';
import { CODERPAD_KEYS, LEVER_KEYS, opportunities } from './seed';
import { startSandbox } from './server';
import {
  addConfiguration,
  choosePadFor,
  connectBoth,
  nameInterviewer,
  openPadMenu,
  waitUntilLeverUpdated,
} from './tour';

/*
 * `npm start`: the sandbox, and Chromium with the built extension pointed at it.
 * With a display the browser stays open for you; without one the demo plays the whole
 * flow headless and leaves screenshots behind.
 */

const port = Number(process.env.PADBRIDGE_SANDBOX_PORT ?? 0);
/** `--store`: plays the flow in English and in French and writes the stores' 1280×800 screenshots. */
const storeShots = process.argv.includes('--store');
const hasDisplay =
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.argv.includes('--headless') && !storeShots;
const screenshots = resolve(process.env.PADBRIDGE_SCREENSHOTS ?? 'demo-screenshots');

const sandbox = await startSandbox({ port, latencyMs: 150 });
const ada = opportunities[0];
const candidateUrl = `https://hire.lever.co/candidates/${ada?.id}`;

console.log(`
PadBridge demo
  Sandbox: https://127.0.0.1:${sandbox.port} (answers as api.lever.co, hire.lever.co and app.coderpad.io)
  Lever API key:    ${LEVER_KEYS.valid}   (read-only key: ${LEVER_KEYS.readOnly})
  CoderPad API key: ${CODERPAD_KEYS.valid}
`);

if (storeShots) {
  await storeScreenshots();
  await sandbox.close();
  process.exit(0);
}

if (!hasDisplay) console.log('No display found: running headless and playing the flow once.\n');

const browser = await launchExtensionBrowser({ hostResolverRules: sandbox.hostResolverRules, headless: !hasDisplay });
const optionsUrl = `chrome-extension://${browser.extensionId}/options.html`;

async function shutdown(code = 0) {
  await browser.close();
  await sandbox.close();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

if (hasDisplay) {
  const options = await browser.context.newPage();
  await options.goto(optionsUrl);
  const lever = await browser.context.newPage();
  await lever.goto(candidateUrl);
  await options.bringToFront();
  console.log(`What to click:
  1. In "PadBridge settings", paste the Lever key, press "Connect Lever"; paste the CoderPad key, press "Connect CoderPad".
  2. "Add configuration": pick a hiring stage, a pad type, a question, type a tag, press "Create".
  3. Switch to the candidate tab (${candidateUrl}), press "Create CoderPad pad", pick your tag, "Yes, create".
  4. The toolbar icon lists recent pads.
Close the browser or press Ctrl+C to stop.`);
  browser.context.on('close', () => void shutdown());
} else {
  mkdirSync(screenshots, { recursive: true });
  const shot = async (page: import('playwright-core').Page, name: string) => {
    const path = join(screenshots, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`  wrote ${path}`);
  };
  try {
    const options = await browser.context.newPage();
    await options.goto(optionsUrl);
    await shot(options, '1-options-page');
    await connectBoth(options, optionsUrl);
    await addConfiguration(options, {
      stage: 'Technical interview',
      type: 'Live interview',
      question: 'LRU cache',
      tag: 'CoderPad: Live',
    });
    await shot(options, '2-options-configured');

    const page = await browser.context.newPage();
    await page.goto(candidateUrl);
    await page.getByRole('button', { name: 'Create CoderPad pad' }).waitFor();
    await shot(page, '3-candidate-page');
    await openPadMenu(page);
    await page.getByRole('menuitem', { name: 'CoderPad: Live' }).click();
    await nameInterviewer(page, 'Maya Okafor');
    await shot(page, '4-confirmation');
    await page.getByRole('button', { name: 'Yes, create' }).click();
    await page.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(2500); // the sandbox page refreshes itself every 2 s
    await shot(page, '5-pad-created');

    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.getByRole('listitem').first().waitFor();
    await shot(popup, '6-popup');
    console.log(`\nScreenshots are in ${screenshots}`);
    await shutdown(0);
  } catch (error) {
    console.error('The demo stopped:', error);
    await shutdown(1);
  }
}

/** The stores' screenshots (1280×800, the size both ask for), in each language the listing has. */
async function storeScreenshots(): Promise<void> {
  const store = resolve(import.meta.dirname ?? '.', '..', 'store', 'screenshots');
  for (const lang of ['en', 'fr'] as const) {
    sandbox.state.reset({ latencyMs: 150 });
    const dir = join(store, lang);
    mkdirSync(dir, { recursive: true });
    const browser = await launchExtensionBrowser({
      hostResolverRules: sandbox.hostResolverRules,
      headless: true,
      lang,
    });
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const shot = async (name: string) => {
      const path = join(dir, `${name}.png`);
      await page.screenshot({ path });
      console.log(`  wrote ${path}`);
    };
    try {
      const optionsUrl = `chrome-extension://${browser.extensionId}/options.html`;
      await connectBoth(page, optionsUrl, lang);
      await addConfiguration(
        page,
        { stage: 'Technical interview', type: 'Live interview', question: 'LRU cache', tag: 'CoderPad: Live' },
        lang,
      );
      await addConfiguration(
        page,
        {
          stage: 'Take-home assessment',
          type: 'Take-home test',
          question: 'Data pipeline take-home',
          tag: 'CoderPad: Take-home',
        },
        lang,
      );
      // The configurations, whole, rather than the keys' fields.
      await page.evaluate(() => document.querySelector('.configs')?.closest('section')?.scrollIntoView());
      await shot('1-settings');
      await page.goto(candidateUrl);
      await openPadMenu(page, lang);
      await shot('2-candidate-menu');
      await choosePadFor(page, 'CoderPad: Live', lang);
      await waitUntilLeverUpdated(page, lang);
      await page.waitForTimeout(2500); // the sandbox page refreshes itself every 2 s
      await shot('3-pad-ready');
    } finally {
      await browser.close();
    }
  }
}
