import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectedStorage, LIVE_CONFIGURATION } from '../fixtures/seeded';
import { candidate, createPadFor, withExtension } from './harness';

const h = withExtension();

/** An admin has connected both services and made two configurations (the options suite covers doing that). */
const seedConfigured = () => h.seedStorage(connectedStorage());
const LIVE = LIVE_CONFIGURATION;

const upToDate = (page: Page) => page.getByRole('status').filter({ hasText: 'Lever is up to date' });
const writesTo = (id: string) =>
  h.snapshot().requests.filter((r) => r.service === 'lever' && r.method !== 'GET' && r.path.includes(id));

describe('recruiter flow on a Lever candidate page', () => {
  it('tags, moves, creates the pad, links it and notes it, showing each state', async () => {
    await seedConfigured();
    h.sandbox.state.options.latencyMs = 250;
    const ada = candidate('Ada Lovelace');
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Ada Lovelace'));
    await page.getByRole('button', { name: 'Create CoderPad pad' }).click();
    const menu = page.getByRole('menu', { name: 'PadBridge configurations' });
    await menu.getByRole('menuitem', { name: 'CoderPad: Live' }).waitFor();
    await h.screenshot(page, 'flow-1-menu');
    await menu.getByRole('menuitem', { name: 'CoderPad: Live' }).click();
    await page.getByText(/Add the tag “CoderPad: Live” to Ada Lovelace, move them to “Technical interview”/).waitFor();
    // An interviewer named among Lever's users: the pad is theirs in CoderPad, the note names them.
    const interviewer = page.getByRole('combobox', { name: 'Interviewer' });
    await expect.poll(() => interviewer.isEnabled()).toBe(true);
    await interviewer.selectOption({ label: 'Jules Martin (jules.martin@acme.example)' });
    await h.screenshot(page, 'flow-2-confirm');
    await page.getByRole('button', { name: 'Yes, create' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Creating the pad/ })
      .waitFor();
    await h.screenshot(page, 'flow-3-progress');

    const link = page.getByRole('link', { name: 'Pad for Ada Lovelace' });
    await link.waitFor();
    const url = await link.getAttribute('href');
    expect(url).toMatch(/^https:\/\/coderpad\.io\/\w+$/);
    await upToDate(page).waitFor();
    await page.getByText('CoderPad: Live', { exact: true }).first().waitFor();
    await page.waitForTimeout(2100); // the sandbox's Lever page refreshes every 2 s
    await h.screenshot(page, 'flow-4-done');

    const state = h.snapshot();
    const after = state.opportunities.find((o) => o.id === ada.id);
    expect(after?.tags).toContain('CoderPad: Live');
    expect(after?.stage).toBe(LIVE.stageId);
    expect(after?.links).toContain(url);
    expect(after?.notes).toHaveLength(1);
    expect(after?.notes[0]?.value).toContain(url);
    expect(state.pads).toHaveLength(1);
    expect(state.pads[0]?.question_ids).toEqual([102]);
    expect(state.pads[0]?.owner_email).toBe('jules.martin@acme.example');
    expect(after?.notes[0]?.value).toContain('\nInterviewer: Jules Martin\n');
    const toInterviewer = await page.getByRole('button', { name: 'Email interviewer' }).getAttribute('data-mailto');
    expect(toInterviewer).toMatch(
      /^mailto:jules\.martin%40acme\.example\?subject=CoderPad%20pad%20for%20Ada%20Lovelace/,
    );
    expect(toInterviewer).toContain(encodeURIComponent(url ?? ''));

    // Copy link puts the pad URL on the clipboard.
    await h.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: 'https://hire.lever.co',
    });
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    const mailto = await page.getByRole('button', { name: 'Email candidate' }).getAttribute('data-mailto');
    expect(mailto).toContain(encodeURIComponent(url ?? ''));

    // Reloaded, the same configuration offers the pad that exists instead of making another.
    await page.reload();
    await createMenuChoice(page, 'CoderPad: Live');
    await page.getByText('Ada Lovelace already has a pad for “CoderPad: Live”.').waitFor();
    expect(await page.getByRole('link', { name: 'Pad for Ada Lovelace' }).getAttribute('href')).toBe(url);
    await page.getByRole('button', { name: 'Create another' }).waitFor();
    await h.screenshot(page, 'flow-5-existing');
    expect(h.snapshot().pads).toHaveLength(1);

    // In-page navigation to another candidate: a fresh widget, and a pad for that candidate.
    await page.getByRole('link', { name: /Grace Hopper/ }).click();
    await page.waitForURL(`**/candidates/${candidate('Grace Hopper').id}`);
    await page.getByRole('link', { name: 'Pad for Ada Lovelace' }).waitFor({ state: 'detached' });
    await createPadFor(page, 'CoderPad: Take-home');
    await upToDate(page).waitFor();
    const graceLink = await page.getByRole('link', { name: 'Pad for Grace Hopper' }).getAttribute('href');
    expect(graceLink).not.toBe(url);
    const pads = h.snapshot().pads;
    expect(pads).toHaveLength(2);
    expect(pads[1]?.type).toBe('take_home');
  });

  it('alerts on an archived candidate and writes nothing', async () => {
    await seedConfigured();
    const linus = candidate('Linus Torvalds');
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Linus Torvalds'));
    await page.getByRole('button', { name: 'Create CoderPad pad' }).click();
    await page.getByRole('alert').filter({ hasText: 'archived' }).waitFor();
    await page.getByRole('menuitem', { name: 'CoderPad: Live' }).click();
    await page.getByRole('button', { name: 'Yes, create' }).click();
    await page.getByRole('alert').filter({ hasText: 'nothing was changed' }).waitFor();
    await h.screenshot(page, 'flow-archived');
    expect(writesTo(linus.id)).toHaveLength(0);
    expect(h.snapshot().pads).toHaveLength(0);
  });

  it('shows a failure with what is done, and Retry completes it without a second pad', async () => {
    await seedConfigured();
    h.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/addLinks', status: 500, count: 5 });
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Barbara Liskov'));
    await createPadFor(page, 'CoderPad: Live');
    const alert = page.getByRole('alert').filter({ hasText: 'failed' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/Adding the pad link in Lever failed.*Already done:.*pad created/);
    await page.getByRole('link', { name: 'Pad for Barbara Liskov' }).waitFor();
    await h.screenshot(page, 'flow-failure');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await upToDate(page).waitFor();
    expect(h.snapshot().pads).toHaveLength(1);
  });

  it('keeps going when the service worker is stopped mid-job', async () => {
    await seedConfigured();
    h.sandbox.state.options.latencyMs = 400;
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Alan Turing'));
    await createPadFor(page, 'CoderPad: Live');
    await page
      .getByRole('status')
      .filter({ hasText: /Creating the pad|Linking|note/ })
      .waitFor();
    const cdp = await h.browser.context.newCDPSession(page);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) statuses.push(version.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // The page's next poll wakes a new worker, which resumes the job from its journal.
    await upToDate(page).waitFor({ timeout: 30_000 });
    const stoppedAt = statuses.indexOf('stopped');
    expect(stoppedAt).toBeGreaterThan(-1);
    expect(statuses.slice(stoppedAt)).toContain('running');
    const state = h.snapshot();
    expect(state.pads).toHaveLength(1);
    const alan = state.opportunities.find((o) => o.name === 'Alan Turing');
    expect(alan?.notes.length).toBeGreaterThanOrEqual(1);
    expect(alan?.links.filter((l) => l.includes('coderpad.io'))).toHaveLength(1);
  });
});

async function createMenuChoice(page: Page, tag: string) {
  await page.getByRole('button', { name: 'Create CoderPad pad' }).click();
  await page.getByRole('menuitem', { name: tag }).click();
}
