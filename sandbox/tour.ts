import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CODERPAD_KEYS, LEVER_KEYS } from './seed';

/*
 * The admin's and the recruiter's clicks, by the names the UI gives its controls, in the UI's
 * language (read from the extension's own message catalogue). The demo plays them; the
 * end-to-end tests use them to set the scene.
 */

export type TourLanguage = 'en' | 'fr';

const catalogues = new Map<TourLanguage, Record<string, { message: string }>>();
/** A message of the extension's catalogue, as the UI shows it (placeholders left out). */
function say(lang: TourLanguage, key: string): string {
  let catalogue = catalogues.get(lang);
  if (!catalogue) {
    const file = resolve(import.meta.dirname ?? '.', '..', 'public', '_locales', lang, 'messages.json');
    catalogue = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
    catalogues.set(lang, catalogue);
  }
  const message = catalogue[key]?.message;
  if (message === undefined) throw new Error(`no message ${key} in ${lang}`);
  return message;
}
/** The words of a message before its first placeholder ("Connected to Lever"). */
const prefix = (lang: TourLanguage, key: string) => say(lang, key).split('{')[0]?.trim() ?? '';

/** Each service's key, and the words of its connection section. */
const SERVICES = [
  {
    key: LEVER_KEYS.valid,
    label: 'leverKeyLabel',
    connect: 'connectLever',
    heading: 'leverHeading',
    done: 'leverConnected',
  },
  {
    key: CODERPAD_KEYS.valid,
    label: 'coderpadKeyLabel',
    connect: 'connectCoderPad',
    heading: 'coderpadHeading',
    done: 'coderpadConnected',
  },
];

/** Connects both services through the options page, as an admin would. */
export async function connectBoth(page: Page, optionsUrl: string, lang: TourLanguage = 'en'): Promise<void> {
  await page.goto(optionsUrl);
  for (const service of SERVICES) {
    await page.getByLabel(say(lang, service.label)).fill(service.key);
    await page.getByRole('button', { name: say(lang, service.connect) }).click();
    await page
      .getByRole('region', { name: say(lang, service.heading) })
      .getByRole('status')
      .filter({ hasText: prefix(lang, service.done) })
      .waitFor();
  }
}

export interface WizardInput {
  stage: string;
  type: 'Live interview' | 'Take-home test';
  question?: string;
  tag: string;
}

/** Fills the configuration wizard and saves it. */
export async function addConfiguration(page: Page, input: WizardInput, lang: TourLanguage = 'en'): Promise<void> {
  await page.getByRole('button', { name: say(lang, 'addConfiguration') }).click();
  const form = page.getByRole('form', { name: say(lang, 'newConfiguration') });
  await form.getByRole('combobox', { name: say(lang, 'stageLabel') }).selectOption({ label: input.stage });
  const type = input.type === 'Live interview' ? 'padTypeLive' : 'padTypeTakeHome';
  await form.getByRole('radio', { name: say(lang, type) }).check();
  if (input.question) {
    const question = form.getByRole('combobox', { name: say(lang, 'questionLabel'), exact: true });
    const option = question.locator('option', { hasText: input.question });
    await question.selectOption(await option.getAttribute('value'));
  }
  await form.getByRole('textbox', { name: say(lang, 'tagLabel') }).fill(input.tag);
  await form.getByRole('button', { name: say(lang, 'create'), exact: true }).click();
  await page.getByRole('listitem', { name: input.tag }).waitFor();
}

/** On a candidate page: opens the menu, picks the configuration by its tag and confirms. */
export async function createPadFor(page: Page, tag: string, lang: TourLanguage = 'en'): Promise<void> {
  await openPadMenu(page, lang);
  await choosePadFor(page, tag, lang);
}

/** With PadBridge's menu open: picks the configuration by its tag and confirms. */
export async function choosePadFor(page: Page, tag: string, lang: TourLanguage = 'en'): Promise<void> {
  await page.getByRole('menuitem', { name: tag }).click();
  await page.getByRole('button', { name: say(lang, 'yesCreate') }).click();
}

/** In the confirmation: names an interviewer, once Lever's users are read (the option's label begins with their name). */
export async function nameInterviewer(page: Page, name: string, lang: TourLanguage = 'en'): Promise<void> {
  const field = page.getByRole('combobox', { name: say(lang, 'interviewerLabel') });
  await field.locator('option', { hasText: name }).waitFor({ state: 'attached' });
  const label = await field.locator('option', { hasText: name }).textContent();
  await field.selectOption({ label: label ?? name });
}

/** On a candidate page: opens PadBridge's menu of configurations. */
export async function openPadMenu(page: Page, lang: TourLanguage = 'en'): Promise<void> {
  await page.getByRole('button', { name: say(lang, 'createPadButton') }).click();
  await page.getByRole('menuitem').first().waitFor();
}

/** On a candidate page: waits until PadBridge says Lever holds everything it wrote. */
export async function waitUntilLeverUpdated(page: Page, lang: TourLanguage = 'en', timeout = 20_000): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: prefix(lang, 'leverUpdated').split(':')[0] })
    .waitFor({ timeout });
}

/** In the options page: turns auto mode on for the configuration with this tag (Edit, Auto mode, Save). */
export async function turnOnAutoMode(
  page: Page,
  tag: string,
  lang: TourLanguage = 'en',
  /** Called with the box checked, before Save (to look at the form). */
  checked?: () => Promise<unknown>,
): Promise<void> {
  const item = page.getByRole('listitem', { name: tag });
  await item.getByRole('button', { name: say(lang, 'edit') }).click();
  const form = page.getByRole('form', { name: say(lang, 'editConfiguration') });
  await form.getByRole('checkbox', { name: say(lang, 'autoModeLabel') }).check();
  await checked?.();
  await form.getByRole('button', { name: say(lang, 'save'), exact: true }).click();
  await item.getByText(say(lang, 'autoModeOn')).waitFor();
}

/** On the sandbox's Lever page: what a recruiter does in Lever itself — tags the candidate and moves them. */
export async function tagAndMoveInLever(page: Page, tag: string, stage: string): Promise<void> {
  await page.getByRole('textbox', { name: 'New tag' }).fill(tag);
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.getByRole('status').filter({ hasText: 'added' }).waitFor();
  await page.getByRole('combobox', { name: 'Stage' }).selectOption({ label: stage });
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Moved to ${stage}` })
    .waitFor();
}
