import { describe, expect, it } from 'vitest';
import { addConfiguration, connectBoth, createPadFor, withExtension } from './harness';

const h = withExtension();

describe('popup', () => {
  it('says how to start when nothing is set up', async () => {
    const popup = await h.newPage();
    await popup.setViewportSize({ width: 400, height: 520 });
    await popup.goto(h.popupUrl);
    await popup.getByText(/No pads yet/).waitFor();
    await popup.getByText(/not connected yet/).waitFor();
    await h.screenshot(popup, 'popup-empty');
  });

  it('lists the pads made, follows their status, and writes one summary note when one ends', async () => {
    const admin = await h.newPage();
    await connectBoth(admin, h.optionsUrl);
    await addConfiguration(admin, {
      stage: 'Technical interview',
      type: 'Live interview',
      question: 'LRU cache',
      tag: 'CP Live',
    });
    await admin.close();

    const lever = await h.newPage();
    for (const name of ['Ada Lovelace', 'Grace Hopper']) {
      await lever.goto(h.candidateUrl(name));
      await createPadFor(lever, 'CP Live');
      await lever.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor();
    }
    const [adaPad, gracePad] = h.snapshot().pads;
    if (!adaPad || !gracePad) throw new Error('pads missing');

    const popup = await h.newPage();
    await popup.setViewportSize({ width: 400, height: 520 });
    await popup.goto(h.popupUrl);
    await popup.getByRole('heading', { name: 'Recent pads' }).waitFor();
    const items = popup.getByRole('listitem');
    await items.first().waitFor();
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      'Grace Hopper',
      'Ada Lovelace',
    ]);
    const ada = popup.getByRole('listitem', { name: 'Ada Lovelace' });
    expect(await ada.textContent()).toMatch(/CP Live · Live interview/);
    await ada.getByText('Not started').waitFor();
    expect(await ada.getByRole('link', { name: 'Open in Lever' }).getAttribute('href')).toBe(
      h.candidateUrl('Ada Lovelace'),
    );

    // The pad link opens the pad.
    const [padTab] = await Promise.all([
      h.browser.context.waitForEvent('page'),
      ada.getByRole('link', { name: 'Pad for Ada Lovelace' }).click(),
    ]);
    await padTab.waitForLoadState();
    expect(padTab.url()).toBe(`https://coderpad.io/${adaPad.id}`);
    await padTab.close();

    // The search box filters by candidate.
    await popup.getByRole('searchbox', { name: 'Search pads' }).fill('grace');
    await expect.poll(() => items.count()).toBe(1);
    await popup.getByRole('searchbox', { name: 'Search pads' }).fill('');

    // The interview happens and ends in CoderPad; the next sync writes the summary, once.
    h.sandbox.state.endPad(adaPad.id, 52);
    const adaNoteCount = () => h.snapshot().opportunities.find((o) => o.name === 'Ada Lovelace')?.notes.length ?? 0;
    const notesBefore = adaNoteCount();
    await h.browser.serviceWorker.evaluate(() => chrome.alarms.create('padbridge-status', { when: Date.now() + 50 }));
    await expect.poll(adaNoteCount, { timeout: 15_000 }).toBe(notesBefore + 1);
    const adaNotes = h.snapshot().opportunities.find((o) => o.name === 'Ada Lovelace')?.notes ?? [];
    expect(adaNotes.at(-1)?.value).toMatch(/pad ended[\s\S]*\(52 min\)[\s\S]*Playback: https:\/\/coderpad\.io\//);
    const graceNotes = h.snapshot().opportunities.find((o) => o.name === 'Grace Hopper')?.notes ?? [];
    expect(graceNotes).toHaveLength(1);

    // Another round writes nothing more.
    await h.browser.serviceWorker.evaluate(() => chrome.alarms.create('padbridge-status', { when: Date.now() + 50 }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(adaNoteCount()).toBe(notesBefore + 1);

    await popup.reload();
    await popup.getByRole('listitem', { name: 'Ada Lovelace' }).getByText('Ended').waitFor();
    await h.screenshot(popup, 'popup-list');

    // Grace's pad is ended from its row: a confirmation, CoderPad ends it, its summary goes to Lever.
    const grace = popup.getByRole('listitem', { name: 'Grace Hopper' });
    await grace.getByRole('button', { name: 'End pad for Grace Hopper' }).click();
    await grace.getByRole('group', { name: /End the pad for Grace Hopper\?/ }).waitFor();
    await h.screenshot(popup, 'popup-end-pad');
    await grace.getByRole('button', { name: 'End pad', exact: true }).click();
    await grace.getByText('Ended').waitFor();
    expect(h.snapshot().pads.find((p) => p.id === gracePad.id)?.state).toBe('ended');
    const graceNoteCount = () => h.snapshot().opportunities.find((o) => o.name === 'Grace Hopper')?.notes.length ?? 0;
    await expect.poll(graceNoteCount, { timeout: 15_000 }).toBe(2);
  });
});
