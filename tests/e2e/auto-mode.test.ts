import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTO_TIMING, type AutoTiming } from '../../lib/auto-mode/state-schema';
import { type ExtensionBrowser, launchExtensionBrowser } from '../../sandbox/browser';
import { connectedStorage, LIVE_CONFIGURATION } from '../fixtures/seeded';
import { candidate, createPadFor, tagAndMoveInLever, turnOnAutoMode, until, withExtension } from './harness';

/*
 * Auto mode through the built extension: a recruiter tags and moves a candidate in Lever's own
 * page, and PadBridge makes the pad without a click — once, even with a click racing it or a
 * second browser profile polling the same Lever account. Polls are every 6 seconds here (the
 * product's minute, shortened through the stored timing).
 */

const h = withExtension();
const TIMING: AutoTiming = { ...AUTO_TIMING, pollMinutes: 0.1, settleMs: 2_000, claimWaitMs: 1_500 };
const CYCLE_MS = TIMING.pollMinutes * 60_000;
const TAG = LIVE_CONFIGURATION.tag;
const STAGE = LIVE_CONFIGURATION.stageName;
const pads = () => h.snapshot().pads;
const listPolls = (since: number) =>
  h
    .snapshot()
    .requests.filter(
      (r) =>
        r.service === 'lever' && r.path === '/v1/opportunities' && r.query.tag?.includes(TAG) && r.receivedAt >= since,
    );

/** A profile connected with the live configuration and auto mode turned on in its options page. */
async function autoModeOn(
  seed: (items: Record<string, unknown>) => Promise<void>,
  open: () => Promise<Page>,
  optionsUrl: string,
  checked?: (page: Page) => Promise<unknown>,
) {
  await seed({ ...connectedStorage([LIVE_CONFIGURATION]), autoTiming: TIMING });
  const options = await open();
  await options.goto(optionsUrl);
  await turnOnAutoMode(options, TAG, 'en', checked && (() => checked(options)));
  return options;
}

/** The Lever page of a candidate, where the recruiter tags and moves them by hand. */
async function moveInLever(name: string, page?: Page): Promise<number> {
  const lever = page ?? (await h.newPage());
  await lever.goto(h.candidateUrl(name));
  await tagAndMoveInLever(lever, TAG, STAGE);
  return Date.now();
}

let second: ExtensionBrowser | undefined;
afterEach(async () => {
  await second?.close();
  second = undefined;
});

