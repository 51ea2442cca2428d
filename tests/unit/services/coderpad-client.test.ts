import { describe, expect, it } from 'vitest';
import { createCoderPadClient, tokenAuth } from '../../../lib/services/coderpad/client';
import { fitsPadType } from '../../../lib/services/coderpad/schemas';
import { padIdsInText } from '../../../lib/services/coderpad/links';
import { CODERPAD_KEYS, questions } from '../../../sandbox/seed';
import { failure } from '../../support/errors';
import { FAST_HTTP, withSandbox } from '../../support/sandbox';

const env = withSandbox();
const client = (apiKey = CODERPAD_KEYS.valid) =>
  createCoderPadClient({ apiKey, fetch: env.sandbox.fetch, http: FAST_HTTP });

describe('CoderPad client against the sandbox', () => {
  it('sends the token header', () => {
    expect(tokenAuth('abc')).toBe('Token token="abc"');
  });

  it('never follows a redirect: an API answer that moves elsewhere is an error', async () => {
    env.sandbox.fault({
      service: 'coderpad',
      pathIncludes: '/api/quota',
      redirectTo: 'https://coderpad.io/collect',
      count: 10,
    });
    const error = await failure(client().getQuota());
    expect(error.kind).toBe('network');
    expect(env.sandbox.state.requests.some((r) => r.path === '/collect')).toBe(false);
  });

  it('reads quota and organisation', async () => {
    const coderpad = client();
    expect((await coderpad.getQuota()).pads_remaining).toBe(488);
    expect((await coderpad.getOrganization()).organization_name).toBe('Acme Robotics');
  });

  it('reads every question across pages by following next_page', async () => {
    const all = await client().listQuestions();
    expect(all.map((q) => q.id)).toEqual(questions.map((q) => q.id));
    const pages = Math.ceil(questions.length / env.sandbox.state.options.coderpadPageSize);
    expect(env.sandbox.state.requests.filter((r) => r.path === '/api/organization/questions')).toHaveLength(pages);
    expect(all.skipped.count).toBe(0);
  });

  it('refuses a question list longer than it reads at once, rather than offer part of it as all', async () => {
    const limited = createCoderPadClient({
      apiKey: CODERPAD_KEYS.valid,
      fetch: env.sandbox.fetch,
      http: FAST_HTTP,
      maxPages: 2,
    });
    await expect(limited.listQuestions()).rejects.toMatchObject({ kind: 'list_too_long', service: 'coderpad' });
  });

  it('reads a list of three pages whole: `any` fits both pad types, an unknown pad type is kept (live only), an odd item is left out and counted', async () => {
    const state = env.sandbox.state;
    state.questions = [
      ...questions.slice(0, 4),
      {
        ...(questions[0] as (typeof questions)[number]),
        id: 201,
        title: 'Either way',
        pad_type: 'any',
        take_home: false,
      },
      { ...(questions[0] as (typeof questions)[number]), id: 202, title: 'Something new', pad_type: 'pair_review' },
      // Not a question PadBridge can use: no title.
      { id: 203, pad_type: 'live' } as never,
      ...questions.slice(8, 13),
    ];
    const all = await client().listQuestions();
    expect(state.requests.filter((r) => r.path === '/api/organization/questions')).toHaveLength(3);
    expect(all.map((q) => q.id)).toEqual(state.questions.map((q) => q.id).filter((id) => id !== 203));
    expect(all.skipped).toEqual({ count: 1, reasons: [expect.stringMatching(/^id 203: title/)] });
    const byId = (id: number) => all.find((q) => q.id === id) as (typeof all)[number];
    expect(byId(201).pad_type).toBe('any');
    expect([fitsPadType(byId(201), 'live'), fitsPadType(byId(201), 'take_home')]).toEqual([true, true]);
    expect([fitsPadType(byId(202), 'live'), fitsPadType(byId(202), 'take_home')]).toEqual([true, false]);
    expect([fitsPadType(byId(111), 'live'), fitsPadType(byId(111), 'take_home')]).toEqual([false, true]);
    expect([fitsPadType(byId(102), 'live'), fitsPadType(byId(102), 'take_home')]).toEqual([true, false]);
  });

  it('creates a live pad form-encoded, and a take-home pad from a take-home question', async () => {
    const coderpad = client();
    const live = await coderpad.createPad({ title: 'Ada — Tech', language: 'python', notes: 'n' });
    expect(live.url).toBe(`https://coderpad.io/${live.id}`);
    expect(live.type).toBe('live');
    const request = env.sandbox.state.requests.find((r) => r.method === 'POST');
    expect(request?.body).toEqual({ title: 'Ada — Tech', language: 'python', notes: 'n' });
    const takeHome = await coderpad.createPad({ title: 'T', questionId: 110 });
    expect(takeHome.type).toBe('take_home');
    expect((await coderpad.getPad(takeHome.id)).question_ids).toEqual([110]);
  });

  it('classifies a wrong key, an unsupported language, a missing pad and an exhausted quota', async () => {
    const badKey = await failure(client('wrong').getQuota());
    expect(badKey).toMatchObject({ kind: 'bad_key', detail: 'Invalid API key' });
    const language = await failure(client().createPad({ title: 'x', language: 'cobol' }));
    expect(language.kind).toBe('bad_request');
    expect(language.detail).toMatch(/Unsupported language/);
    expect((await failure(client().getPad('NOPE'))).kind).toBe('not_found');
    env.sandbox.state.quota.pads_remaining = 0;
    const quota = await failure(client().createPad({ title: 'x', language: 'python' }));
    expect(quota.kind).toBe('over_quota');
    // Over quota is not a rate limit: asked once, not again.
    expect(env.sandbox.state.requests.filter((r) => r.method === 'POST' && r.status === 429)).toHaveLength(1);
  });

  it('never creates a pad twice when the answer is lost', async () => {
    env.sandbox.fault({ service: 'coderpad', method: 'POST', dropAfterAction: true, count: 1 });
    const error = await failure(client().createPad({ title: 'x', language: 'python' }));
    expect(error.kind).toBe('network');
    expect(env.sandbox.state.pads).toHaveLength(1);
  });

  it('retries reads after server errors and refuses malformed pads', async () => {
    env.sandbox.fault({ service: 'coderpad', status: 502, count: 2 });
    expect((await client().getQuota()).unlimited).toBe(false);
    env.sandbox.fault({ service: 'coderpad', malformed: true, count: 1 });
    const error = await failure(client().createPad({ title: 'x', language: 'python' }));
    expect(error.kind).toBe('invalid_response');
  });

  it('finds pad links in a text only as whole links', () => {
    expect(padIdsInText('Live interview pad created: https://coderpad.io/ABC1234\nRef C-1')).toEqual(['ABC1234']);
    expect(padIdsInText('(https://coderpad.io/ABC1234).')).toEqual(['ABC1234']);
    expect(padIdsInText('prep at coderpad.io/docs, see https://coderpad.io/docs/guide')).toEqual([]);
    expect(padIdsInText('xhttps://coderpad.io/ABC1234 https://coderpad.io.evil.example/ABC1234')).toEqual([]);
    expect(padIdsInText('https://coderpad.io/ABC12345')).toEqual(['ABC12345']);
  });
});
