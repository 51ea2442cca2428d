import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

export const EXTENSION_DIR = resolve(import.meta.dirname ?? '.', '..', '.output', 'chrome-mv3');

export function chromiumPath(): { executablePath?: string; channel?: string } {
  if (process.env.CHROME_PATH) return { executablePath: process.env.CHROME_PATH };
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium' };
  return { channel: 'chrome' };
}

export interface LaunchOptions {
  /** Chromium's --host-resolver-rules: the production hosts sent to the sandbox. */
  hostResolverRules: string;
  headless: boolean;
  extensionDir?: string;
  /** UI language, e.g. en-US or fr. */
  lang?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  close(): Promise<void>;
}

/** Chromium with the built extension loaded, a fresh profile, and the sandbox in place of the real hosts. */
export async function launchExtensionBrowser(options: LaunchOptions): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run "npm run build" first.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'padbridge-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...chromiumPath(),
    headless: options.headless,
    viewport: { width: 1280, height: 860 },
    // On Linux Chromium takes its UI language (and so the extension's) from the environment.
    env: {
      ...process.env,
      LANGUAGE: options.lang ?? 'en-US',
      LANG: `${(options.lang ?? 'en-US').replace('-', '_')}.UTF-8`,
    },
    locale: options.lang ?? 'en-US',
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${options.hostResolverRules}`,
      '--ignore-certificate-errors',
      `--lang=${options.lang ?? 'en-US'}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const serviceWorker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
