import { describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../../lib/backend';
import type { Job } from '../../../lib/pad-job/job';
import { updateRecord } from '../../../lib/pads/record-table';
import * as store from '../../../lib/storage/items';
import { CODERPAD_KEY_OWNER, opportunities, users } from '../../../sandbox/seed';
import { connectedBackend, LIVE, leverPage, makePad } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';
import { everyRecord } from '../../support/records';

/*
 * What PadBridge writes into Lever and CoderPad can never be doubled, lost or poisoned: one pad
 * per job, each Lever write once, no link that is not the pad's own.
 */

const env = withSandbox();
const seededAda = opportunities.find((o) => o.name === 'Ada Lovelace');
if (!seededAda?.legacyId) throw new Error('the seed gives Ada a legacy id');
const ADA = seededAda;
const state = () => env.sandbox.state;
const adaNow = () =>
  state()
    .snapshot()
    .opportunities.find((o) => o.id === ADA.id);
const leverWrites = () => state().requests.filter((r) => r.service === 'lever' && r.method !== 'GET');
const padPosts = () => state().requests.filter((r) => r.service === 'coderpad' && r.method === 'POST');

async function retry(backend: Backend, job: Job, choice?: 'keepLooking' | 'createAnyway') {
  await backend.handlers.retryJob({ jobId: job.id, choice }, leverPage(ADA.id));
  const after = await backend.workflow.settle(job.pairKey);
  if (!after) throw new Error('job gone');
  return after;
}

async function live(configs = [LIVE]) {
  const made = await connectedBackend(env.sandbox, configs);
  const config = made.configurations[0];
  if (!config) throw new Error('no configuration');
  return { ...made, config };
}

describe('exactly one pad', () => {
  it('never asks again after a pad request whose outcome is unknown, until the recruiter chooses', async () => {
    const { backend, config } = await live();
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', status: 500 });
    // The pad list is searched at once, through CoderPad's lag; nothing found, nothing posted again.
    const unconfirmed = await makePad(backend, ADA.id, config.id);
    expect(unconfirmed).toMatchObject({ status: 'failed', failedStep: 'pad', error: { kind: 'unconfirmed' } });
    expect(unconfirmed.padPostedAt).not.toBeNull();
    expect(padPosts()).toHaveLength(1);
    expect((await retry(backend, unconfirmed)).error?.kind).toBe('unconfirmed');
    expect(padPosts()).toHaveLength(1);
    const keptLooking = await retry(backend, unconfirmed, 'keepLooking');
    expect(keptLooking.error?.kind).toBe('unconfirmed');
    expect(padPosts()).toHaveLength(1);

    const created = await retry(backend, keptLooking, 'createAnyway');
    expect(created.status).toBe('done');
    expect(padPosts()).toHaveLength(2);
    expect(state().pads).toHaveLength(1);
    expect(adaNow()?.notes).toHaveLength(1);
  });

  it('offers Create anyway from the first moment of an uncertain pad request: the search stops and one pad is made', async () => {
    // A search that would take an hour: only the recruiter's choice ends it.
    const made = await connectedBackend(env.sandbox, [LIVE], undefined, undefined, {
      padSearch: { lagMs: 3_600_000, intervalMs: 3_600_000 },
    });
    const config = made.configurations[0];
    if (!config) throw new Error('no configuration');
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', status: 503 });
    const started = await made.backend.handlers.startJob(
      { opportunityId: ADA.id, configurationId: config.id, force: false },
      leverPage(ADA.id),
    );
    if (started.kind !== 'job') throw new Error('no job');
    const searching = await vi.waitFor(
      async () => {
        const job = await made.backend.workflow.get(started.job.id);
        if (!job?.padSearch?.until) throw new Error('not searching yet');
        return job;
      },
      { timeout: 30_000 },
    );
    // Still running, saying until when at most; nothing written into Lever yet.
    expect(searching.status).toBe('running');
    expect((searching.padSearch?.until ?? 0) - (searching.padPostedAt ?? 0)).toBe(3_600_000);
    expect(leverWrites()).toHaveLength(0);
    const created = await retry(made.backend, searching, 'createAnyway');
    expect(created).toMatchObject({ status: 'done', padSearch: null });
    expect(padPosts()).toHaveLength(2);
    expect(state().pads).toHaveLength(1);
    expect(adaNow()?.notes).toHaveLength(1);
  });

  it('adopts a pad whose 2xx answer did not match the documentation', async () => {
    const { backend, config } = await live();
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', malformedAfterAction: true });
    // The answer cannot be read: the pad list is searched at once, and the pad found there.
    const done = await makePad(backend, ADA.id, config.id);
    expect(done.status).toBe('done');
    expect(padPosts()).toHaveLength(1);
    expect(state().pads).toHaveLength(1);
    expect(done.pad?.id).toBe(state().pads[0]?.id);
  });

  it('adopts a pad whose answer stopped half-way until the time ran out', async () => {
    const { backend, config } = await live();
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', stallAfterAction: true });
    const done = await makePad(backend, ADA.id, config.id);
    expect(done.status).toBe('done');
    expect(state().pads).toHaveLength(1);
    expect(padPosts()).toHaveLength(1);
  });

  it('finds a lost pad in a list that lags, pages, and carries an item that is not a pad', async () => {
    const { backend, config } = await live();
    // CoderPad's list lags a minute, on the sandbox's clock, which the test moves (never the machine's speed).
    Object.assign(state().options, { padListLagMs: 60_000, padListPageSize: 2, padListJunk: true });
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', dropAfterAction: true });
    // CoderPad's list cannot be read either, for now: the job stops after its pad request.
    env.sandbox.fault({ service: 'coderpad', method: 'GET', pathIncludes: '/api/pads', status: 503, count: 100 });
    const failed = await makePad(backend, ADA.id, config.id);
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'pad' });
    state().faults.length = 0;
    // Newer pads of the same owner push it to a later page.
    const coderpad = await backend.coderpad();
    for (let i = 0; i < 5; i++) await coderpad.createPad({ title: `Other ${i}`, language: 'python' });
    const listedNow = await coderpad.listPadsSince(0, 'own');
    expect(listedNow.some((pad) => pad.title?.startsWith('Other'))).toBe(false);
    // A minute later on CoderPad's clock, the list shows all six, the newest first.
    state().options.clockSkewMs += 61_000;
    const done = await retry(backend, failed);
    expect(done.status).toBe('done');
    expect(done.pad?.id).toBe(state().pads[0]?.id);
    expect(padPosts()).toHaveLength(6);
    expect(state().pads).toHaveLength(6);
    const listed = state().requests.filter((r) => r.method === 'GET' && r.path === '/api/pads');
    expect(listed.some((r) => r.query.page?.[0] === '2')).toBe(true);
  });

  it('finds a pad made for the Act-as owner, whose answer was lost, in the organisation’s pads, and does not double it', async () => {
    const { backend, config } = await live();
    const maya = users.find((u) => u.email === 'maya.okafor@acme.example');
    if (!maya) throw new Error('no Maya');
    await backend.handlers.setActAs({ userId: maya.id }, {});
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', dropAfterAction: true });
    const done = await makePad(backend, ADA.id, config.id);
    expect(state().pads[0]?.owner_email).toBe(maya.email);
    expect(done.status).toBe('done');
    expect(done.pad?.id).toBe(state().pads[0]?.id);
    expect(state().pads).toHaveLength(1);
    expect(padPosts()).toHaveLength(1);
    // The key owner's own list does not hold Maya's pad; the organisation's does.
    expect(state().requests.some((r) => r.path === '/api/organization/pads')).toBe(true);
    expect(state().requests.some((r) => r.query.user_email !== undefined)).toBe(false);
  });

  it('says at once that it cannot check when the key may not read the organisation’s pads, and creates only when asked', async () => {
    const { backend, config } = await live();
    const maya = users.find((u) => u.email === 'maya.okafor@acme.example');
    if (!maya) throw new Error('no Maya');
    await backend.handlers.setActAs({ userId: maya.id }, {});
    state().options.organizationPadsForbidden = true;
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', status: 502 });
    const unconfirmed = await makePad(backend, ADA.id, config.id);
    expect(unconfirmed).toMatchObject({
      status: 'failed',
      error: { kind: 'unconfirmed', detail: 'unconfirmedOrganizationPads' },
    });
    // One round, not the whole lag window: nothing more can be learnt by waiting.
    expect(unconfirmed.padSearch?.rounds).toBe(1);
    expect(padPosts()).toHaveLength(1);
    const created = await retry(backend, unconfirmed, 'createAnyway');
    expect(created.status).toBe('done');
    expect(padPosts()).toHaveLength(2);
  });

  it('never sends an Act-as user who is not in CoderPad as the pad’s owner (that would add a user), and says whose pad it is', async () => {
    const { backend, config } = await live();
    const priya = users.find((u) => u.name === 'Priya Raman');
    if (!priya?.email) throw new Error('no Priya');
    expect(state().coderpadUsers.some((u) => u.email === priya.email)).toBe(false);
    await backend.handlers.setActAs({ userId: priya.id }, {});
    const done = await makePad(backend, ADA.id, config.id);
    expect(done).toMatchObject({ status: 'done', warning: 'owner_not_in_coderpad', ownerEmail: priya.email });
    const post = padPosts()[0]?.body as Record<string, string>;
    expect(post.user_email).toBeUndefined();
    expect(state().coderpadUsersCreated).toEqual([]);
    expect(state().pads[0]?.owner_email).toBe(CODERPAD_KEY_OWNER);
    // Lever's writes are still Priya's.
    expect(leverWrites().map((r) => r.query.perform_as?.[0])).toEqual(leverWrites().map(() => priya.id));
    // Asked once: the next pad with the same Act-as user uses the answer kept.
    const second = await makePad(backend, opportunities[1]?.id ?? '', config.id);
    expect(second.warning).toBe('owner_not_in_coderpad');
    expect(state().requests.filter((r) => r.path === '/api/organization/users')).toHaveLength(1);
  });

  it('sends an Act-as user CoderPad has as the pad’s owner', async () => {
    const { backend, config } = await live();
    const maya = users.find((u) => u.email === 'maya.okafor@acme.example');
    if (!maya) throw new Error('no Maya');
    await backend.handlers.setActAs({ userId: maya.id }, {});
    const done = await makePad(backend, ADA.id, config.id);
    expect(done).toMatchObject({ status: 'done', warning: null });
    expect((padPosts()[0]?.body as Record<string, string> | undefined)?.user_email).toBe(maya.email);
    expect(state().coderpadUsersCreated).toEqual([]);
  });

  it('is one job for two addresses of one candidate (a legacy id and the opportunity id)', async () => {
    const { backend, config } = await live();
    const [a, b] = await Promise.all([
      backend.handlers.startJob(
        { opportunityId: ADA.legacyId ?? '', configurationId: config.id, force: false },
        leverPage(ADA.id),
      ),
      backend.handlers.startJob({ opportunityId: ADA.id, configurationId: config.id, force: false }, leverPage(ADA.id)),
    ]);
    if (a.kind !== 'job' || b.kind !== 'job') throw new Error('expected jobs');
    expect(a.job.id).toBe(b.job.id);
    expect(a.job.pairKey).toBe(b.job.pairKey);
    expect(a.job.opportunityId).toBe(ADA.id);
    await backend.workflow.settle(a.job.pairKey);
    expect(state().pads).toHaveLength(1);
  });
});

