import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { autoJobChanged, setupAutoMode } from '../../../lib/auto-mode/setup';
import { createAutoMode } from '../../../lib/auto-mode/poller';
import { claimLine, liveClaims } from '../../../lib/auto-mode/claim';
import { claimTitleRef } from '../../../lib/pad-job/exactly-once';
import { AUTO_TIMING, NO_AUTO_STATE } from '../../../lib/auto-mode/state-schema';
import { jobKey, type Job } from '../../../lib/pad-job/job';
import * as journal from '../../../lib/pad-job/journal';
import * as autoItems from '../../../lib/auto-mode/items';
import { db } from '../../../lib/storage/db';
import { opportunities } from '../../../sandbox/seed';
import { autoModeBrowser, connectedBackend, LIVE, leverPage, TAKE_HOME } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

/*
 * Auto mode against the sandbox: the poll, and each failure case of the claim that lets several
 * browsers sharing one Lever account make exactly one pad (docs/auto-mode.md). The other
 * browser is played by what it would write into Lever: its claim note, its pad's note.
 */

const env = withSandbox();
const state = () => env.sandbox.state;
const barbara = opportunities.find((o) => o.name === 'Barbara Liskov');
if (!barbara) throw new Error('the seed has Barbara');
const BARBARA = barbara;
const OTHER_CLAIM = '00000000-0000-4000-8000-00000000beef';
const notesOf = (id: string) => state().notes[id] ?? [];
const claimNotes = (id: string) => notesOf(id).filter((n) => n.value.includes('padbridge-claim:'));
const padPosts = () => state().requests.filter((r) => r.service === 'coderpad' && r.method === 'POST');

/** A browser with auto mode on for the live configuration; the recruiter then tags Barbara in Lever. */
async function autoBrowser(options: { claimWait?: (round: number) => Promise<void> | void } = {}) {
  // As the background does: each auto-mode job's change goes to the Activity log.
  const made = await connectedBackend(env.sandbox, [LIVE], (job) => void autoJobChanged(job));
  const config = made.configurations[0];
  if (!config) throw new Error('no configuration');
  await autoItems.autoTiming.set({ ...AUTO_TIMING, settleMs: 0, claimWaitMs: 0 });
  await made.backend.handlers.setAutoMode({ configurationId: config.id, on: true }, {});
  let round = 0;
  const autoMode = createAutoMode({
    lever: made.backend.lever,
    coderpad: made.backend.coderpad,
    workflow: made.backend.workflow,
    now: made.clock.now,
    sleep: async () => {
      round += 1;
      await options.claimWait?.(round);
    },
  });
  const key = jobKey('production', BARBARA.id, config.id);
  /** Polls, and waits for the job a poll started. */
  const poll = async () => {
    const report = await autoMode.poll();
    return { report, job: await made.backend.workflow.settle(key) };
  };
  return { ...made, config, autoMode, poll, key };
}

afterEach(() => {
  vi.restoreAllMocks();
});

const tagBarbara = () => state().changeInLeverUi(BARBARA.id, { tag: LIVE.tag });
const BARBARA_UPDATED = () => state().opportunity(BARBARA.id)?.updatedAt ?? 0;

