import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NO_SUMMARY, type PadRecord } from '../../lib/pads/records';
import { connectedStorage, LIVE_CONFIGURATION, padRecord } from '../fixtures/seeded';
import { candidate, createPadFor, withExtension } from './harness';

/*
 * What PadBridge writes into Lever and keeps can never be doubled, lost or poisoned: each fault
 * and bad answer the services can give, driven through the built extension in Chromium.
 */

const h = withExtension();
const seedConfigured = () => h.seedStorage(connectedStorage());
const upToDate = (page: Page) => page.getByRole('status').filter({ hasText: 'Lever is up to date' });
const writes = (id: string, ending: string) =>
  h.snapshot().requests.filter((r) => r.service === 'lever' && r.method !== 'GET' && r.path.endsWith(`${id}${ending}`));
const padPosts = () => h.snapshot().requests.filter((r) => r.service === 'coderpad' && r.method === 'POST');

async function openCandidate(name: string): Promise<Page> {
  const page = await h.newPage();
  await page.goto(h.candidateUrl(name));
  return page;
}

describe('integrity through the built extension', () => {
  it('stops on a pad link that is not the pad’s own, and nothing of it reaches Lever', async () => {
    await seedConfigured();
    h.sandbox.state.options.padUrlOverride = 'javascript:alert(document.domain)';
    const ada = candidate('Ada Lovelace');
    const page = await openCandidate('Ada Lovelace');
    await createPadFor(page, 'CoderPad: Live');
    const alert = page.getByRole('alert').filter({ hasText: 'CoderPad answered with an unexpected link' });
    await alert.waitFor({ timeout: 20_000 });
    await h.screenshot(page, 'integrity-unexpected-link');
    expect(await page.locator('padbridge-widget').evaluate((w) => w.shadowRoot?.innerHTML ?? '')).not.toContain(
      'href="javascript:',
    );
    expect(await page.getByText('Pad ready').count()).toBe(0);
    // Retry finds the same pad, still with its bad link: no second pad, still nothing in Lever.
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('alert').filter({ hasText: 'unexpected link' }).waitFor({ timeout: 30_000 });
    const state = h.snapshot();
    expect(state.pads).toHaveLength(1);
    const after = state.opportunities.find((o) => o.id === ada.id);
    expect(JSON.stringify(after?.links)).not.toContain('javascript');
    expect(after?.notes).toHaveLength(0);
    expect(await h.rows('records')).toEqual([]);
  });

  it('adopts the pad when CoderPad made it but answered with a body that is not the documented one', async () => {
    await seedConfigured();
    h.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', malformedAfterAction: true });
    const page = await openCandidate('Grace Hopper');
    await createPadFor(page, 'CoderPad: Live');
    // An answer that cannot be read may hide a pad: it is looked for in CoderPad's list at once.
    await upToDate(page).waitFor({ timeout: 30_000 });
    expect(h.snapshot().pads).toHaveLength(1);
    expect(padPosts()).toHaveLength(1);
    const href = await page.getByRole('link', { name: 'Pad for Grace Hopper' }).getAttribute('href');
    expect(href).toBe(`https://coderpad.io/${h.snapshot().pads[0]?.id}`);
  });

  it('finds a lost pad in a pad list that lags and runs over several pages', async () => {
    await seedConfigured();
    Object.assign(h.sandbox.state.options, { padListLagMs: 3000, padListPageSize: 2, padListJunk: true });
    h.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', dropAfterAction: true });
    const page = await openCandidate('Alan Turing');
    await createPadFor(page, 'CoderPad: Live');
    // The answer was lost: at once the widget says it is searching, and offers Create anyway.
    await page.getByRole('status').filter({ hasText: 'Checking its pad list' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Create anyway' }).waitFor();
    // Colleagues' newer pads push ours past the first page.
    for (let i = 0; i < 4; i++) {
      await h.sandbox.fetch('https://app.coderpad.io/api/pads', {
        method: 'POST',
        headers: {
          Authorization: 'Token token="coderpad-sandbox-key"',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: `title=Other+${i}&language=python`,
      });
    }
    await h.screenshot(page, 'integrity-searching');
    await upToDate(page).waitFor({ timeout: 45_000 });
    expect(padPosts()).toHaveLength(5);
    const ours = h.snapshot().pads[0];
    expect(await page.getByRole('link', { name: 'Pad for Alan Turing' }).getAttribute('href')).toBe(
      `https://coderpad.io/${ours?.id}`,
    );
  }, 90_000);

  it('writes each Lever change and the pad once when every reply is lost after the service acted', async () => {
    await seedConfigured();
    const margaret = candidate('Margaret Hamilton');
    for (const [service, method, path] of [
      ['lever', 'POST', '/addTags'],
      ['lever', 'PUT', '/stage'],
      ['coderpad', 'POST', '/api/pads'],
      ['lever', 'POST', '/addLinks'],
      ['lever', 'POST', '/notes'],
    ] as const) {
      h.sandbox.fault({ service, method, pathIncludes: path, dropAfterAction: true });
    }
    const page = await openCandidate('Margaret Hamilton');
    await createPadFor(page, 'CoderPad: Live');
    // Each lost answer stops the job; Retry continues from what the journal and the services say.
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.getByRole('alert').or(upToDate(page)).first().waitFor({ timeout: 30_000 });
      if (await upToDate(page).count()) break;
      await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
      await page.getByRole('alert').waitFor({ state: 'detached' });
    }
    await upToDate(page).waitFor({ timeout: 30_000 });
    const state = h.snapshot();
    const after = state.opportunities.find((o) => o.id === margaret.id);
    expect(state.pads).toHaveLength(1);
    expect(after?.notes).toHaveLength(1);
    expect(after?.tags.filter((t) => t === LIVE_CONFIGURATION.tag)).toHaveLength(1);
    expect(after?.links.filter((l) => l.startsWith('https://coderpad.io/'))).toHaveLength(1);
    // Tag, stage and link are safe to repeat; the note never went twice.
    expect(writes(margaret.id, '/notes')).toHaveLength(1);
  }, 120_000);

  it('ignores clicks that Lever’s page scripts make inside the widget', async () => {
    await seedConfigured();
    const page = await openCandidate('Ken Thompson');
    await page.getByRole('button', { name: 'Create CoderPad pad' }).click();
    await page.getByRole('menuitem', { name: 'CoderPad: Live' }).click();
    await page.getByRole('button', { name: 'Yes, create' }).waitFor();
    // A page script (or an injected one) reaches into the open shadow root and clicks.
    await page.evaluate(() => {
      const root = document.querySelector('padbridge-widget')?.shadowRoot;
      const yes = [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.includes('Yes, create'));
      for (let i = 0; i < 5; i++) yes?.click();
      yes?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    await page.waitForTimeout(1500);
    expect(h.snapshot().pads).toHaveLength(0);
    expect(h.snapshot().requests.filter((r) => r.method !== 'GET')).toEqual([]);
    // The recruiter's own click still works.
    await page.getByRole('button', { name: 'Yes, create' }).click();
    await upToDate(page).waitFor({ timeout: 20_000 });
    expect(h.snapshot().pads).toHaveLength(1);
  });

  it('ships its style inside the widget: no extension file is reachable from Lever’s pages', async () => {
    const manifest = await h.browser.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.minimum_chrome_version).toBe('120');
    await seedConfigured();
    const page = await openCandidate('Ada Lovelace');
    const button = page.getByRole('button', { name: 'Create CoderPad pad' });
    await button.waitFor();
    // Styled all the same (the panel's button has its own background, not the browser default).
    expect(await button.evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  });

  it('says when a summary could not be written, without writing a link that is not the pad’s own', async () => {
    await seedConfigured();
    h.sandbox.state.options.playbackOverride = 'https://evil.example/playback';
    const page = await openCandidate('Barbara Liskov');
    await createPadFor(page, 'CoderPad: Live');
    await upToDate(page).waitFor({ timeout: 20_000 });
    const pad = h.snapshot().pads[0];
    h.sandbox.state.endPad(pad?.id ?? '');
    const popup = await h.newPage();
    await popup.goto(h.popupUrl);
    const row = popup.getByRole('listitem', { name: 'Barbara Liskov' });
    await row.getByText(/could not write the summary/).waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toMatch(/unexpected link/);
    await h.screenshot(popup, 'integrity-summary-failed');
    const notes = h.snapshot().opportunities.find((o) => o.name === 'Barbara Liskov')?.notes ?? [];
    expect(notes).toHaveLength(1); // the creation note only
    expect(JSON.stringify(notes)).not.toContain('evil.example');
  });

  it('keeps unreadable stored configurations, says so, and offers them for export', async () => {
    const bad = { ...LIVE_CONFIGURATION, id: 'not-a-uuid', tag: 'Broken, tag' };
    await h.seedStorage({ ...connectedStorage(), configurations: [LIVE_CONFIGURATION, bad] });
    const page = await h.newPage();
    await page.goto(h.optionsUrl);
    const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
    await alert.waitFor();
    await h.screenshot(page, 'integrity-stored-data');
    const download = page.waitForEvent('download');
    await alert.getByRole('button', { name: 'Export raw data' }).click();
    const file = await download;
    const text = await (await file.createReadStream()).toArray();
    expect(Buffer.concat(text).toString()).toContain('not-a-uuid');
    // A change is refused rather than written over the unreadable entry.
    await page.getByRole('listitem', { name: LIVE_CONFIGURATION.tag }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alert').filter({ hasText: 'could not be read, so nothing was changed' }).waitFor();
    expect(((await h.storage()).configurations as unknown[]).length).toBe(2);
    // Once exported, the admin may remove what cannot be read; the rest stays.
    await alert.getByRole('button', { name: 'Remove unreadable configurations' }).click();
    await page.getByRole('status').filter({ hasText: '1 unreadable configuration(s) removed' }).waitFor();
    expect((await h.storage()).configurations).toEqual([LIVE_CONFIGURATION]);
  });

  it('moves pad records and jobs kept by the previous version into the database when the worker starts', async () => {
    const now = Date.now();
    const legacy = [1, 2, 3].map((n) => {
      const { summary: _, ...rest } = padRecord(n, now);
      return { ...rest, summary: { state: 'none', noteId: null } };
    });
    await h.seedStorage({ ...connectedStorage(), padRecords: legacy, padRecords$: { v: 2 } });
    const page = await h.newPage();
    await page.goto(h.popupUrl);
    const cdp = await h.browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.reload();
    await page.getByRole('listitem', { name: 'Candidate 1' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('listitem').count()).toBe(3);
    const stored = await h.storage();
    expect(stored.padRecords).toBeUndefined();
    expect((await h.rows('records')).length).toBe(3);
  });

  it('keeps every record and one summary per pad: 20 pads from four tabs while 10 pads end, popup open', async () => {
    await seedConfigured();
    const now = Date.now();
    // Ten pads made earlier, still running in CoderPad.
    const earlier: PadRecord[] = [];
    for (let i = 0; i < 10; i++) {
      const made = await h.sandbox.fetch('https://app.coderpad.io/api/pads', {
        method: 'POST',
        headers: {
          Authorization: 'Token token="coderpad-sandbox-key"',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: `title=Earlier+${i}&language=python`,
      });
      const pad = (await made.json()) as { id: string; url: string };
      const who = candidate(
        ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Dennis Ritchie', 'Ken Thompson'][i % 5] ?? '',
      );
      earlier.push(
        padRecord(i, now, {
          padId: pad.id,
          url: pad.url,
          opportunityId: who.id,
          candidateName: `Earlier ${i}`,
          createdAt: now - (i + 1) * 60_000,
          summary: NO_SUMMARY,
        }),
      );
    }
    await h.seedRows({ records: earlier });
    const popup = await h.newPage();
    await popup.goto(h.popupUrl);
    await popup.getByRole('listitem', { name: 'Earlier 0' }).waitFor();

    // Twenty new pads from four tabs, each tab taking turns between its own two candidates, while
    // the ten earlier pads end.
    const perTab = [
      ['Ada Lovelace', 'Grace Hopper'],
      ['Alan Turing', 'Margaret Hamilton'],
      ['Barbara Liskov', 'Ken Thompson'],
      ['Katherine Johnson', 'Dennis Ritchie'],
    ];
    const tabs = await Promise.all(perTab.map(() => h.newPage()));
    const work = tabs.map(async (tab, t) => {
      for (let i = 0; i < 5; i++) {
        const name = perTab[t]?.[i % 2] ?? '';
        await tab.goto(h.candidateUrl(name));
        await tab.getByRole('button', { name: 'Create CoderPad pad' }).click();
        await tab.getByRole('menuitem', { name: 'CoderPad: Live' }).click();
        const another = tab.getByRole('button', { name: 'Create another' });
        const yes = tab.getByRole('button', { name: 'Yes, create' });
        await another.or(yes).first().waitFor();
        // Create another asks again, as the first pad was asked for.
        if (await another.count()) await another.click();
        await yes.click();
        await upToDate(tab).or(tab.getByRole('alert')).first().waitFor({ timeout: 60_000 });
        if (t === 0 && i === 0) for (const record of earlier) h.sandbox.state.endPad(record.padId);
      }
    });
    await Promise.all(work);
    // The popup's next status round (every 30 s) picks up the ended pads and writes their summaries.
    const deadline = Date.now() + 60_000;
    const summaries = () => h.snapshot().opportunities.flatMap((o) => o.notes.filter((n) => /pad ended/.test(n.value)));
    while (summaries().length < earlier.length && Date.now() < deadline) await popup.waitForTimeout(1000);

    const state = h.snapshot();
    const rows = (await h.rows('records')) as { padId: string; summary: { state: string } }[];
    expect(state.pads).toHaveLength(30);
    expect(rows.map((r) => r.padId).sort()).toEqual(state.pads.map((p) => p.id).sort());
    for (const record of earlier) {
      const notes = summaries().filter((n) => n.value.includes(`S-${record.padId}`));
      expect(notes, record.padId).toHaveLength(1);
      expect(rows.find((r) => r.padId === record.padId)?.summary.state).toBe('written');
    }
    // Each new pad has its one creation note.
    const creationNotes = state.opportunities.flatMap((o) =>
      o.notes.filter((n) => /created by PadBridge/.test(n.value)),
    );
    expect(creationNotes).toHaveLength(20);
  }, 180_000);
});
