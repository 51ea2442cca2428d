import { describe, expect, it } from 'vitest';
import { createAutoMode } from '../../../lib/auto-mode/poller';
import { AUTO_TIMING } from '../../../lib/auto-mode/state-schema';
import { jobKey } from '../../../lib/pad-job/job';
import { clockOffset, forgetServerClocks, serverTime } from '../../../lib/services/http/server-clock';
import * as autoItems from '../../../lib/auto-mode/items';
import { opportunities } from '../../../sandbox/seed';
import { connectedBackend, LIVE, makePad } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

/*
 * Server time: what PadBridge compares with Lever's and CoderPad's times is on their clocks, read
 * from their answers' Date header. The sandbox's clock is set minutes off this machine's.
 */

const env = withSandbox();
const state = () => env.sandbox.state;
const MINUTES = 60_000;
const ADA = opportunities.find((o) => o.name === 'Ada Lovelace') as (typeof opportunities)[number];
const BARBARA = opportunities.find((o) => o.name === 'Barbara Liskov') as (typeof opportunities)[number];

describe('server time', () => {
  it('learns each service’s offset from its answers, and counts clocks within a Date header’s precision as agreeing', async () => {
    await connectedBackend(env.sandbox);
    expect(await clockOffset('lever')).toBe(0);
    expect(await clockOffset('coderpad')).toBe(0);
    state().options.clockSkewMs = 10 * MINUTES;
    forgetServerClocks();
    await connectedBackend(env.sandbox, []);
    expect(Math.abs((await clockOffset('lever')) - 10 * MINUTES)).toBeLessThan(2_000);
    expect(Math.abs((await serverTime('coderpad', 0)) - 10 * MINUTES)).toBeLessThan(2_000);
  });

  for (const skew of [10, -10]) {
    it(`finds a pad whose answer was lost with CoderPad’s clock ${Math.abs(skew)} minutes ${skew > 0 ? 'ahead' : 'behind'}`, async () => {
      state().options.clockSkewMs = skew * MINUTES;
      const { backend, configurations } = await connectedBackend(env.sandbox, [LIVE]);
      const config = configurations[0];
      if (!config) throw new Error('no configuration');
      env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', dropAfterAction: true });
      // The lost answer sends the job to CoderPad's pad list at once, read on CoderPad's clock.
      const done = await makePad(backend, ADA.id, config.id);
      expect(done?.status).toBe('done');
      expect(done?.pad?.id).toBe(state().pads[0]?.id);
      expect(state().pads).toHaveLength(1);
    });

    it(`auto mode makes the pad for a candidate tagged after it was turned on, with Lever’s clock ${Math.abs(skew)} minutes ${skew > 0 ? 'ahead' : 'behind'}`, async () => {
      state().options.clockSkewMs = skew * MINUTES;
      const made = await connectedBackend(env.sandbox, [LIVE]);
      const config = made.configurations[0];
      if (!config) throw new Error('no configuration');
      await autoItems.autoTiming.set({ ...AUTO_TIMING, settleMs: 0, claimWaitMs: 0 });
      await made.backend.handlers.setAutoMode({ configurationId: config.id, on: true }, {});
      // A worker started afresh: nothing learnt of Lever's clock in memory.
      forgetServerClocks();
      const autoMode = createAutoMode({
        lever: made.backend.lever,
        workflow: made.backend.workflow,
        now: made.clock.now,
        sleep: async () => {},
      });
      state().changeInLeverUi(BARBARA.id, { tag: LIVE.tag });
      await autoMode.poll();
      await autoMode.poll();
      const job = await made.backend.workflow.settle(jobKey('production', BARBARA.id, config.id));
      expect(job?.status).toBe('done');
      expect(state().pads).toHaveLength(1);
      // The claim note, written on Lever's clock, was live when read back.
      expect(state().notes[BARBARA.id]?.some((n) => n.value.includes('padbridge-claim:'))).toBe(true);
    });
  }
});
