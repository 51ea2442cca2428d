import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AUTO_TIMING, type AutoTiming } from '../../lib/auto-mode/state-schema';
import { connectedStorage, LIVE_CONFIGURATION } from '../fixtures/seeded';
import { candidate, createPadFor, tagAndMoveInLever, turnOnAutoMode, until, withExtension } from './harness';

/*
 * The built extension against services whose clock is minutes off the browser's: the recruiter's
 * flow, a pad whose answer was lost, and auto mode all work on the services' own time. One
 * browser per skew (a worker remembers the clock offsets it learnt).
 */

const TIMING: AutoTiming = { ...AUTO_TIMING, pollMinutes: 0.1, settleMs: 2_000, claimWaitMs: 1_500 };
const CYCLE_MS = TIMING.pollMinutes * 60_000;

export function serverTimeSuite(skewMinutes: number): void {
  const h = withExtension({ clockSkewMs: skewMinutes * 60_000 });
  const where = `${Math.abs(skewMinutes)} minutes ${skewMinutes > 0 ? 'ahead' : 'behind'}`;
  const upToDate = (page: Page) => page.getByRole('status').filter({ hasText: 'Lever is up to date' });

  describe(`with the services’ clock ${where}`, () => {
    it('makes a pad from a candidate page, and finds one whose answer was lost without making a second', async () => {
      await h.seedStorage(connectedStorage());
      const page = await h.newPage();
      await page.goto(h.candidateUrl('Ada Lovelace'));
      await createPadFor(page, 'CoderPad: Live');
      await upToDate(page).waitFor();
      expect(h.snapshot().pads).toHaveLength(1);

      h.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', dropAfterAction: true });
      await page.goto(h.candidateUrl('Grace Hopper'));
      await createPadFor(page, 'CoderPad: Live');
      // The answer was lost: the pad is looked for in CoderPad's list at once, on CoderPad's clock.
      await upToDate(page).waitFor({ timeout: 30_000 });
      const pads = h.snapshot().pads;
      expect(pads).toHaveLength(2);
      expect(await page.getByRole('link', { name: 'Pad for Grace Hopper' }).getAttribute('href')).toBe(
        `https://coderpad.io/${pads[1]?.id}`,
      );
      await h.screenshot(page, `server-time-${skewMinutes > 0 ? 'ahead' : 'behind'}-found`);
    }, 90_000);

    it('auto mode makes exactly one pad for a candidate moved in Lever', async () => {
      await h.seedStorage({ ...connectedStorage([LIVE_CONFIGURATION]), autoTiming: TIMING });
      const options = await h.newPage();
      await options.goto(h.optionsUrl);
      await turnOnAutoMode(options, LIVE_CONFIGURATION.tag);
      const lever = await h.newPage();
      await lever.goto(h.candidateUrl('Barbara Liskov'));
      await tagAndMoveInLever(lever, LIVE_CONFIGURATION.tag, LIVE_CONFIGURATION.stageName);
      const pad = await until('the pad', () => h.snapshot().pads[0], 4 * CYCLE_MS + 15_000);
      const barbara = () => h.snapshot().opportunities.find((o) => o.id === candidate('Barbara Liskov').id);
      await until('the link', () => barbara()?.links.includes(`https://coderpad.io/${pad.id}`), 15_000);
      await new Promise((resolve) => setTimeout(resolve, CYCLE_MS + 1_000));
      expect(h.snapshot().pads).toHaveLength(1);
    }, 90_000);
  });
}