describe('auto mode', () => {
  it('makes exactly one pad within two polls of a candidate moved in Lever, with its link and note; Activity shows it', async () => {
    const options = await autoModeOn(h.seedStorage, h.newPage, h.optionsUrl, (page) =>
      h.screenshot(page, 'auto-mode-form'),
    );
    await h.screenshot(options, 'auto-mode-on');
    const grace = candidate('Grace Hopper');
    const lever = await h.newPage();
    await lever.goto(h.candidateUrl('Grace Hopper'));
    await h.screenshot(lever, 'lever-tag-and-move');
    const movedAt = await moveInLever('Grace Hopper', lever);

    const pad = await until('the pad', () => pads()[0], 4 * CYCLE_MS + 10_000);
    // Polls that listed the tag between the move and the pad: the one that saw the candidate,
    // the one that claimed them.
    expect(listPolls(movedAt).filter((r) => r.receivedAt <= Date.parse(pad.created_at)).length).toBeLessThanOrEqual(2);
    const url = `https://coderpad.io/${pad.id}`;
    const graceNow = () => h.snapshot().opportunities.find((o) => o.id === grace.id);
    await until(
      'the link and note',
      () => graceNow()?.links.includes(url) && graceNow()?.notes.some((n) => n.value.includes(url)),
      10_000,
    );
    const notes = graceNow()?.notes ?? [];
    expect(notes.filter((n) => n.value.includes('padbridge-claim:'))).toHaveLength(1);

    const activity = options.getByRole('list', { name: 'Activity' });
    const entry = activity.getByRole('listitem', { name: 'Grace Hopper — Pad created' });
    await entry.waitFor({ timeout: 15_000 });
    expect(
      await entry.getByRole('link', { name: `coderpad.io/${pad.id} — pad for Grace Hopper` }).getAttribute('href'),
    ).toBe(url);
    await h.screenshot(options, 'auto-mode-activity');

    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '"When","Candidate","Candidate in Lever","Configuration tag","Result","Pad","Error"',
    );
    expect(csv).toContain(`"Grace Hopper","${h.candidateUrl('Grace Hopper')}","${TAG}","Pad created","${url}",""`);

    // Two more polls: still the one pad.
    await new Promise((resolve) => setTimeout(resolve, 2 * CYCLE_MS + 1_000));
    expect(pads()).toHaveLength(1);
  });

  it('skips a candidate who already holds a CoderPad link, and says so in Activity', async () => {
    const options = await autoModeOn(h.seedStorage, h.newPage, h.optionsUrl);
    await moveInLever('Dennis Ritchie');
    const entry = options
      .getByRole('list', { name: 'Activity' })
      .getByRole('listitem', { name: 'Dennis Ritchie — Skipped: the candidate already has a CoderPad link' });
    await entry.waitFor({ timeout: 4 * CYCLE_MS + 10_000 });
    await h.screenshot(options, 'auto-mode-skipped');
    expect(pads()).toHaveLength(0);
  });

  it('a click racing the poll gives one pad', async () => {
    await autoModeOn(h.seedStorage, h.newPage, h.optionsUrl);
    const lever = await h.newPage();
    await lever.goto(h.candidateUrl('Grace Hopper'));
    const movedAt = await moveInLever('Grace Hopper', lever);
    // The recruiter clicks as the second poll (the one that claims) comes.
    await until('the first poll after the move', () => listPolls(movedAt).length >= 1, 3 * CYCLE_MS);
    await new Promise((resolve) => setTimeout(resolve, CYCLE_MS - 1_000));
    await createPadFor(lever, TAG);
    // Either the click's job makes the pad (the poll then finds it), or the poll's came first and
    // the click is told so: which one depends on how fast this machine is, one pad either way.
    await lever
      .getByRole('status')
      .filter({ hasText: /Lever is up to date|already has a pad/ })
      .first()
      .waitFor({ timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 2 * CYCLE_MS + TIMING.claimWaitMs));
    expect(pads()).toHaveLength(1);
    const grace = h.snapshot().opportunities.find((o) => o.id === candidate('Grace Hopper').id);
    expect(grace?.links.filter((l) => l.startsWith('https://coderpad.io/'))).toHaveLength(1);
  });

  it('two profiles with auto mode on make one pad; the other profile’s Team view lists it', async () => {
    const firstOptions = await autoModeOn(h.seedStorage, h.newPage, h.optionsUrl);
    second = await launchExtensionBrowser({ hostResolverRules: h.sandbox.hostResolverRules, headless: true });
    const other = second;
    const seedOther = async (items: Record<string, unknown>) => {
      const page = await other.context.newPage();
      await page.goto(h.popupUrl);
      await page.evaluate((values) => chrome.storage.local.set(values), items);
      await page.close();
    };
    const secondOptions = await autoModeOn(seedOther, () => other.context.newPage(), h.optionsUrl);

    const grace = candidate('Grace Hopper');
    await moveInLever('Grace Hopper');
    const pad = await until('the pad', () => pads()[0], 4 * CYCLE_MS + 15_000);
    // Both profiles poll a few more times: still one pad, one creation note.
    await new Promise((resolve) => setTimeout(resolve, 3 * CYCLE_MS));
    expect(pads()).toHaveLength(1);
    const url = `https://coderpad.io/${pad.id}`;
    const notes = h.snapshot().opportunities.find((o) => o.id === grace.id)?.notes ?? [];
    expect(notes.filter((n) => n.value.includes(url) && !n.value.includes('padbridge-claim:'))).toHaveLength(1);

    // Each profile's Activity says what it did: one made the pad, the other stepped back.
    const said = async (page: Page) => {
      const item = page.getByRole('list', { name: 'Activity' }).getByRole('listitem', { name: /^Grace Hopper — / });
      await item.first().waitFor({ timeout: 15_000 });
      return (await item.first().getAttribute('aria-label')) ?? '';
    };
    const results = [await said(firstOptions), await said(secondOptions)];
    const maker = results.findIndex((r) => r.endsWith('Pad created'));
    expect(maker).toBeGreaterThanOrEqual(0);
    expect(results[1 - maker]).toMatch(/Left to another browser|already has a CoderPad link/);
    await h.screenshot(maker === 0 ? secondOptions : firstOptions, 'auto-mode-stepped-back');

    // The profile that did not make it sees it in the popup's Team view, from Lever.
    const popup = maker === 0 ? await other.context.newPage() : await h.newPage();
    await popup.setViewportSize({ width: 400, height: 560 });
    await popup.goto(h.popupUrl);
    await popup.getByRole('tab', { name: 'Team' }).click();
    const row = popup.getByRole('list', { name: 'Team pads' }).getByRole('listitem', { name: 'Grace Hopper' });
    await row.waitFor({ timeout: 15_000 });
    expect(
      await row.getByRole('link', { name: `coderpad.io/${pad.id} — pad for Grace Hopper` }).getAttribute('href'),
    ).toBe(url);
    expect(await row.textContent()).toContain('by PadBridge auto mode');
    await h.screenshot(popup, 'popup-team');
    // Team's search: by the candidate's name (word beginnings, case ignored), and what matches nothing.
    const search = popup.getByRole('tabpanel').getByRole('searchbox', { name: 'Search pads' });
    await search.fill('GRAC');
    await row.waitFor();
    await search.fill('nobody');
    await popup.getByText(/No pad matches/).waitFor();
    expect(await row.count()).toBe(0);
    await search.fill('');
    // Its own pads: none.
    await popup.getByRole('tab', { name: 'My pads' }).click();
    await popup.getByText(/No pads yet/).waitFor();
  });
});

