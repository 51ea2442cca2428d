import { describe, expect, it } from 'vitest';
import { opportunities } from '../../sandbox/seed';
import { connectedStorage } from '../fixtures/seeded';
import { choosePadFor, openPadMenu, withExtension } from './harness';

/*
 * Lever as it really is: a candidate page reached by the person's (contact's) id, and a person
 * with two applications, each with its own pad and note, though Lever shows links on both.
 */

const h = withExtension();
const [first, second] = opportunities.filter((o) => o.contact === 'c-0001');
if (!first || !second) throw new Error('the seed gives Ada two applications');
const notesOf = (id: string) => h.snapshot().opportunities.find((o) => o.id === id)?.notes ?? [];
const upToDate = (page: import('playwright-core').Page) =>
  page.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor();

describe('real Lever', () => {
  it('takes ?id= only among the page person’s applications: another person’s is refused, read and written nowhere', async () => {
    await h.seedStorage(connectedStorage());
    const grace = opportunities.find((o) => o.name === 'Grace Hopper');
    if (!grace) throw new Error('no Grace');
    const page = await h.newPage();
    await page.goto(`https://hire.lever.co/candidates/${first.id}?id=${grace.id}`);
    await page.getByRole('button', { name: 'Create CoderPad pad' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'not one of this person' });
    await alert.waitFor();
    await h.screenshot(page, 'lever-other-person');
    const api = h.snapshot().requests.filter((r) => r.service === 'lever');
    expect(api.filter((r) => r.path.includes(grace.id) || r.query.contact_id?.includes(grace.contact))).toEqual([]);
    expect(api.filter((r) => r.method !== 'GET')).toEqual([]);
    // The person's own second application, named the same way, is taken.
    await page.goto(`https://hire.lever.co/candidates/${first.id}?id=${second.id}`);
    await openPadMenu(page);
    const applications = page.getByRole('radiogroup', { name: 'Application' });
    expect(await applications.getByRole('radio', { name: /^Engineering Lead/ }).isChecked()).toBe(true);
  });

  it('on a page reached by the person’s id, makes the pad for their open application', async () => {
    await h.seedStorage(connectedStorage());
    const page = await h.newPage();
    await page.goto('https://hire.lever.co/candidates/c-0001');
    await openPadMenu(page);
    const applications = page.getByRole('radiogroup', { name: 'Application' });
    await applications.waitFor();
    expect(await applications.getByRole('radio').count()).toBe(2);
    // The open application is the one picked; the page was reached by the person's id.
    expect(await applications.getByRole('radio', { name: /^Senior Backend Engineer/ }).isChecked()).toBe(true);
    await choosePadFor(page, 'CoderPad: Live');
    await upToDate(page);
    expect(notesOf(first.id)).toHaveLength(1);
    expect(notesOf(second.id)).toHaveLength(0);
  });

  it('for a person with two applications: the pad and note land on the one picked; the other still offers a pad', async () => {
    await h.seedStorage(connectedStorage());
    const page = await h.newPage();
    await page.goto(`https://hire.lever.co/candidates/${first.id}`);
    await openPadMenu(page);
    // An application's own page reads no other: the recruiter asks for them.
    await h.screenshot(page, 'lever-other-applications-button');
    await page.getByRole('button', { name: 'Other applications' }).click();
    const secondApplication = page.getByRole('radio', { name: /^Engineering Lead/ });
    await secondApplication.waitFor();
    // Focus follows into the list that took the button's place.
    const own = page.getByRole('radio', { name: /^Senior Backend Engineer/ });
    await expect.poll(() => own.evaluate((e) => e.matches(':focus'))).toBe(true);
    // Picking it reads that application's pads and jobs anew.
    await secondApplication.click();
    await expect.poll(() => secondApplication.isChecked()).toBe(true);
    await page.getByRole('menuitem', { name: 'CoderPad: Live' }).waitFor();
    await h.screenshot(page, 'lever-two-applications');
    await choosePadFor(page, 'CoderPad: Live');
    await upToDate(page);
    const pad = h.snapshot().pads[0];
    expect(
      notesOf(second.id)
        .map((n) => n.value)
        .join(),
    ).toContain(pad?.id);
    expect(notesOf(first.id)).toHaveLength(0);
    const tagsOf = (id: string) => h.snapshot().opportunities.find((o) => o.id === id)?.tags ?? [];
    expect(tagsOf(second.id)).toContain('CoderPad: Live');
    expect(tagsOf(first.id)).not.toContain('CoderPad: Live');

    // Back on the first application: the person's pad is named apart, and a new pad is offered.
    await page.reload();
    await openPadMenu(page);
    const elsewhere = page.getByRole('status').filter({ hasText: 'another application' });
    await elsewhere.waitFor();
    expect(await elsewhere.getByRole('link').getAttribute('href')).toBe(`https://coderpad.io/${pad?.id}`);
    await h.screenshot(page, 'lever-pad-on-other-application');
    await page.getByRole('menuitem', { name: 'CoderPad: Live' }).click();
    await page.getByRole('button', { name: 'Yes, create' }).waitFor();
    expect(await page.getByText('already has a pad').count()).toBe(0);
  });

  it('refuses a pad when CoderPad’s month is used up, before writing anything to Lever', async () => {
    // Used up before anything of PadBridge's reads it (the page that seeds storage asks for status).
    h.sandbox.state.quota.pads_remaining = 0;
    await h.seedStorage(connectedStorage());
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Grace Hopper'));
    await openPadMenu(page);
    await choosePadFor(page, 'CoderPad: Live');
    const alert = page.getByRole('alert').filter({ hasText: 'used its pads for the month' });
    await alert.waitFor();
    await h.screenshot(page, 'lever-quota-used');
    expect(h.snapshot().requests.filter((r) => r.service === 'lever' && r.method !== 'GET')).toEqual([]);
    expect(h.snapshot().pads).toHaveLength(0);
  });
});