describe('nothing poisoned reaches Lever', () => {
  it('stops on a pad URL that is not the pad’s own, and writes neither link nor note', async () => {
    const { backend, config } = await live();
    state().options.padUrlOverride = 'javascript:alert(1)';
    const failed = await makePad(backend, ADA.id, config.id);
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'pad', error: { kind: 'unexpected_link' } });
    expect(failed.pad).toBeNull();
    expect(leverWrites().filter((r) => r.path.endsWith('/addLinks') || r.path.endsWith('/notes'))).toEqual([]);
    expect(await everyRecord()).toEqual([]);
    // Retrying finds the same pad, still with its bad link: no second pad, still nothing in Lever.
    const again = await retry(backend, failed);
    expect(again.error?.kind).toBe('unexpected_link');
    expect(state().pads).toHaveLength(1);
    expect(JSON.stringify(adaNow())).not.toContain('javascript:');
  });

  it('refuses a pad link on another host, or with another id', async () => {
    const { backend, config } = await live();
    state().options.padUrlOverride = 'https://coderpad.io.evil.example/ABCD';
    const failed = await makePad(backend, ADA.id, config.id);
    expect(failed.error?.kind).toBe('unexpected_link');
    state().options.padUrlOverride = 'https://coderpad.io/SOMEONEELSE';
    const again = await retry(backend, failed);
    expect(again.error?.kind).toBe('unexpected_link');
    expect(adaNow()?.links.some((l) => l.includes('coderpad'))).toBe(false);
  });
});

