import { describe, expect, it } from 'vitest';
import { connectedStorage } from '../fixtures/seeded';
import { CODERPAD_KEY_OWNER, users } from '../../sandbox/seed';
import { candidate, createPadFor, withExtension } from './harness';

/*
 * Act as, end to end: with a Lever user chosen, every write PadBridge makes in Lever carries
 * perform_as (tag, stage, link, creation note, and the summary note when the pad ends), and the
 * pad is owned by that user's e-mail in CoderPad, or by the key's owner when CoderPad refuses.
 */

const h = withExtension();
const maya = users.find((u) => u.email);
if (!maya?.email) throw new Error('the seed has a user with an e-mail');
const ACT_AS = { userId: maya.id, name: maya.name, email: maya.email };

const leverWrites = (opportunityId: string) =>
  h.snapshot().requests.filter((r) => r.service === 'lever' && r.method !== 'GET' && r.path.includes(opportunityId));
const upToDate = (page: import('playwright-core').Page) =>
  page.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor();

describe('Act as', () => {
  it('attributes every Lever write, the summary note included, and gives the pad to that user', async () => {
    await h.seedStorage({ ...connectedStorage(), actAs: ACT_AS });
    const ada = candidate('Ada Lovelace');
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Ada Lovelace'));
    await createPadFor(page, 'CoderPad: Live');
    await upToDate(page);
    const pad = h.snapshot().pads[0];
    expect(pad?.owner_email).toBe(maya.email);

    // Tag, stage, link and note: four writes, each as Maya.
    const creation = leverWrites(ada.id);
    expect(creation.map((r) => r.path.split('/').pop())).toEqual(
      expect.arrayContaining(['addTags', 'stage', 'addLinks', 'notes']),
    );
    expect(creation.map((r) => r.query.perform_as?.[0])).toEqual(creation.map(() => maya.id));

    // The interview ends; the summary note is written as Maya too.
    if (!pad) throw new Error('no pad');
    h.sandbox.state.endPad(pad.id, 30);
    const notes = () => h.snapshot().opportunities.find((o) => o.id === ada.id)?.notes.length ?? 0;
    await h.browser.serviceWorker.evaluate(() => chrome.alarms.create('padbridge-status', { when: Date.now() + 50 }));
    await expect.poll(notes, { timeout: 15_000 }).toBe(2);
    const summary = leverWrites(ada.id).at(-1);
    expect(summary?.path).toMatch(/\/notes$/);
    expect(summary?.query.perform_as).toEqual([maya.id]);
  });

  it('makes the pad under the key’s owner when CoderPad refuses the owner, and says so', async () => {
    await h.seedStorage({ ...connectedStorage(), actAs: ACT_AS });
    h.sandbox.state.options.refuseOwnerEmail = true;
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Grace Hopper'));
    await createPadFor(page, 'CoderPad: Live');
    await upToDate(page);
    await page.getByText(`CoderPad would not make ${maya.email} the pad's owner`).waitFor();
    await h.screenshot(page, 'act-as-owner-refused');
    const pads = h.snapshot().pads;
    expect(pads).toHaveLength(1);
    expect(pads[0]?.owner_email).toBe(CODERPAD_KEY_OWNER);
    expect(h.sandbox.state.coderpadUsersCreated).toEqual([]);
    // Lever's writes are still Maya's.
    const writes = leverWrites(candidate('Grace Hopper').id);
    expect(writes.map((r) => r.query.perform_as?.[0])).toEqual(writes.map(() => maya.id));
  });

  it('never adds the Act-as user to CoderPad: one who is not a CoderPad user gets no pad of their own, and the widget says so', async () => {
    const priya = users.find((u) => u.name === 'Priya Raman');
    if (!priya?.email) throw new Error('the seed has Priya');
    await h.seedStorage({ ...connectedStorage(), actAs: { userId: priya.id, name: priya.name, email: priya.email } });
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Alan Turing'));
    await createPadFor(page, 'CoderPad: Live');
    await upToDate(page);
    await page.getByText(`${priya.email} is not a user of your CoderPad organisation`).waitFor();
    await h.screenshot(page, 'act-as-not-in-coderpad');
    expect(h.snapshot().pads[0]?.owner_email).toBe(CODERPAD_KEY_OWNER);
    expect(h.sandbox.state.coderpadUsersCreated).toEqual([]);
  });
});