describe('auto mode when a browser goes away', () => {
  it('a profile closed right after writing its claim: the other follows the candidate and makes the one pad once the claim lapses', async () => {
    // A claim lapses after 20 s here (the product's 15 minutes); the claimer's wait is long
    // enough to close it between its claim and its pad.
    const lapsing: AutoTiming = { ...TIMING, claimWaitMs: 5_000, claimTtlMs: 20_000 };
    second = await launchExtensionBrowser({ hostResolverRules: h.sandbox.hostResolverRules, headless: true });
    const other = second;
    const page = await other.context.newPage();
    await page.goto(h.popupUrl);
    await page.evaluate((values) => chrome.storage.local.set(values), {
      ...connectedStorage([LIVE_CONFIGURATION]),
      autoTiming: lapsing,
    } as Record<string, unknown>);
    await page.goto(h.optionsUrl);
    await turnOnAutoMode(page, TAG, 'en');

    const grace = candidate('Grace Hopper');
    await moveInLever('Grace Hopper');
    const claims = () =>
      (h.snapshot().opportunities.find((o) => o.id === grace.id)?.notes ?? []).filter((n) =>
        n.value.includes('padbridge-claim:'),
      );
    await until('the other profile’s claim', () => claims()[0], 4 * CYCLE_MS + 15_000);
    // Closed before its wait ends: its claim stays in Lever with no pad behind it.
    await other.close();
    second = undefined;
    const closedAt = Date.now();
    expect(pads()).toHaveLength(0);

    await h.seedStorage({ ...connectedStorage([LIVE_CONFIGURATION]), autoTiming: lapsing });
    const options = await h.newPage();
    await options.goto(h.optionsUrl);
    await turnOnAutoMode(options, TAG, 'en');
    const pad = await until('the pad after the lapse', () => pads()[0], lapsing.claimTtlMs + 4 * CYCLE_MS + 15_000);
    // Not before the claim lapsed, and only one.
    expect(Date.now() - closedAt).toBeGreaterThan(lapsing.claimTtlMs - lapsing.claimWaitMs - 2_000);
    await new Promise((resolve) => setTimeout(resolve, 2 * CYCLE_MS));
    expect(pads()).toHaveLength(1);
    const links = h.snapshot().opportunities.find((o) => o.id === grace.id)?.links ?? [];
    expect(links).toContain(`https://coderpad.io/${pad.id}`);
    expect(claims()).toHaveLength(2);
    const item = options.getByRole('list', { name: 'Activity' }).getByRole('listitem', { name: /^Grace Hopper — / });
    await item.first().waitFor({ timeout: 15_000 });
    expect(await item.first().getAttribute('aria-label')).toBe('Grace Hopper — Pad created');
    // Its ceiling: two waits for polls and a claim's lapse, each bounded above (real alarms here).
  }, 180_000);
});
