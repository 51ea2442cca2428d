import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectedStorage } from '../fixtures/seeded';
import { addConfiguration, connectBoth, createPadFor, withExtension } from './harness';

const h = withExtension();

describe('options page', () => {
  it('refuses a wrong Lever key with the service reason and keeps what was typed', async () => {
    const page = await h.newPage();
    await page.goto(h.optionsUrl);
    const key = page.getByRole('textbox', { name: 'Lever API key' });
    expect(await key.getAttribute('type')).toBe('password');
    await key.fill('not-a-real-key');
    await page.getByRole('button', { name: 'Connect Lever' }).click();
    const alert = page.getByRole('region', { name: 'Lever' }).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Invalid API key');
    expect(await key.inputValue()).toBe('not-a-real-key');
    // Nothing was stored for a key that failed its test.
    expect((await h.storage()).lever ?? null).toBeNull();
    // The keyboard shortcut, as the browser reports it: the suggested keys are free in Chromium, so they are given.
    expect(await page.getByRole('note').textContent()).toMatch(/^Keyboard: Alt\+Shift\+O opens PadBridge/);
    await h.screenshot(page, 'options-wrong-key');
  });

  it('connects Lever and CoderPad, saying what it learned, and keeps keys where only the extension reads them', async () => {
    const page = await h.newPage();
    // The first run's checklist: each step to do, then ticked as it is done.
    await page.goto(h.optionsUrl);
    const steps = page.getByRole('list', { name: 'Get started' }).getByRole('listitem');
    await expect
      .poll(() => steps.allTextContents(), { timeout: 10_000 })
      .toEqual(['Connect Lever (to do)', 'Connect CoderPad (to do)', 'Add configuration (to do)']);
    await h.screenshot(page, 'options-get-started');
    await connectBoth(page, h.optionsUrl);
    await expect
      .poll(() => steps.allTextContents(), { timeout: 10_000 })
      .toEqual(['✓Connect Lever (done)', '✓Connect CoderPad (done)', 'Add configuration (to do)']);
    const lever = page.getByRole('region', { name: 'Lever' }).getByRole('status').filter({ hasText: 'Connected' });
    expect(await lever.textContent()).toMatch(/8 stages, 3 users/);
    const coderpad = page
      .getByRole('region', { name: 'CoderPad' })
      .getByRole('status')
      .filter({ hasText: 'Connected' });
    expect(await coderpad.textContent()).toMatch(/Acme Robotics, 488 pads left/);
    // Keys live in the extension's IndexedDB (a content script, in Lever's origin, cannot open it),
    // not in extension storage, which content scripts can read.
    expect(JSON.stringify(await h.storage())).not.toContain('sandbox-key');
    const secrets = (await h.rows('secrets')) as { name: string; value: { apiKey: string } }[];
    expect(secrets.find((s) => s.name === 'lever')?.value).toMatchObject({ apiKey: 'lever-sandbox-key' });
    const synced = await h.browser.serviceWorker.evaluate(() => chrome.storage.sync.get(null));
    expect(synced).toEqual({});
    // The page itself never holds the key once saved.
    expect(await page.getByRole('textbox', { name: 'Lever API key' }).inputValue()).toBe('');
  });

  it('exports the pads made as CSV, and Delete PadBridge data leaves nothing in the browser', async () => {
    await h.seedStorage(connectedStorage());
    const lever = await h.newPage();
    await lever.goto(h.candidateUrl('Ada Lovelace'));
    await createPadFor(lever, 'CoderPad: Live');
    await lever.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor();
    const padUrl = await lever.getByRole('link', { name: 'Pad for Ada Lovelace' }).getAttribute('href');

    const page = await h.newPage();
    await page.goto(h.optionsUrl);
    const section = page.getByRole('region', { name: 'Your data' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Export pads' }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^"Candidate",/);
    expect(csv).toContain('"Ada Lovelace"');
    expect(csv).toContain(`"${padUrl}"`);

    await section.getByRole('button', { name: 'Delete PadBridge data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete PadBridge data?' });
    await dialog.getByText(/the record of the pads you made \(1\)/).waitFor();
    await h.screenshot(page, 'options-delete-data');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await section.getByText(/PadBridge's data was deleted from this browser/).waitFor();
    // Nothing left: extension storage, the database's tables; the page is as on a first run.
    expect(await h.storage()).toEqual({});
    for (const table of ['records', 'jobs', 'secrets', 'setAside'] as const) expect(await h.rows(table)).toEqual([]);
    await page.getByRole('list', { name: 'Get started' }).waitFor();
    // Lever and CoderPad keep what was written there.
    expect(h.snapshot().pads).toHaveLength(1);
  });

  it('reports a dropped connection in words a user can act on', async () => {
    const page = await h.newPage();
    await page.goto(h.optionsUrl);
    h.sandbox.fault({ service: 'lever', drop: true, count: 20 });
    await page.getByRole('textbox', { name: 'Lever API key' }).fill('lever-sandbox-key');
    await page.getByRole('button', { name: 'Connect Lever' }).click();
    const alert = page.getByRole('region', { name: 'Lever' }).getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/Could not reach Lever/);
  });

  it('creates a live and a take-home configuration that survive a reload, and picks who to act as', async () => {
    const page = await h.newPage();
    await connectBoth(page, h.optionsUrl);
    await page
      .getByRole('combobox', { name: 'Act as Lever user' })
      .selectOption({ label: 'Jules Martin <jules.martin@acme.example>' });
    await page.getByText('Saved.', { exact: true }).waitFor();

    await addConfiguration(page, {
      stage: 'Technical interview',
      type: 'Live interview',
      question: 'LRU cache',
      tag: 'CP Live',
    });
    // The take-home question sits on the third page of the sandbox's questions.
    await page.getByRole('button', { name: 'Add configuration' }).click();
    const form = page.getByRole('form', { name: 'New configuration' });
    await form.getByRole('radio', { name: 'Take-home test' }).check();
    const question = form.getByRole('combobox', { name: 'Question', exact: true });
    const titles = await question.locator('option').allTextContents();
    expect(titles.some((title) => title.includes('Data pipeline take-home'))).toBe(true);
    expect(titles.some((title) => title.includes('LRU cache'))).toBe(false);
    expect(titles.some((title) => title.includes('draft'))).toBe(false);
    await form.getByRole('combobox', { name: 'Hiring stage' }).selectOption({ label: 'Take-home assessment' });
    await form.getByRole('textbox', { name: 'Tag name' }).fill('CP Take-home');
    // Without a question a take-home cannot be created.
    const create = form.getByRole('button', { name: 'Create' });
    expect(await create.isDisabled()).toBe(true);
    expect(await form.getByText('A take-home test needs a take-home question.').isVisible()).toBe(true);
    await form.getByRole('searchbox', { name: 'Search questions' }).fill('pipeline');
    await question.selectOption({ label: 'Data pipeline take-home (python)' });
    await create.click();
    await page.getByRole('listitem', { name: 'CP Take-home' }).waitFor();

    // Everything set up: the checklist is gone.
    expect(await page.getByRole('list', { name: 'Get started' }).count()).toBe(0);

    await page.reload();
    const live = page.getByRole('listitem', { name: 'CP Live' });
    await live.waitFor();
    expect(await live.textContent()).toMatch(/Technical interview.*Live interview.*LRU cache/);
    const takeHome = page.getByRole('listitem', { name: 'CP Take-home' });
    expect(await takeHome.textContent()).toMatch(/Take-home assessment.*Take-home test.*Data pipeline take-home/);
    await expect.poll(() => page.getByRole('combobox', { name: 'Act as Lever user' }).inputValue()).toBe('u-5a6b7c8d');
    await h.screenshot(page, 'options-configured');
  });

  it('refuses a duplicate tag inline', async () => {
    const page = await h.newPage();
    await connectBoth(page, h.optionsUrl);
    await addConfiguration(page, { stage: 'On-site', type: 'Live interview', tag: 'Dup' });
    await page.getByRole('button', { name: 'Add configuration' }).click();
    const form = page.getByRole('form', { name: 'New configuration' });
    await form.getByRole('combobox', { name: 'Hiring stage' }).selectOption({ label: 'Offer' });
    await form.getByRole('textbox', { name: 'Tag name' }).fill('Dup');
    await form.getByText('Another configuration already uses this tag.').waitFor();
    expect(await form.getByRole('button', { name: 'Create' }).isDisabled()).toBe(true);
    await form.getByRole('textbox', { name: 'Tag name' }).fill('dup');
    await form.getByText(/case-sensitive/).waitFor();
    await h.screenshot(page, 'options-wizard-validation');
  });

  it('exports configurations and imports them back; a bad file changes nothing', async () => {
    const page = await h.newPage();
    await connectBoth(page, h.optionsUrl);
    await addConfiguration(page, { stage: 'On-site', type: 'Live interview', tag: 'Round trip' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export configurations' }).click(),
    ]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('sandbox-key');
    const file = JSON.parse(text);
    expect(file.configurations.map((c: { tag: string }) => c.tag)).toEqual(['Round trip']);

    await page.getByRole('listitem', { name: 'Round trip' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('listitem', { name: 'Round trip' }).waitFor({ state: 'detached' });

    const input = page.getByLabel('Import configurations', { exact: true }).and(page.locator('input[type=file]'));
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"x"}'),
    });
    const refused = page.getByRole('alert').filter({ hasText: 'not imported' });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/format/);

    await input.setInputFiles({ name: 'configs.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.getByRole('status').filter({ hasText: 'Imported: 1 added' }).waitFor();
    await page.getByRole('listitem', { name: 'Round trip' }).waitFor();
  });

  it('flags a configuration whose stage was deleted in Lever, and undoes a delete', async () => {
    const page = await h.newPage();
    await connectBoth(page, h.optionsUrl);
    await addConfiguration(page, { stage: 'Offer', type: 'Live interview', tag: 'Late stage' });
    h.sandbox.state.stages = h.sandbox.state.stages.filter((s) => s.id !== 'offer');
    await page.reload();
    const item = page.getByRole('listitem', { name: 'Late stage' });
    await item.getByText(/no longer exists in Lever/).waitFor();
    await item.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('listitem', { name: 'Late stage' }).waitFor();
  });
});