describe('auto mode', () => {
  it('makes one pad for a candidate tagged in the stage in Lever, with its link and note, once seen twice', async () => {
    const { poll, backend } = await autoBrowser();
    tagBarbara();
    const first = await poll();
    // Seen once: left for the next poll (a click elsewhere has time to finish).
    expect(first.job).toBeUndefined();
    expect(padPosts()).toHaveLength(0);
    const second = await poll();
    expect(second.job).toMatchObject({ status: 'done', trigger: 'auto' });
    expect(second.job?.steps.tag?.status).toBe('skipped');
    expect(second.job?.steps.stage?.status).toBe('skipped');
    const pad = state().pads[0];
    expect(state().pads).toHaveLength(1);
    const after = state()
      .snapshot()
      .opportunities.find((o) => o.id === BARBARA.id);
    expect(after?.links).toContain(`https://coderpad.io/${pad?.id}`);
    expect(after?.notes.some((n) => n.value.includes(`coderpad.io/${pad?.id}`))).toBe(true);
    expect(claimNotes(BARBARA.id)).toHaveLength(1);
    // The poll asked Lever for exactly the tag in the stage, open, changed lately.
    const list = state().requests.find((r) => r.service === 'lever' && r.path === '/v1/opportunities');
    expect(list?.query).toMatchObject({ tag: [LIVE.tag], stage_id: [LIVE.stageId], archived: ['false'] });
    expect(list?.query.updated_at_start).toHaveLength(1);
    // A third poll leaves the candidate alone.
    await poll();
    expect(padPosts()).toHaveLength(1);
    await vi.waitFor(async () => {
      const activity = await backend.handlers.listActivity(undefined, {});
      expect(activity).toHaveLength(1);
      expect(activity[0]).toMatchObject({
        candidateName: 'Barbara Liskov',
        tag: LIVE.tag,
        result: 'created',
        padUrl: `https://coderpad.io/${pad?.id}`,
      });
    });
  });

  it('sums up automatic pads in one notification when the user allowed them, which opens Activity', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
    const created = vi.spyOn(fakeBrowser.notifications, 'create');
    const { poll } = await autoBrowser();
    tagBarbara();
    await poll();
    await poll();
    await vi.waitFor(() => expect(created).toHaveBeenCalled());
    expect(created).toHaveBeenLastCalledWith(
      'padbridge-auto-pads',
      expect.objectContaining({
        title: 'PadBridge auto mode',
        message: '1 pad(s) created automatically: Barbara Liskov.',
      }),
    );
    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => {});
    setupAutoMode(
      createAutoMode({ lever: async () => Promise.reject(new Error('unused')), workflow: {} as never }),
      Promise.resolve(),
    );
    await fakeBrowser.notifications.onClicked.trigger('padbridge-auto-pads');
    expect(opened).toHaveBeenCalledWith({ url: expect.stringMatching(/options\.html#activity$/) });
  });

  it('shows no notification when the user did not allow them', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false as never);
    const { poll } = await autoBrowser();
    tagBarbara();
    await poll();
    const made = await poll();
    expect(made.job?.status).toBe('done');
    await vi.waitFor(async () => expect((await autoItems.activityLog.get())[0]?.result).toBe('created'));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('turning auto mode off, or deleting its configuration, stops the poll', async () => {
    const { backend, config, autoMode } = await autoBrowser();
    tagBarbara();
    await backend.handlers.deleteConfiguration({ id: config.id }, {});
    expect((await backend.handlers.getAutoMode(undefined, {})).modes).toEqual({});
    await autoMode.poll();
    await autoMode.poll();
    expect(state().requests.filter((r) => r.path === '/v1/opportunities')).toHaveLength(0);
  });

  it('a poll that cannot reach Lever says why, and a later poll (in a new worker) picks up from the last complete one', async () => {
    const { poll, backend, autoMode, key } = await autoBrowser();
    tagBarbara();
    await autoMode.poll();
    env.sandbox.fault({ service: 'lever', method: 'GET', pathIncludes: '/v1/opportunities', status: 503, count: 20 });
    await autoMode.poll();
    const failed = await backend.handlers.getAutoMode(undefined, {});
    expect(failed.lastPoll?.error).toMatchObject({ kind: 'server', service: 'lever' });
    expect(padPosts()).toHaveLength(0);
    env.sandbox.state.faults = [];
    // A worker started afresh: only what is stored carries over.
    const fresh = createAutoMode({ lever: backend.lever, workflow: backend.workflow, sleep: async () => {} });
    expect((await fresh.poll()).started).toBe(1);
    expect((await poll()).job?.status).toBe('done');
    expect((await backend.handlers.getAutoMode(undefined, {})).lastPoll?.error).toBeNull();
    expect(await journal.getJob(key)).toMatchObject({ trigger: 'auto' });
    expect(padPosts()).toHaveLength(1);
  });

  it('a configuration Lever refuses does not stop the others: they are polled, and the refused one is retried next time', async () => {
    const made = await autoModeBrowser(env.sandbox, [LIVE, TAKE_HOME]);
    const { autoMode } = made;
    const [live, takeHome] = made.configurations;
    if (!live || !takeHome) throw new Error('no configurations');
    state().changeInLeverUi(BARBARA.id, { tag: TAKE_HOME.tag, stage: TAKE_HOME.stageId });
    // Every list naming the first configuration's tag fails, every retry of it (the list both
    // configurations share too): the second one's own list is read.
    env.sandbox.fault({
      service: 'lever',
      method: 'GET',
      pathIncludes: '/v1/opportunities',
      query: { name: 'tag', value: LIVE.tag },
      status: 503,
      count: 1_000,
    });
    await autoMode.poll();
    const listed = state().requests.filter((r) => r.path === '/v1/opportunities' && r.status === 200);
    expect(listed.map((r) => r.query.tag)).toEqual([[TAKE_HOME.tag]]);
    expect((await made.backend.handlers.getAutoMode(undefined, {})).lastPoll?.error).toMatchObject({ kind: 'server' });
    state().faults.length = 0;
    made.clock.advance(AUTO_TIMING.pollMinutes * 60_000);
    await autoMode.poll();
    const job = await made.backend.workflow.settle(jobKey('production', BARBARA.id, takeHome.id));
    expect(job?.status).toBe('done');
    expect((await made.backend.handlers.getAutoMode(undefined, {})).lastPoll?.error).toBeNull();
  });

  it('reads one list a poll for all its configurations, and each configuration keeps its own candidates', async () => {
    const made = await autoModeBrowser(env.sandbox, [LIVE, TAKE_HOME]);
    const { autoMode } = made;
    const [live, takeHome] = made.configurations;
    if (!live || !takeHome) throw new Error('no configurations');
    const other = opportunities.find((o) => o.id !== BARBARA.id && !o.archived);
    if (!other) throw new Error('the seed has a second open candidate');
    state().changeInLeverUi(BARBARA.id, { tag: TAKE_HOME.tag, stage: TAKE_HOME.stageId });
    state().changeInLeverUi(other.id, { tag: LIVE.tag, stage: LIVE.stageId });
    const lists = () => state().requests.filter((r) => r.path === '/v1/opportunities' && !r.query.contact_id);
    for (let i = 0; i < 2; i++) {
      const before = lists().length;
      await autoMode.poll();
      // One request names both tags and both stages: Lever answers their union.
      expect(
        lists()
          .slice(before)
          .map((r) => [...(r.query.tag ?? [])].sort()),
      ).toEqual([[LIVE.tag, TAKE_HOME.tag].sort()]);
      made.clock.advance(AUTO_TIMING.pollMinutes * 60_000);
    }
    const jobOf = (id: string, config: { id: string }) =>
      made.backend.workflow.settle(jobKey('production', id, config.id));
    expect(await jobOf(BARBARA.id, takeHome)).toMatchObject({ status: 'done' });
    expect(await jobOf(other.id, live)).toMatchObject({ status: 'done' });
    // Neither candidate got the other configuration's pad.
    expect(await journal.getJob(jobKey('production', BARBARA.id, live.id))).toBeUndefined();
    expect(await journal.getJob(jobKey('production', other.id, takeHome.id))).toBeUndefined();
    expect(padPosts()).toHaveLength(2);
  });

  it('skips a candidate who already holds a CoderPad link', async () => {
    const { poll } = await autoBrowser();
    tagBarbara();
    state().personLinks[BARBARA.contact] = ['https://coderpad.io/OLDPAD9'];
    await poll();
    const second = await poll();
    expect(second.job).toBeUndefined();
    expect(padPosts()).toHaveLength(0);
    expect(claimNotes(BARBARA.id)).toHaveLength(0);
    // The link on the person is enough: none of their notes is read (each browser of a team sees it).
    expect(state().requests.filter((r) => r.method === 'GET' && r.path.endsWith('/notes'))).toHaveLength(0);
    const log = await autoItems.activityLog.get();
    expect(log[0]).toMatchObject({ result: 'skipped_link', padUrl: 'https://coderpad.io/OLDPAD9' });
  });

  it('does not take "coderpad.io/docs" in a note, or a link that only starts like a pad’s, for a pad', async () => {
    const { poll } = await autoBrowser();
    tagBarbara();
    state().addNote(BARBARA.id, 'Prep material: coderpad.io/docs and https://coderpad.io/docs/guide.');
    await poll();
    expect((await poll()).job?.status).toBe('done');
    expect(padPosts()).toHaveLength(1);
  });

  it('writes no claim while CoderPad’s pads for the month are used up, says why, and takes the candidate up once they are back', async () => {
    const { poll, backend } = await autoBrowser();
    tagBarbara();
    state().quota.pads_remaining = 0;
    await poll();
    await poll();
    expect(claimNotes(BARBARA.id)).toHaveLength(0);
    expect(state().requests.filter((r) => r.path === '/v1/opportunities')).toHaveLength(0);
    expect((await backend.handlers.getAutoMode(undefined, {})).lastPoll?.error).toMatchObject({ kind: 'over_quota' });
    state().quota.pads_remaining = 5;
    await poll();
    expect((await poll()).job?.status).toBe('done');
    expect(padPosts()).toHaveLength(1);
  });

  it('leaves archived candidates and candidates in another stage alone', async () => {
    const { poll } = await autoBrowser();
    tagBarbara();
    const seeded = state().opportunity(BARBARA.id);
    if (!seeded) throw new Error('no Barbara');
    seeded.archived = { archivedAt: Date.now(), reason: 'Hired elsewhere' };
    await poll();
    await poll();
    expect(padPosts()).toHaveLength(0);
  });

  it('a click racing the poll in the same browser gives one pad', async () => {
    const { poll, backend, config } = await autoBrowser();
    tagBarbara();
    await poll();
    const [click] = await Promise.all([
      backend.handlers.startJob(
        { opportunityId: BARBARA.id, configurationId: config.id, force: false },
        leverPage(BARBARA.id),
      ),
      poll(),
    ]);
    expect(click.kind).toBe('job');
    await backend.workflow.settle(jobKey('production', BARBARA.id, config.id));
    await poll();
    expect(padPosts()).toHaveLength(1);
    expect(state().pads).toHaveLength(1);
  });
});

describe('the claim, case by case', () => {
  it('two claims in the same window: the earlier note wins, and this browser steps back', async () => {
    const { poll } = await autoBrowser({
      // While this browser waits, the other one's claim lands, with an earlier time in Lever.
      claimWait: () => {
        const mine = claimNotes(BARBARA.id)[0];
        state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, OTHER_CLAIM)}`);
        const theirs = claimNotes(BARBARA.id).at(-1);
        if (mine && theirs) theirs.createdAt = mine.createdAt - 1;
      },
    });
    tagBarbara();
    await poll();
    const second = await poll();
    expect(second.job).toBeUndefined();
    expect(padPosts()).toHaveLength(0);
    expect((await autoItems.activityLog.get())[0]?.result).toBe('claimed_elsewhere');
  });

  it('two claims in the same window: this browser’s earlier note wins, and it makes the one pad', async () => {
    const { poll } = await autoBrowser({
      // The other browser's claim lands while this one waits, a millisecond after this one's in
      // Lever's time (set, not left to how fast the machine is: the same millisecond is a tie).
      claimWait: () => {
        const mine = claimNotes(BARBARA.id)[0];
        state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, OTHER_CLAIM)}`);
        const theirs = claimNotes(BARBARA.id).at(-1);
        if (mine && theirs) theirs.createdAt = mine.createdAt + 1;
      },
    });
    tagBarbara();
    await poll();
    const second = await poll();
    expect(second.job?.status).toBe('done');
    expect(padPosts()).toHaveLength(1);
  });

  for (const [theirClaim, winner] of [
    ['00000000-0000-4000-8000-000000000000', 'theirs'],
    ['ffffffff-ffff-4fff-bfff-ffffffffffff', 'mine'],
  ] as const) {
    it(`two claims in the same millisecond: the lower claim id wins (${winner}), one pad at most`, async () => {
      const { poll } = await autoBrowser({
        claimWait: () => {
          const mine = claimNotes(BARBARA.id)[0];
          state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, theirClaim)}`);
          const theirs = claimNotes(BARBARA.id).at(-1);
          if (mine && theirs) theirs.createdAt = mine.createdAt;
        },
      });
      tagBarbara();
      await poll();
      const second = await poll();
      expect(claimNotes(BARBARA.id)).toHaveLength(2);
      if (winner === 'mine') {
        expect(second.job?.status).toBe('done');
        expect(padPosts()).toHaveLength(1);
      } else {
        expect(second.job).toBeUndefined();
        expect(padPosts()).toHaveLength(0);
      }
    });
  }

  it('another browser’s live claim is already there: no claim is written, no pad made', async () => {
    const { poll } = await autoBrowser();
    tagBarbara();
    state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, OTHER_CLAIM)}`);
    await poll();
    await poll();
    expect(claimNotes(BARBARA.id)).toHaveLength(1);
    expect(padPosts()).toHaveLength(0);
  });

  it('a claim whose browser went away lapses: after its time this browser claims and makes the pad', async () => {
    const { poll } = await autoBrowser();
    tagBarbara();
    state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, OTHER_CLAIM)}`);
    const stale = claimNotes(BARBARA.id)[0];
    if (stale) stale.createdAt -= AUTO_TIMING.claimTtlMs + 60_000;
    await poll();
    const second = await poll();
    expect(second.job?.status).toBe('done');
    expect(padPosts()).toHaveLength(1);
  });

  it('a pad appears while this browser waits (a click elsewhere): it steps back', async () => {
    const { poll } = await autoBrowser({
      claimWait: () => {
        state().addNote(BARBARA.id, 'Live interview pad created: https://coderpad.io/CLICK123');
      },
    });
    tagBarbara();
    await poll();
    await poll();
    expect(padPosts()).toHaveLength(0);
    expect((await autoItems.activityLog.get())[0]?.result).toBe('skipped_link');
  });

  it('a worker stopped after writing its claim finds its own claim again, writes no second one, and makes one pad', async () => {
    let stopped = false;
    const { poll } = await autoBrowser({
      claimWait: () => {
        if (!stopped) {
          stopped = true;
          throw new Error('worker stopped');
        }
      },
    });
    tagBarbara();
    await poll();
    const cut = await poll();
    expect(cut.job).toBeUndefined();
    expect(claimNotes(BARBARA.id)).toHaveLength(1);
    const resumed = await poll();
    expect(resumed.job?.status).toBe('done');
    expect(claimNotes(BARBARA.id)).toHaveLength(1);
    expect(padPosts()).toHaveLength(1);
  });

  for (const [lost, fault] of [
    ['its answer was lost (Lever wrote it)', { dropAfterAction: true }],
    ['it never reached Lever', { drop: true }],
  ] as const) {
    it(`a claim note whose write failed because ${lost}: the next poll goes on under the same claim, one pad`, async () => {
      const { poll } = await autoBrowser();
      tagBarbara();
      await poll();
      env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/notes', ...fault, count: 1 });
      await poll();
      expect(padPosts()).toHaveLength(0);
      const third = await poll();
      expect(third.job?.status).toBe('done');
      const ids = new Set(claimNotes(BARBARA.id).map((n) => /padbridge-claim:[^:]+:(\S+)/.exec(n.value)?.[1]));
      expect(ids.size).toBe(1);
      expect(claimNotes(BARBARA.id)).toHaveLength(1);
      expect(padPosts()).toHaveLength(1);
    });
  }

  it('a won job resumed after its claim lapsed and another browser took over makes no pad', async () => {
    const { backend, config, key, clock } = await autoBrowser();
    const opportunity = await (await backend.lever()).getOpportunity(BARBARA.id);
    const mine = '00000000-0000-4000-8000-0000000000aa';
    // This browser won long ago, and its worker stopped before the pad request left.
    state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, mine)}`);
    const old = claimNotes(BARBARA.id)[0];
    if (old) old.createdAt -= AUTO_TIMING.claimTtlMs + 60_000;
    state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, OTHER_CLAIM)}`);
    await journal.putJob(stoppedAutoJob(key, opportunity.name, config.id, mine, clock.now()));
    await backend.workflow.resumeAll();
    const job = await journal.getJob(key);
    expect(job).toMatchObject({ status: 'failed', error: { kind: 'claimed_elsewhere' } });
    expect(padPosts()).toHaveLength(0);
  });

  it('a click on a candidate another browser’s auto mode claimed is refused before any write, and goes ahead once the claim lapsed', async () => {
    const { backend, config } = await autoBrowser();
    tagBarbara();
    state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, OTHER_CLAIM)}`);
    const start = (force: boolean) =>
      backend.handlers.startJob(
        { opportunityId: BARBARA.id, configurationId: config.id, force },
        leverPage(BARBARA.id),
      );
    await expect(start(false)).rejects.toMatchObject({ kind: 'claimed_elsewhere' });
    expect(state().requests.filter((r) => r.service === 'lever' && r.method !== 'GET')).toHaveLength(0);
    expect(padPosts()).toHaveLength(0);
    // Without a claim (or once it lapsed), the same click goes ahead.
    const stale = claimNotes(BARBARA.id)[0];
    if (stale) stale.createdAt -= AUTO_TIMING.claimTtlMs + 60_000;
    expect((await start(false)).kind).toBe('job');
    await backend.workflow.settle(jobKey('production', BARBARA.id, config.id));
    expect(padPosts()).toHaveLength(1);
  });

  it('a click while this browser’s own poll waits on its claim goes ahead, and the poll makes no second pad', async () => {
    let click: Promise<unknown> | undefined;
    const { poll, backend, config } = await autoBrowser({
      claimWait: () => {
        click = backend.handlers.startJob(
          { opportunityId: BARBARA.id, configurationId: config.id, force: false },
          leverPage(BARBARA.id),
        );
        return click.then(() => {});
      },
    });
    tagBarbara();
    await poll();
    await poll();
    expect(await click).toMatchObject({ kind: 'job' });
    await backend.workflow.settle(jobKey('production', BARBARA.id, config.id));
    await poll();
    expect(padPosts()).toHaveLength(1);
    expect((await journal.getJob(jobKey('production', BARBARA.id, config.id)))?.trigger).toBe('button');
  });

  /**
   * Another browser claimed Barbara long ago and made her pad (titled with its claim), but its
   * link and note never reached Lever; its claim lapsed.
   */
  async function lostWinnersPad(backend: Awaited<ReturnType<typeof autoBrowser>>['backend']) {
    tagBarbara();
    state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, OTHER_CLAIM)}`);
    const stale = claimNotes(BARBARA.id)[0];
    if (stale) stale.createdAt -= AUTO_TIMING.claimTtlMs + 60_000;
    const coderpad = await backend.coderpad();
    const pad = await coderpad.createPad({ title: `Barbara Liskov · PB-12345678 · ${claimTitleRef(OTHER_CLAIM)}` });
    state().requests = [];
    return pad;
  }

  it('takes over a lapsed claim whose pad never reached Lever by linking that pad, not making a second (poll)', async () => {
    const { poll, backend } = await autoBrowser();
    const theirs = await lostWinnersPad(backend);
    await poll();
    const made = await poll();
    expect(made.job).toMatchObject({ status: 'done', pad: { id: theirs.id } });
    expect(padPosts()).toHaveLength(0);
    expect(state().pads).toHaveLength(1);
    const after = state()
      .snapshot()
      .opportunities.find((o) => o.id === BARBARA.id);
    expect(after?.links).toContain(`https://coderpad.io/${theirs.id}`);
  });

  it('takes over a lapsed claim whose pad never reached Lever by linking that pad, not making a second (click)', async () => {
    const { backend, config, key } = await autoBrowser();
    const theirs = await lostWinnersPad(backend);
    const started = await backend.handlers.startJob(
      { opportunityId: BARBARA.id, configurationId: config.id, force: false },
      leverPage(BARBARA.id),
    );
    expect(started.kind).toBe('job');
    expect(await backend.workflow.settle(key)).toMatchObject({ status: 'done', pad: { id: theirs.id } });
    expect(padPosts()).toHaveLength(0);
  });

  it('a pad titled with another claim, or with this claim inside a word, is not taken for the lapsed claim’s', async () => {
    const { poll, backend } = await autoBrowser();
    tagBarbara();
    state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, OTHER_CLAIM)}`);
    const stale = claimNotes(BARBARA.id)[0];
    if (stale) stale.createdAt -= AUTO_TIMING.claimTtlMs + 60_000;
    const coderpad = await backend.coderpad();
    await coderpad.createPad({ title: `Someone else · ${claimTitleRef('11111111-0000-4000-8000-000000000000')}` });
    await coderpad.createPad({ title: `Notes about X${claimTitleRef(OTHER_CLAIM)}` });
    state().requests = [];
    await poll();
    const made = await poll();
    expect(made.job?.status).toBe('done');
    expect(padPosts()).toHaveLength(1);
  });

  it('an automatic pad carries its claim in its title, and its link reaches Lever before its note', async () => {
    const { poll, key } = await autoBrowser();
    tagBarbara();
    env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/addLinks', status: 503, count: 20 });
    await poll();
    const made = await poll();
    expect(made.job).toMatchObject({ status: 'failed', failedStep: 'link' });
    const claimId = made.job?.claimId ?? '';
    expect(state().pads[0]?.title).toContain(` · ${claimTitleRef(claimId)}`);
    // No creation note without the link: the note waits for it.
    expect(notesOf(BARBARA.id).filter((n) => n.value.includes('coderpad.io/'))).toHaveLength(0);
    expect(made.job?.steps.note?.status).toBe('pending');
    expect((await journal.getJob(key))?.pad).not.toBeNull();
  });

  it('an automatic job Lever refused for a while (429 on its link) is tried again by the next poll: its link and note, no second pad', async () => {
    const { poll, key, backend } = await autoBrowser();
    tagBarbara();
    env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/addLinks', status: 429, count: 20 });
    await poll();
    const failed = await poll();
    expect(failed.job).toMatchObject({ status: 'failed', failedStep: 'link', error: { kind: 'rate_limited' } });
    state().faults = [];
    await poll();
    const done = await backend.workflow.settle(key);
    expect(done?.status).toBe('done');
    expect(padPosts()).toHaveLength(1);
    const pad = state().pads[0];
    const after = state()
      .snapshot()
      .opportunities.find((o) => o.id === BARBARA.id);
    expect(after?.links).toContain(`https://coderpad.io/${pad?.id}`);
    expect(notesOf(BARBARA.id).filter((n) => n.value.includes(`coderpad.io/${pad?.id}`))).toHaveLength(1);
  });

  it('a winner still at work renews its claim once half its life is gone, and other browsers keep stepping back', async () => {
    const { backend, config, key, clock } = await autoBrowser();
    const opportunity = await (await backend.lever()).getOpportunity(BARBARA.id);
    const mine = '00000000-0000-4000-8000-0000000000aa';
    tagBarbara();
    state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, mine)}`);
    const first = claimNotes(BARBARA.id)[0];
    if (first) first.createdAt -= AUTO_TIMING.claimTtlMs * 0.6;
    await autoItems.autoState.set({ ...NO_AUTO_STATE, claims: { [key]: { claimId: mine, at: clock.now() } } });
    await journal.putJob(stoppedAutoJob(key, opportunity.name, config.id, mine, clock.now()));
    await backend.workflow.resumeAll();
    expect((await journal.getJob(key))?.status).toBe('done');
    const renewals = claimNotes(BARBARA.id).filter((n) => n.value.includes(mine));
    expect(renewals).toHaveLength(2);
    // Past the first note's lapse, the claim still holds from its renewal.
    const later = Date.now() + AUTO_TIMING.claimTtlMs * 0.5;
    const notes = await (await backend.lever()).listNotes(BARBARA.id);
    expect(liveClaims(notes, LIVE.tag, later, AUTO_TIMING.claimTtlMs).map((c) => c.claimId)).toEqual([mine]);
  });

  const noteReads = () =>
    state().requests.filter((r) => r.service === 'lever' && r.method === 'GET' && r.path.endsWith('/notes')).length;

  for (const who of ['a browser that went away', 'a recruiter typing it by hand']) {
    it(`a live claim written by ${who} keeps the candidate followed, unread, until it lapses; then one pad, though Lever lists them no more`, async () => {
      const { poll, clock } = await autoBrowser();
      tagBarbara();
      const text = who.startsWith('a recruiter') ? 'Taking this one' : 'Claim';
      state().addNote(BARBARA.id, `${text}\n${claimLine(LIVE.tag, OTHER_CLAIM)}`);
      await poll();
      await poll();
      expect((await autoItems.activityLog.get())[0]?.result).toBe('claimed_elsewhere');
      // While the claim holds, the candidate's notes are not read again.
      const reads = noteReads();
      clock.advance(AUTO_TIMING.claimTtlMs / 2);
      await poll();
      expect(noteReads()).toBe(reads);
      // Past the lapse Lever no longer lists Barbara as changed; the watch list brings her back.
      clock.advance(AUTO_TIMING.claimTtlMs / 2 + 60_000);
      const made = await poll();
      const listed = state()
        .requests.filter((r) => r.path === '/v1/opportunities')
        .at(-1);
      expect(Number(listed?.query.updated_at_start?.[0])).toBeGreaterThan(BARBARA_UPDATED());
      expect(made.job).toMatchObject({ status: 'done', trigger: 'auto' });
      expect(padPosts()).toHaveLength(1);
      await poll();
      expect(padPosts()).toHaveLength(1);
    });
  }

  it('a followed candidate who left the tag is dropped from the watch list, never claimed', async () => {
    const { poll, clock } = await autoBrowser();
    tagBarbara();
    state().addNote(BARBARA.id, `Claim\n${claimLine(LIVE.tag, OTHER_CLAIM)}`);
    await poll();
    await poll();
    const barbara = state().opportunity(BARBARA.id);
    if (barbara) barbara.tags = barbara.tags.filter((t) => t !== LIVE.tag);
    clock.advance(AUTO_TIMING.claimTtlMs + 60_000);
    await poll();
    await poll();
    expect(claimNotes(BARBARA.id)).toHaveLength(1);
    expect(padPosts()).toHaveLength(0);
    expect(await db().watch.count()).toBe(0);
  });

  const byName = (name: string) => {
    const found = opportunities.find((o) => o.name === name);
    if (!found) throw new Error(`the seed has ${name}`);
    return found;
  };
  const tagInStage = (name: string) => state().changeInLeverUi(byName(name).id, { tag: LIVE.tag, stage: LIVE.stageId });

  it('stops at the daily limit with a visible reason and one notification, and starts again the next day', async () => {
    const { autoMode, backend, clock } = await autoBrowser();
    await backend.handlers.setAutoDailyLimit({ limit: 1 }, {});
    for (const name of ['Alan Turing', 'Katherine Johnson']) tagInStage(name);
    await autoMode.poll();
    const second = await autoMode.poll();
    expect(second).toMatchObject({ started: 1, limitReached: 1 });
    await vi.waitFor(() => expect(state().pads).toHaveLength(1));
    const status = await backend.handlers.getAutoMode(undefined, {});
    expect(status).toMatchObject({ dailyLimit: 1, startedToday: 1, lastPoll: { error: { kind: 'daily_limit' } } });
    // Stopped for the day: nothing listed or claimed, and the notification is not repeated.
    const requests = state().requests.length;
    const third = await autoMode.poll();
    expect(third.limitReached).toBeUndefined();
    expect(state().requests.length).toBe(requests);
    expect(claimNotes(byName('Katherine Johnson').id).length + claimNotes(byName('Alan Turing').id).length).toBe(1);
    clock.advance(24 * 3600_000);
    expect((await autoMode.poll()).started).toBe(1);
    await vi.waitFor(() => expect(state().pads).toHaveLength(2));
  });

  it('the policy turns auto mode off (nothing read, the checkbox refused) or fixes the daily limit', async () => {
    const { backend, config } = await autoBrowser();
    tagBarbara();
    await fakeBrowser.storage.managed.set({ autoMode: { enabled: false } });
    expect(await backend.autoMode.poll()).toMatchObject({ disabled: true, started: 0 });
    expect(state().requests).toHaveLength(0);
    expect((await backend.handlers.getAutoMode(undefined, {})).modes).toEqual({});
    await expect(backend.handlers.setAutoMode({ configurationId: config.id, on: true }, {})).rejects.toMatchObject({
      kind: 'managed',
    });
    await fakeBrowser.storage.managed.set({ autoMode: { dailyLimit: 7 } });
    expect(await backend.handlers.getAutoMode(undefined, {})).toMatchObject({
      dailyLimit: 7,
      policy: { enabled: null, dailyLimit: 7 },
    });
    await expect(backend.handlers.setAutoDailyLimit({ limit: 3 }, {})).rejects.toMatchObject({ kind: 'managed' });
  });

  it('a configuration that keeps failing waits longer after each failure, and the others are polled meanwhile', async () => {
    const made = await autoModeBrowser(env.sandbox, [LIVE, TAKE_HOME]);
    const { autoMode } = made;
    const [live, takeHome] = made.configurations;
    if (!live || !takeHome) throw new Error('no configurations');
    // Lever refuses the live configuration's list (its tag), every time; the take-home one is answered.
    const fault = { service: 'lever' as const, method: 'GET', query: { name: 'tag', value: LIVE.tag } };
    env.sandbox.fault({ ...fault, status: 503, count: 1_000_000 });
    const listsOf = (tag: string) =>
      state().requests.filter((r) => r.path === '/v1/opportunities' && r.query.tag?.[0] === tag).length;
    const minute = AUTO_TIMING.pollMinutes * 60_000;
    const polled: { live: boolean; takeHome: boolean }[] = [];
    for (let i = 0; i < 12; i++) {
      const before = { live: listsOf(LIVE.tag), takeHome: listsOf(TAKE_HOME.tag) };
      await autoMode.poll();
      polled.push({ live: listsOf(LIVE.tag) > before.live, takeHome: listsOf(TAKE_HOME.tag) > before.takeHome });
      made.clock.advance(minute);
    }
    // Tried at polls 1 and 2, then skipping 1, 3, 7 polls; the other configuration every time.
    expect(polled.map((p) => (p.live ? 1 : 0)).join('')).toBe('110100010000');
    expect(polled.every((p) => p.takeHome)).toBe(true);
  });

  it('after a bulk tag, browsers with different seeds start on different candidates', async () => {
    const { autoMode, backend } = await autoBrowser();
    // One pad a day: each poll claims only the first candidate in this browser's order.
    await backend.handlers.setAutoDailyLimit({ limit: 1 }, {});
    const firstClaimed = async (seed: string) => {
      // Another browser: Lever as it was, this profile's auto-mode state and journal empty.
      state().reset();
      await Promise.all([db().jobs.clear(), db().records.clear(), db().watch.clear()]);
      await autoItems.autoState.set({ ...NO_AUTO_STATE, orderSeed: seed });
      const bench = state()
        .opportunities.filter((o) => !o.archived)
        .slice(0, 12);
      for (const o of bench) state().changeInLeverUi(o.id, { tag: LIVE.tag, stage: LIVE.stageId });
      await autoMode.poll();
      await autoMode.poll();
      // The first claim note this browser wrote: the first candidate in its order.
      return state().requests.find((r) => r.method === 'POST' && r.path.endsWith('/notes'))?.path;
    };
    const seen = new Set<string | undefined>();
    for (const seed of ['seed-a', 'seed-b', 'seed-c', 'seed-d']) seen.add(await firstClaimed(seed));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('notes without a time are ordered by claim id, the same way in every browser', () => {
    const notes = [
      { id: 'n1', text: claimLine('CP Live', 'bbbbbbbb-0000-4000-8000-000000000000') },
      { id: 'n2', text: claimLine('CP Live', 'aaaaaaaa-0000-4000-8000-000000000000') },
      { id: 'n3', text: claimLine('CP Take-home', '00000000-0000-4000-8000-000000000000') },
    ];
    expect(liveClaims(notes, 'CP Live', Date.now(), 60_000).map((c) => c.claimId)).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000000',
      'bbbbbbbb-0000-4000-8000-000000000000',
    ]);
  });
});

function stoppedAutoJob(pairKey: string, name: string, configurationId: string, claimId: string, now: number): Job {
  const pending = { status: 'pending' as const, error: null, at: null };
  return {
    id: '11111111-2222-4333-8444-555555555555',
    pairKey,
    environment: 'production',
    opportunityId: BARBARA.id,
    candidateName: name,
    candidateEmail: null,
    candidateUrl: `https://hire.lever.co/candidates/${BARBARA.id}`,
    configurationId,
    tag: LIVE.tag,
    stageId: LIVE.stageId,
    stageName: 'Phone screen',
    padType: 'live',
    questionId: LIVE.questionId,
    questionTitle: null,
    language: null,
    title: name,
    performAs: null,
    ownerEmail: null,
    interviewer: null,
    interviewerMailto: null,
    status: 'running',
    padPostedAt: null,
    padSearch: null,
    steps: { tag: pending, stage: pending, pad: pending, link: pending, note: pending },
    pad: null,
    warning: null,
    error: null,
    failedStep: null,
    tabIds: [],
    trigger: 'auto',
    claimId,
    takesOver: null,
    noteLanguage: 'en',
    createdAt: now,
    updatedAt: now,
  };
}