describe('the job sees the world as it is', () => {
  it('uses today’s configuration when retried before any pad was made', async () => {
    const { backend, config } = await live();
    // CoderPad refuses the question (a refusal: no pad was made); the admin picks another one.
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', status: 422, count: 1 });
    const failed = await makePad(backend, ADA.id, config.id);
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'pad', padPostedAt: null });
    expect(state().pads).toHaveLength(0);
    await backend.handlers.saveConfiguration({ ...LIVE, id: config.id, questionId: 103 }, {});
    const done = await retry(backend, failed);
    expect(done.status).toBe('done');
    expect(state().pads[0]?.question_ids).toEqual([103]);
  });

  it('refuses to start, writing nothing, while CoderPad is not connected', async () => {
    const { backend, config } = await live();
    await backend.handlers.disconnectCoderPad(undefined, {});
    const error = await backend.handlers
      .startJob({ opportunityId: ADA.id, configurationId: config.id, force: false }, leverPage(ADA.id))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_connected', service: 'coderpad' });
    expect(leverWrites()).toEqual([]);
    expect(await backend.workflow.hasRunning()).toBe(false);
  });

  it('refuses before any write when CoderPad’s monthly allowance is used, read as the page opened', async () => {
    const { backend, config } = await live();
    // The page reads the quota beside the candidate as it opens: none left.
    state().quota.pads_remaining = 0;
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    expect(state().requests.filter((r) => r.path === '/api/quota')).toHaveLength(1);
    state().requests = [];
    const error = await backend.handlers
      .startJob({ opportunityId: ADA.id, configurationId: config.id, force: false }, leverPage(ADA.id))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'over_quota', service: 'coderpad' });
    expect(leverWrites()).toEqual([]);
    expect(padPosts()).toEqual([]);
    expect(await backend.workflow.hasRunning()).toBe(false);
    // A reading of none left is checked again at each click: once the allowance is back, the click goes ahead.
    state().quota.pads_remaining = 5;
    const job = await makePad(backend, ADA.id, config.id);
    expect(job.status).toBe('done');
  });

  it('reads the allowance again at the click when the page saw few pads left', async () => {
    const { backend, config } = await live();
    state().quota.pads_remaining = 2;
    await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    // Colleagues use the last two within the minute.
    state().quota.pads_remaining = 0;
    state().requests = [];
    const error = await backend.handlers
      .startJob({ opportunityId: ADA.id, configurationId: config.id, force: false }, leverPage(ADA.id))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'over_quota' });
    expect(state().requests.filter((r) => r.path === '/api/quota')).toHaveLength(1);
    expect(leverWrites()).toEqual([]);
  });

  it('makes the pad when the plan’s pads are used but CoderPad bills overages, and says so', async () => {
    const { backend, config } = await live();
    Object.assign(state().quota, { pads_remaining: 0, overages_enabled: true });
    const status = await backend.handlers.getStatus(undefined, {});
    expect(status.coderpad).toMatchObject({ padsRemaining: 0, overages: true, unlimited: false });
    const job = await makePad(backend, ADA.id, config.id);
    expect(job.status).toBe('done');
    expect(state().pads).toHaveLength(1);
  });

  it('reads an unlimited plan, which gives no counts, as never used up', async () => {
    const { backend, config } = await live();
    Object.assign(state().quota, { unlimited: true, pads_remaining: 0 });
    const status = await backend.handlers.getStatus(undefined, {});
    expect(status.coderpad).toMatchObject({ padsRemaining: null, unlimited: true });
    expect((await makePad(backend, ADA.id, config.id)).status).toBe('done');
  });

  it('shows the month’s allowance as read when a page opens, not as it was when the key was tested', async () => {
    const { backend } = await live();
    state().quota.pads_remaining = 3;
    expect((await backend.handlers.getStatus(undefined, {})).coderpad?.padsRemaining).toBe(3);
    expect(state().requests.filter((r) => r.path === '/api/quota')).toHaveLength(1);
    // Another page within the minute uses that reading.
    await backend.handlers.getStatus(undefined, {});
    expect(state().requests.filter((r) => r.path === '/api/quota')).toHaveLength(1);
  });

  it('refuses before any Lever write when the configuration’s question was deleted in CoderPad, and marks it in the menu', async () => {
    const { backend, config } = await live();
    state().questions = state().questions.filter((q) => q.id !== config.questionId);
    const failed = await makePad(backend, ADA.id, config.id);
    expect(failed).toMatchObject({
      status: 'failed',
      failedStep: 'pad',
      error: { kind: 'question_missing', detail: 'LRU cache' },
      padPostedAt: null,
    });
    expect(leverWrites()).toEqual([]);
    expect(state().pads).toHaveLength(0);
    // Once CoderPad's questions have been read again (the options page does), the menu says why.
    await backend.handlers.listQuestions({ fresh: true }, {});
    const context = await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    expect(context.missingQuestions).toEqual([config.id]);
    expect(context.missingStages).toEqual([]);
  });

  it('stops before any write when the configuration’s stage no longer exists in Lever', async () => {
    const { backend, config } = await live();
    state().stages = state().stages.filter((s) => s.id !== config.stageId);
    // The page reads Lever's stages beside the candidate when it opens.
    const context = await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    expect(context.missingStages).toEqual([config.id]);
    const error = await backend.handlers
      .startJob({ opportunityId: ADA.id, configurationId: config.id, force: false }, leverPage(ADA.id))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'stage_missing' });
    expect(leverWrites()).toEqual([]);
    expect(state().pads).toHaveLength(0);
  });

  it('does not offer a pad deleted in CoderPad as the existing pad', async () => {
    const { backend, config } = await live();
    const first = await makePad(backend, ADA.id, config.id);
    await updateRecord(first.pad?.id ?? '', (r) => ({ ...r, status: 'deleted' }));
    const context = await backend.handlers.prepareCandidate({ opportunityId: ADA.id }, leverPage(ADA.id));
    expect(context.existing[config.id]?.source).not.toBe('padbridge');
  });

  it('takes the Lever environment from the page that asks, not from the message', async () => {
    const { backend, config } = await live();
    const error = await backend.handlers
      .startJob(
        { opportunityId: ADA.id, configurationId: config.id, appHost: 'hire.lever.co' } as never,
        leverPage(ADA.id, 'hire.eu.lever.co'),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'wrong_environment' });
    expect(state().pads).toHaveLength(0);
  });
});

