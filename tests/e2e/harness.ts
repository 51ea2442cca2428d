import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from '../../sandbox/browser';
import { opportunities } from '../../sandbox/seed';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import type { SandboxOptions, SandboxSnapshot } from '../../sandbox/state';
import { extensionData } from '../support/extension-data';

export const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export const candidate = (name: string) => {
  const found = opportunities.find((o) => o.name === name);
  if (!found) throw new Error(`no seeded candidate ${name}`);
  return found;
};

export interface Harness {
  sandbox: Sandbox;
  browser: ExtensionBrowser;
  optionsUrl: string;
  popupUrl: string;
  candidateUrl(name: string): string;
  newPage(): Promise<Page>;
  /**
   * Checks the page with axe (WCAG 2.1 A and AA, with axe's experimental rules; on a Lever page, PadBridge's widget only, shadow
   * root included) and saves a screenshot of it: every state the suite looks at is checked.
   */
  screenshot(page: Page, name: string): Promise<string>;
  snapshot(): SandboxSnapshot;
  /** Extension storage as it is (keys never appear here: they live in the extension's database). */
  storage(): Promise<Record<string, unknown>>;
  seedStorage(items: Record<string, unknown>): Promise<void>;
  /** Rows of PadBridge's IndexedDB: written, or read back whole. */
  seedRows(rows: Record<string, unknown[]>): Promise<void>;
  rows(table: 'records' | 'jobs' | 'secrets' | 'setAside'): Promise<unknown[]>;
}

/**
 * One sandbox and one Chromium with the built extension per test file; before each test the
 * sandbox is reset and the extension's storage cleared, and the pages of the last test closed.
 */
export function withExtension(options: SandboxOptions = {}, browserOptions: { lang?: string } = {}): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    h.sandbox = await startSandbox(options);
    h.browser = await launchExtensionBrowser({
      hostResolverRules: h.sandbox.hostResolverRules,
      headless: true,
      lang: browserOptions.lang,
    });
    h.optionsUrl = `chrome-extension://${h.browser.extensionId}/options.html`;
    h.popupUrl = `chrome-extension://${h.browser.extensionId}/popup.html`;
  });
  beforeEach(async () => {
    for (const page of h.browser.context.pages()) await page.close();
    h.sandbox.state.reset(options);
    await inExtension(extensionData as never, { clear: true });
  });
  afterAll(async () => {
    await h.browser?.close();
    await h.sandbox?.close();
  });

  /**
   * Runs code in a page of the extension. A page rather than the service worker: a worker that
   * a test stopped comes back as a new one, which Playwright's handle does not follow.
   */
  async function inExtension<T>(code: (arg: Record<string, unknown>) => Promise<T>, arg: Record<string, unknown> = {}) {
    const page = await h.browser.context.newPage();
    try {
      await page.goto(h.popupUrl);
      return (await page.evaluate(code as (arg: unknown) => Promise<unknown>, arg)) as T;
    } finally {
      await page.close();
    }
  }

  h.candidateUrl = (name) => `https://hire.lever.co/candidates/${candidate(name).id}`;
  h.newPage = () => h.browser.context.newPage();
  h.screenshot = async (page, name) => {
    const path = join(SCREENSHOTS, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    await expectAccessible(page, name);
    return path;
  };
  h.snapshot = () => h.sandbox.state.snapshot();
  h.storage = () => inExtension(() => chrome.storage.local.get(null));
  h.seedStorage = (items) => inExtension((values) => chrome.storage.local.set(values), items);
  h.seedRows = async (rows) => {
    await inExtension(extensionData as never, { rows });
  };
  h.rows = async (table) =>
    ((await inExtension(extensionData as never, { read: [table] })) as Record<string, unknown[]>)[table] ?? [];
  return h;
}

/** Polls `read` every 200 ms until it answers something, or fails saying what it waited for. */
export async function until<T>(what: string, read: () => T | undefined | false, timeout: number): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Fails with each violation in words when axe finds any on the page (or in the widget, on Lever's pages). */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  // "experimental" adds the rules axe does not run by default, among them label-in-name (2.5.3).
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'experimental']);
  // Lever's page is not ours: only the widget is checked there.
  if (!page.url().startsWith('chrome-extension://')) axe = axe.include('padbridge-widget');
  const { violations } = await axe.analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  if (found.length > 0) throw new Error(`Accessibility violations in "${state}":\n${found.join('\n')}`);
}

export {
  addConfiguration,
  choosePadFor,
  connectBoth,
  createPadFor,
  openPadMenu,
  tagAndMoveInLever,
  turnOnAutoMode,
  type WizardInput,
} from '../../sandbox/tour';
