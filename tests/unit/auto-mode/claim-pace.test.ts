import { expect, it } from 'vitest';
import { claimLine } from '../../../lib/auto-mode/claim';
import { AUTO_TIMING } from '../../../lib/auto-mode/state-schema';
import { jobKey } from '../../../lib/pad-job/job';
import * as autoItems from '../../../lib/auto-mode/items';
import { autoModeBrowser, LIVE } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

/*
 * How many claims a browser writes per poll when a team shares the candidates: after a bulk tag,
 * a browser whose claims lose to other browsers' writes fewer in its next polls, and one more
 * after each poll where none lost.
 */

const env = withSandbox({ extraCandidates: 60 });
const OTHER = '00000000-0000-4000-8000-00000000beef';

it('a browser that lost claims to other browsers writes half as many in its next poll, then one more at a time', async () => {
  const made = await autoModeBrowser(env.sandbox, [LIVE]);
  const { autoMode } = made;
  const config = made.configurations[0];
  if (!config) throw new Error('no configuration');
  const state = env.sandbox.state;
  const bench = state.opportunities.filter((o) => o.name.startsWith('Bench Candidate'));
  const ourClaims = () =>
    state.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path.endsWith('/notes') &&
        String((r.body as { value?: string }).value).includes('padbridge-claim:'),
    ).length;
  const claimsInPoll = async () => {
    const before = ourClaims();
    await autoMode.poll();
    made.clock.advance(AUTO_TIMING.pollMinutes * 60_000);
    return ourClaims() - before;
  };
  const tag = (from: number, to: number, claimedElsewhere: boolean) => {
    for (const o of bench.slice(from, to)) {
      if (claimedElsewhere) state.addNote(o.id, `Claim\n${claimLine(LIVE.tag, OTHER)}`);
      state.changeInLeverUi(o.id, { tag: LIVE.tag, stage: LIVE.stageId });
    }
  };
  // A browser starts with two claims a poll; this one has been at it a while, alone: ten.
  expect((await autoItems.autoState.get()).claimPace).toBe(2);
  await autoItems.autoState.set({ ...(await autoItems.autoState.get()), claimPace: 10 });
  // Ten candidates another browser already claimed: all tried (and lost) in the poll after the
  // one that first saw them; no claim note written for them.
  tag(0, 10, true);
  expect(await claimsInPoll()).toBe(0);
  expect(await claimsInPoll()).toBe(0);
  expect((await autoItems.autoState.get()).claimPace).toBe(5);
  // Forty free candidates: five claims the next poll, then six, seven…
  tag(20, 60, false);
  expect(await claimsInPoll()).toBe(0);
  const claimed = [await claimsInPoll(), await claimsInPoll(), await claimsInPoll()];
  expect(claimed).toEqual([5, 6, 7]);
  // The jobs those claims started end before the sandbox is reset.
  for (const o of bench.slice(20, 60)) await made.backend.workflow.settle(jobKey('production', o.id, config.id));
  expect(state.pads).toHaveLength(18);
  // About two hundred requests, which PadBridge sends at most ten a second to Lever: its length is
  // set by that pace, whatever the machine, and a busy machine adds to it.
}, 90_000);
