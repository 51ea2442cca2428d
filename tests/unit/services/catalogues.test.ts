import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../lib/backend';
import { CODERPAD_KEYS, LEVER_KEYS } from '../../../sandbox/seed';
import { LIVE, testClock } from '../../support/backend';
import { FAST_HTTP, withSandbox } from '../../support/sandbox';

const env = withSandbox();

/** How many times each catalogue was listed (a listing may take several pages: its first page counts). */
function listings() {
  const firstPages = env.sandbox.state.requests.filter(
    (r) => r.method === 'GET' && !r.query.offset && !r.query.page?.some((p) => p !== '1'),
  );
  const count = (path: string) => firstPages.filter((r) => r.path === path).length;
  return { stages: count('/v1/stages'), users: count('/v1/users'), questions: count('/api/organization/questions') };
}

describe('catalogues in the options page', () => {
  it('are listed once: testing the key serves the page, and saving a configuration lists nothing', async () => {
    const clock = testClock();
    const { handlers } = createBackend({ fetch: env.sandbox.fetch, http: FAST_HTTP, now: clock.now });
    await handlers.connectLever({ apiKey: LEVER_KEYS.valid, environment: 'production' }, {});
    await handlers.connectCoderPad({ apiKey: CODERPAD_KEYS.valid }, {});
    for (let open = 0; open < 2; open++) {
      await Promise.all([handlers.listStages(undefined, {}), handlers.listUsers(undefined, {})]);
      await handlers.listQuestions(undefined, {});
    }
    expect(listings()).toEqual({ stages: 1, users: 1, questions: 1 });

    const saved = await handlers.saveConfiguration(LIVE, {});
    await handlers.saveConfiguration({ ...LIVE, id: saved.id, tag: 'Renamed' }, {});
    await handlers.deleteConfiguration({ id: saved.id }, {});
    expect(listings()).toEqual({ stages: 1, users: 1, questions: 1 });

    // Refresh reads each anew; ten minutes later, so does the page.
    await Promise.all([
      handlers.listStages({ fresh: true }, {}),
      handlers.listUsers({ fresh: true }, {}),
      handlers.listQuestions({ fresh: true }, {}),
    ]);
    expect(listings()).toEqual({ stages: 2, users: 2, questions: 2 });
    clock.advance(10 * 60_000 + 1);
    await handlers.listStages(undefined, {});
    expect(listings().stages).toBe(3);
  });

  it('are read once per page opening: a reading made since the page opened serves it, a reload reads anew', async () => {
    const clock = testClock();
    const { handlers } = createBackend({ fetch: env.sandbox.fetch, http: FAST_HTTP, now: clock.now });
    const opened = clock.now();
    clock.advance(1000);
    await handlers.connectLever({ apiKey: LEVER_KEYS.valid, environment: 'production' }, {});
    await handlers.listStages({ since: opened }, {});
    expect(listings().stages).toBe(1);
    clock.advance(1000);
    const reloaded = clock.now();
    await handlers.listStages({ since: reloaded }, {});
    await handlers.listStages({ since: reloaded }, {});
    expect(listings().stages).toBe(2);
  });

  it('are forgotten when the key is removed, so another key never sees them', async () => {
    const { handlers } = createBackend({ fetch: env.sandbox.fetch, http: FAST_HTTP });
    await handlers.connectLever({ apiKey: LEVER_KEYS.valid, environment: 'production' }, {});
    await handlers.disconnectLever(undefined, {});
    await handlers.connectCoderPad({ apiKey: CODERPAD_KEYS.valid }, {});
    await expect(handlers.listStages(undefined, {})).rejects.toMatchObject({ kind: 'not_connected' });
    await handlers.listQuestions(undefined, {});
    await handlers.connectCoderPad({ apiKey: CODERPAD_KEYS.valid }, {});
    await handlers.listQuestions(undefined, {});
    expect(listings().questions).toBe(2);
  });
});
