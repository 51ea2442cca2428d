import type { Page } from 'playwright-core';
import { CODERPAD_KEYS, LEVER_KEYS } from './seed';

/*
 * The admin's and the recruiter's clicks, by the names the UI gives its controls.
 * The demo plays them; the end-to-end tests use them to set the scene.
 */

/** Connects both services through the options page, as an admin would. */
export async function connectBoth(page: Page, optionsUrl: string): Promise<void> {
  await page.goto(optionsUrl);
  await page.getByLabel('Lever API key').fill(LEVER_KEYS.valid);
  await page.getByRole('button', { name: 'Connect Lever' }).click();
  await page.getByRole('region', { name: 'Lever' }).getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  await page.getByLabel('CoderPad API key').fill(CODERPAD_KEYS.valid);
  await page.getByRole('button', { name: 'Connect CoderPad' }).click();
  await page.getByRole('region', { name: 'CoderPad' }).getByRole('status').filter({ hasText: 'Connected' }).waitFor();
}

export interface WizardInput {
  stage: string;
  type: 'Live interview' | 'Take-home test';
  question?: string;
  tag: string;
}

/** Fills the configuration wizard and saves it. */
export async function addConfiguration(page: Page, input: WizardInput): Promise<void> {
  await page.getByRole('button', { name: 'Add configuration' }).click();
  const form = page.getByRole('form', { name: 'New configuration' });
  await form.getByRole('combobox', { name: 'Hiring stage' }).selectOption({ label: input.stage });
  await form.getByRole('radio', { name: input.type }).check();
  if (input.question) {
    const question = form.getByRole('combobox', { name: 'Question', exact: true });
    const option = question.locator('option', { hasText: input.question });
    await question.selectOption(await option.getAttribute('value'));
  }
  await form.getByRole('textbox', { name: 'Tag name' }).fill(input.tag);
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('listitem', { name: input.tag }).waitFor();
}

/** On a candidate page: opens the menu, picks the configuration by its tag and confirms. */
export async function createPadFor(page: Page, tag: string): Promise<void> {
  await page.getByRole('button', { name: 'Create CoderPad pad' }).click();
  await page.getByRole('menuitem', { name: tag }).click();
  await page.getByRole('button', { name: 'Yes, create' }).click();
}
