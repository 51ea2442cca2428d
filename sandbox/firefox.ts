import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname ?? '.', '..', '.output', 'firefox-mv3');

/** Debian's Firefox ESR, or the one FIREFOX_PATH names. */
export function firefoxPath(): string | undefined {
  if (process.env.FIREFOX_PATH) return process.env.FIREFOX_PATH;
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => existsSync(path));
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** moz-extension://<uuid>: the extension's pages live under it. */
  extensionOrigin: string;
  /** Opens one of the extension's pages (options.html, popup.html) in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Firefox with the built extension installed through WebDriver BiDi, a fresh profile, and every
 * request to the production hosts sent through the sandbox's proxy (Firefox has no host resolver
 * rule; the build is the one shipped).
 */
export async function launchFirefoxWithExtension(options: {
  proxyPort: number;
  headless: boolean;
  extensionDir?: string;
}): Promise<FirefoxExtensionBrowser> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('Firefox is not installed: install firefox-esr or set FIREFOX_PATH.');
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  const manifestFile = join(extensionDir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`No Firefox build in ${extensionDir}: run "npm run build:firefox" first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const addonId = manifest.browser_specific_settings.gecko.id;
  // Firefox gives each profile a random origin for an add-on unless the profile names it.
  const uuid = crypto.randomUUID();
  const profile = mkdtempSync(join(tmpdir(), 'padbridge-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless,
    userDataDir: profile,
    // The sandbox's certificate is self-signed.
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 860 },
    // Lets the driver open moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': options.proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': options.proxyPort,
      'network.proxy.no_proxies_on': '',
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      'intl.locale.requested': 'en-US',
    },
  });
  try {
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const extensionOrigin = `moz-extension://${uuid}`;
  return {
    browser,
    extensionOrigin,
    async openExtensionPage(path) {
      const page = await browser.newPage();
      // Firefox does not report the load of an extension page to the driver: wait for the page's own first heading.
      await page.goto(`${extensionOrigin}/${path}`, { waitUntil: 'domcontentloaded', timeout: 2_000 }).catch(() => {});
      await page.waitForSelector('h1', { timeout: 15_000 });
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
