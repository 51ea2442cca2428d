import { describe, expect, it } from 'vitest';
import { connectedStorage } from '../fixtures/seeded';
import { openPadMenu, withExtension } from './harness';

/*
 * Where the widget sits on Lever's page: beside the profile header's actions when Lever shows
 * them, following them when Lever re-renders the header; in the corner when it does not.
 */

const h = withExtension();
const placement = (page: import('playwright-core').Page) =>
  page.locator('padbridge-widget').evaluate((host) => ({
    placement: (host as HTMLElement).dataset.placement,
    inActions: host.parentElement?.classList.contains('profile-actions') ?? false,
  }));

describe('widget placement', () => {
  it('docks beside Lever’s header actions and stays there, open and focused, when Lever re-renders the header', async () => {
    await h.seedStorage(connectedStorage());
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Ada Lovelace'));
    await page.getByRole('button', { name: 'Create CoderPad pad' }).waitFor();
    await expect.poll(() => placement(page)).toEqual({ placement: 'docked', inActions: true });
    await openPadMenu(page);
    await h.screenshot(page, 'placement-docked');
    const item = page.getByRole('menuitem', { name: 'CoderPad: Live' });
    const focused = () => item.evaluate((e) => e.matches(':focus'));
    await expect.poll(focused).toBe(true);
    // The sandbox's page, like Lever, replaces the header every 2 s: the widget moves with it, menu
    // still open, and focus stays where the recruiter had it.
    const header = await page.locator('.profile-header').elementHandle();
    await expect.poll(() => header?.evaluate((node) => node.isConnected), { timeout: 5000 }).toBe(false);
    await expect.poll(() => placement(page)).toEqual({ placement: 'docked', inActions: true });
    await item.waitFor();
    expect(await focused()).toBe(true);
    // Its panel drops below the button and stays inside the window; its own rules (its width)
    // came with the widget's script, not with the button's.
    const panel = page.getByRole('region', { name: 'PadBridge for Lever' });
    expect(await panel.evaluate((e) => getComputedStyle(e).position)).toBe('absolute');
    expect(await panel.evaluate((e) => getComputedStyle(e).width)).toBe('360px');
    const box = await panel.boundingBox();
    const button = await page.getByRole('button', { name: 'Create CoderPad pad' }).boundingBox();
    expect(box && button && box.y).toBeGreaterThan((button?.y ?? 0) + (button?.height ?? 0) - 1);
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 1280).toBe(true);
  });

  it('floats in the corner when the page shows no header actions', async () => {
    await h.seedStorage(connectedStorage());
    h.sandbox.state.options.leverHeaderActions = false;
    const page = await h.newPage();
    await page.goto(h.candidateUrl('Grace Hopper'));
    await page.getByRole('button', { name: 'Create CoderPad pad' }).waitFor();
    await expect.poll(() => placement(page)).toEqual({ placement: 'floating', inActions: false });
    await h.screenshot(page, 'placement-floating');
  });
});
