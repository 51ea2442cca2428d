import { describe, expect, it } from 'vitest';
import { createLeverClient } from '../../../lib/services/lever/client';
import { LEVER_KEYS, stages, users } from '../../../sandbox/seed';
import { failure } from '../../support/errors';
import { FAST_HTTP, withSandbox } from '../../support/sandbox';

const env = withSandbox();
const client = (apiKey = LEVER_KEYS.valid, environment: 'production' | 'eu' | 'sandbox' = 'production') =>
  createLeverClient({ apiKey, environment, fetch: env.sandbox.fetch, http: FAST_HTTP });
const ADA = '7c0a0001-3f2b-4c1d-9e8f-000000000001';

describe('Lever client against the sandbox', () => {
  it('reads every stage and user across pages, with Basic auth', async () => {
    const lever = client();
    expect(await lever.listStages()).toEqual(stages);
    expect((await lever.listUsers()).map((u) => u.id)).toEqual(users.map((u) => u.id));
    const stageCalls = env.sandbox.state.requests.filter((r) => r.path === '/v1/stages');
    // Eight stages at three a page: three pages, following the offset tokens.
    expect(stageCalls).toHaveLength(3);
    expect(stageCalls[1]?.query.offset).toBeDefined();
    expect(stageCalls.every((r) => r.query.limit?.[0] === '100')).toBe(true);
  });

  it('refuses a list longer than it reads at once, whole, rather than use part of it', async () => {
    const limited = (maxPages: number) =>
      createLeverClient({
        apiKey: LEVER_KEYS.valid,
        environment: 'production',
        fetch: env.sandbox.fetch,
        http: FAST_HTTP,
        maxPages,
      });
    // Eight stages, three a page: three pages.
    expect(await limited(3).listStages()).toHaveLength(stages.length);
    const error = await failure(limited(2).listStages());
    expect(error).toMatchObject({ kind: 'list_too_long', service: 'lever' });
  });

  it('uses the host of the chosen environment', async () => {
    await client(LEVER_KEYS.valid, 'eu').listStages();
    await client(LEVER_KEYS.valid, 'sandbox').listStages();
    const hosts = new Set(env.sandbox.state.requests.map((r) => r.host));
    expect(hosts).toEqual(new Set(['api.eu.lever.co', 'api.sandbox.lever.co']));
  });

  it('lets a read a recruiter waits for go ahead of background reads already queued (auto mode, Team)', async () => {
    const lever = client();
    const background = Array.from({ length: 30 }, () =>
      lever.listOpportunities({ tag: ['CP Live'], archived: false, background: true }),
    );
    // Queued after thirty background reads, answered among the first: a read of the candidate and
    // one of their notes (the latter at the ordinary priority of the reads a click makes).
    const click = Promise.all([lever.getOpportunity(ADA), lever.listNotes(ADA)]);
    await Promise.all([...background, click]);
    const order = env.sandbox.state.requests.filter((r) => r.service === 'lever').map((r) => r.path);
    expect(order.indexOf(`/v1/opportunities/${ADA}`)).toBeLessThan(12);
    expect(order.indexOf(`/v1/opportunities/${ADA}/notes`)).toBeLessThan(12);
    expect(env.sandbox.state.requests.find((r) => r.path === '/v1/opportunities')?.query.archived).toEqual(['false']);
  });

  it('lets a candidate page’s reads go ahead of the writes of pads already made', async () => {
    const lever = client();
    // Fifteen writes queued first (as a burst of clicks leaves them), then a page opens.
    const writes = Array.from({ length: 15 }, (_, i) => lever.addTags(ADA, [`Burst ${i}`]));
    const page = Promise.all([lever.getOpportunity(ADA), lever.listStages()]);
    await Promise.all([...writes, page]);
    const order = env.sandbox.state.requests.filter((r) => r.service === 'lever').map((r) => r.path);
    // Five writes were already under way; the page's reads leave as soon as one of them is answered.
    expect(order.indexOf(`/v1/opportunities/${ADA}`)).toBeLessThan(8);
    expect(order.indexOf('/v1/stages')).toBeLessThan(8);
  });

  it('reads one opportunity, with links of the person', async () => {
    const ada = await client().getOpportunity(ADA);
    expect(ada.name).toBe('Ada Lovelace');
    expect(ada.links).toContain('https://github.com/ada-example');
    expect(ada.archived).toBeNull();
  });

  it('writes tags, stage, links and notes, attributed with perform_as', async () => {
    const lever = client();
    await lever.addTags(ADA, ['Live: Backend'], { performAs: 'u-5a6b7c8d' });
    await lever.changeStage(ADA, 'lead-new', { performAs: 'u-5a6b7c8d' });
    await lever.addLinks(ADA, ['https://coderpad.io/ABCD123']);
    const noteId = await lever.addNote(ADA, 'Hello', { performAs: 'u-5a6b7c8d' });
    expect(noteId).toMatch(/^note-/);
    const after = await lever.getOpportunity(ADA);
    expect(after.tags).toContain('Live: Backend');
    expect(after.stage).toBe('lead-new');
    expect(after.links).toContain('https://coderpad.io/ABCD123');
    const writes = env.sandbox.state.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.query.perform_as?.[0])).toEqual(['u-5a6b7c8d', 'u-5a6b7c8d', undefined, 'u-5a6b7c8d']);
    expect(env.sandbox.state.notes[ADA]?.[0]?.performAs).toBe('u-5a6b7c8d');
  });

  it('filters opportunities by tag and stage (OR within a parameter)', async () => {
    const found = await client().listOpportunities({ tag: ['Backend'], stageId: ['applicant-new', 'lead-new'] });
    expect(found.map((o) => o.id)).toEqual([ADA]);
  });

  it('classifies a wrong key, a missing permission and an unknown object', async () => {
    const badKey = await failure(client('nope').listStages());
    expect(badKey.kind).toBe('bad_key');
    expect(badKey.detail).toBe('Invalid API key');
    const readOnly = await failure(client(LEVER_KEYS.readOnly).addTags(ADA, ['x']));
    expect(readOnly.kind).toBe('permission');
    const missing = await failure(client().getOpportunity('no-such-candidate'));
    expect(missing.kind).toBe('not_found');
  });

  it('refuses a bad parameter with the service words', async () => {
    const error = await failure(client().changeStage(ADA, 'not-a-stage'));
    expect(error.kind).toBe('bad_request');
    expect(error.detail).toMatch(/stage/);
  });

  it('retries a 429 and a 503 on reads until they pass', async () => {
    env.sandbox.fault({ service: 'lever', status: 429, count: 2 });
    env.sandbox.fault({ service: 'lever', status: 503, count: 1 });
    expect((await client().getOpportunity(ADA)).id).toBe(ADA);
    const statuses = env.sandbox.state.requests.map((r) => r.status);
    expect(statuses.slice(0, 4)).toEqual([429, 429, 503, 200]);
  });

  it('honours Retry-After when Lever sends it', async () => {
    env.sandbox.fault({ service: 'lever', status: 429, retryAfter: 1, count: 1 });
    const started = Date.now();
    await client().getOpportunity(ADA);
    const [first, second] = env.sandbox.state.requests;
    expect(first?.status).toBe(429);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  for (const skewMinutes of [-10, 10]) {
    it(`reads a Retry-After date on Lever’s own clock (${skewMinutes > 0 ? 'ahead' : 'behind'} by ${Math.abs(skewMinutes)} minutes)`, async () => {
      env.sandbox.state.options.clockSkewMs = skewMinutes * 60_000;
      env.sandbox.fault({ service: 'lever', status: 429, retryAfter: 2, retryAfterAsDate: true, count: 1 });
      await client().getOpportunity(ADA);
      const [first, second] = env.sandbox.state.requests;
      expect(first?.status).toBe(429);
      expect(second?.status).toBe(200);
      // It waited for the date Lever named (to the second), measured on Lever's clock: read on this
      // machine's, the date is ten minutes past (no wait) or ten minutes away (more than the client
      // accepts: it would give up).
      expect((second?.receivedAt ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
    });
  }

  it('gives up with rate_limited after the retries are spent', async () => {
    env.sandbox.fault({ service: 'lever', status: 429, count: 10 });
    const error = await failure(client().getOpportunity(ADA));
    expect(error.kind).toBe('rate_limited');
    // The first attempt, three quick tries a token's time apart, then four after the backoff.
    expect(env.sandbox.state.requests).toHaveLength(8);
  });

  it('does not resend a note after a server error, but does after a 429', async () => {
    env.sandbox.fault({ service: 'lever', status: 500, method: 'POST', count: 1 });
    const error = await failure(client().addNote(ADA, 'once'));
    expect(error.kind).toBe('server');
    expect(env.sandbox.state.requests.filter((r) => r.path.endsWith('/notes'))).toHaveLength(1);
    env.sandbox.fault({ service: 'lever', status: 429, method: 'POST', count: 1 });
    await client().addNote(ADA, 'twice');
    expect(env.sandbox.state.notes[ADA]?.map((n) => n.value)).toEqual(['twice']);
  });

  it('reports a dropped connection as a network error after retrying', async () => {
    env.sandbox.fault({ service: 'lever', drop: true, count: 10 });
    const error = await failure(client().listStages());
    expect(error.kind).toBe('network');
  });

  it('recovers from one dropped connection on a read', async () => {
    env.sandbox.fault({ service: 'lever', drop: true, count: 1 });
    expect(await client().listUsers()).toHaveLength(users.length);
  });

  it('reports a timeout', async () => {
    env.sandbox.fault({ service: 'lever', delayMs: 400, count: 10 });
    const lever = createLeverClient({
      apiKey: LEVER_KEYS.valid,
      environment: 'production',
      fetch: env.sandbox.fetch,
      http: { ...FAST_HTTP, timeoutMs: 100, retries: 1 },
    });
    const error = await failure(lever.getOpportunity(ADA));
    expect(error.kind).toBe('timeout');
  });

  it('refuses a malformed response clearly', async () => {
    env.sandbox.fault({ service: 'lever', malformed: true, count: 1 });
    const error = await failure(client().getOpportunity(ADA));
    expect(error.kind).toBe('invalid_response');
    expect(error.detail).toMatch(/^data/);
  });

  it('stays under ten requests a second on one key', async () => {
    // The sandbox's bucket would allow 20 at once; the client must send no more than 10 in any second.
    const sent: number[] = [];
    const lever = createLeverClient({
      apiKey: 'rate-test-key',
      environment: 'production',
      fetch: (input, init) => {
        sent.push(performance.now());
        return env.sandbox.fetch(input, init);
      },
      http: FAST_HTTP,
    });
    await Promise.allSettled(Array.from({ length: 25 }, () => lever.getOpportunity(ADA)));
    expect(sent).toHaveLength(25);
    const busiestSecond = Math.max(...sent.map((start) => sent.filter((t) => t >= start && t - start < 1000).length));
    expect(busiestSecond).toBeLessThanOrEqual(10);
    expect((sent.at(-1) ?? 0) - (sent[0] ?? 0)).toBeGreaterThanOrEqual(2000);
  });
});