describe('records under concurrent writers', () => {
  it('keeps every record and one summary per pad while pads are made, end and are listed at once', async () => {
    const { backend, config, clock } = await live();
    const candidates = opportunities.filter((o) => !o.archived);
    // Ten pads exist and end while twenty more are made from several tabs and the popup lists them.
    const firstTen = [];
    for (const o of candidates.slice(0, 5)) {
      firstTen.push(await makePad(backend, o.id, config.id, true));
      firstTen.push(await makePad(backend, o.id, config.id, true));
    }
    for (const job of firstTen) state().endPad(job.pad?.id ?? '');
    const burst = Array.from({ length: 20 }, (_, i) => {
      const o = candidates[i % candidates.length];
      if (!o) throw new Error('no candidate');
      return backend.handlers
        .startJob(
          { opportunityId: o.id, configurationId: config.id, force: true },
          leverPage(o.id, 'hire.lever.co', i % 4),
        )
        .then(async (r) => (r.kind === 'job' ? backend.workflow.settle(r.job.pairKey) : undefined));
    });
    const syncing = (async () => {
      for (let round = 0; round < 6; round++) {
        await backend.statusSync.syncDue(5);
        await backend.handlers.listPadRecords({ query: '', limit: 200 }, {});
        clock.advance(60_000);
      }
    })();
    await Promise.all([...burst, syncing]);
    // Jobs for one candidate run one at a time; let every remaining job finish.
    for (const o of candidates) await backend.workflow.settle(`production:${o.id}:${config.id}`);
    for (let round = 0; round < 10; round++) await backend.statusSync.syncDue(10);

    const records = await everyRecord();
    const pads = state().pads;
    expect(records.map((r) => r.padId).sort()).toEqual(pads.map((p) => p.id).sort());
    for (const job of firstTen) {
      const record = records.find((r) => r.padId === job.pad?.id);
      expect(record?.summary.state).toBe('written');
      const summaries = Object.values(state().notes)
        .flat()
        .filter((n) => n.value.includes(`S-${job.pad?.id}`));
      expect(summaries).toHaveLength(1);
    }
    expect(await store.leverConnection.get()).not.toBeNull();
  }, 120_000);
});
