import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { readManaged } from '../../support/policy';
import fr from '../../../public/_locales/fr/messages.json';
import * as store from '../../../lib/storage/items';
import { CODERPAD_KEYS, LEVER_KEYS } from '../../../sandbox/seed';
import { connectedBackend, LIVE, leverPage, makePad, TAKE_HOME } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

const env = withSandbox();

/** What IT pushes, as the browser's managed storage holds it. */
const setPolicy = (policy: Record<string, unknown>) => fakeBrowser.storage.managed.set(policy);
const POLICY_LIVE = {
  tag: 'Org: Live',
  stageId: LIVE.stageId,
  stageName: 'Technical interview',
  padType: 'live',
  questionId: 102,
};

describe('managed policy', () => {
  it('reads no policy as none, in Chrome (empty) and in Firefox (which rejects)', async () => {
    expect((await readManaged()).present).toBe(false);
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValueOnce(new Error('Managed storage manifest not found'));
    expect(await readManaged()).toMatchObject({ present: false, locked: false, configurations: [] });
  });

  it('gives a policy configuration the same id at every read, and reports entries it cannot use', async () => {
    await setPolicy({
      configurations: [
        POLICY_LIVE,
        { tag: 'No stage', padType: 'live' },
        { tag: 'Take-home without question', stageId: TAKE_HOME.stageId, padType: 'take_home' },
        { ...POLICY_LIVE, stageId: 'other' },
      ],
    });
    const first = await readManaged();
    expect(first.configurations.map((c) => c.tag)).toEqual(['Org: Live']);
    expect(first.problems.map((p) => p.index)).toEqual([1, 2, 3]);
    expect(first.problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/^configurations\.1\.stageId: /),
      'configurations.2.questionId: A take-home test needs a take-home question.',
      'configurations.3.tag: Another configuration already uses this tag.',
    ]);
    expect((await readManaged()).configurations[0]?.id).toBe(first.configurations[0]?.id);
  });

  it('locks everything when the policy itself does not parse, and says why', async () => {
    await setPolicy({ leverEnvironment: 'mars', configurations: [POLICY_LIVE] });
    const policy = await readManaged();
    expect(policy).toMatchObject({ present: true, locked: true, configurations: [] });
    expect(policy.problems[0]?.reason).toContain('leverEnvironment');
  });

  it('reads a key it does not know as a typo: the policy locks (never unlocks) and says which key', async () => {
    await setPolicy({ Locked: true, configurations: [POLICY_LIVE] });
    const policy = await readManaged();
    expect(policy).toMatchObject({ present: true, locked: true, configurations: [] });
    expect(policy.problems.map((p) => p.reason)).toEqual(['Locked: a key PadBridge does not know (a typo?)']);
  });

  it('names each problem with its key’s path in the UI language', async () => {
    fakeBrowser.i18n.getUILanguage = () => 'fr';
    fakeBrowser.i18n.getMessage = ((key: string) =>
      (fr as Record<string, { message: string }>)[key]?.message ?? '') as typeof fakeBrowser.i18n.getMessage;
    await setPolicy({ locked: 'yes', lockd: true });
    const reasons = (await readManaged()).problems.map((p) => p.reason);
    expect(reasons).toContain('lockd : une clé que PadBridge ne connaît pas (une faute de frappe ?)');
    expect(reasons.find((r) => r.startsWith('locked: '))).toMatch(/attendu|invalide/i);
  });

  it('refuses a configuration with a key it does not know rather than dropping the key', async () => {
    const { questionId: _, ...withoutQuestion } = POLICY_LIVE;
    await setPolicy({
      configurations: [
        { ...withoutQuestion, questionID: 102 },
        { ...POLICY_LIVE, tag: 'Fine', createdAt: 1 },
      ],
    });
    const policy = await readManaged();
    expect(policy.configurations.map((c) => c.tag)).toEqual(['Fine']);
    expect(policy.problems).toEqual([
      { index: 0, reason: 'configurations.0.questionID: a key PadBridge does not know (a typo?)' },
    ]);
  });

  it('offers the policy configurations beside the recruiter’s own, read-only, and a pad is made with one', async () => {
    const { backend } = await connectedBackend(env.sandbox, [LIVE]);
    await setPolicy({ configurations: [POLICY_LIVE] });
    const list = await backend.handlers.listConfigurations(undefined, {});
    expect(list.map((c) => c.tag)).toEqual(['Org: Live', 'CP Live']);
    const managed = list[0];
    if (!managed) throw new Error('no policy configuration');
    const status = await backend.handlers.getStatus(undefined, {});
    expect(status.managed).toMatchObject({ locked: false, configurationIds: [managed.id], problems: [] });

    // Neither edited, deleted, nor shadowed by a configuration of the recruiter's with its tag.
    await expect(
      backend.handlers.saveConfiguration({ ...LIVE, id: managed.id, tag: 'Renamed' }, {}),
    ).rejects.toMatchObject({ kind: 'configuration_missing' });
    expect(await backend.handlers.deleteConfiguration({ id: managed.id }, {})).toBeNull();
    await expect(backend.handlers.saveConfiguration({ ...LIVE, tag: 'Org: Live' }, {})).rejects.toMatchObject({
      detail: 'errTagManaged',
    });
    expect((await backend.handlers.listConfigurations(undefined, {})).map((c) => c.tag)).toEqual([
      'Org: Live',
      'CP Live',
    ]);
    // The export holds the recruiter's own only.
    const exported = await backend.handlers.exportConfigurations(undefined, {});
    expect(exported.configurations.map((c) => c.tag)).toEqual(['CP Live']);

    const ada = env.sandbox.state.opportunities[0];
    if (!ada) throw new Error('no candidate');
    const job = await makePad(backend, ada.id, managed.id);
    expect(job.status).toBe('done');
    expect(env.sandbox.state.snapshot().opportunities[0]?.tags).toContain('Org: Live');
  });

  it('when locked, uses only the policy configurations and refuses every change', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox, [LIVE]);
    await setPolicy({ locked: true, configurations: [POLICY_LIVE] });
    expect((await backend.handlers.listConfigurations(undefined, {})).map((c) => c.tag)).toEqual(['Org: Live']);
    const own = configurations[0];
    if (!own) throw new Error('no configuration');
    await expect(backend.handlers.saveConfiguration(TAKE_HOME, {})).rejects.toMatchObject({ kind: 'managed' });
    await expect(backend.handlers.deleteConfiguration({ id: own.id }, {})).rejects.toMatchObject({ kind: 'managed' });
    await expect(
      backend.handlers.importConfigurations({ file: await backend.handlers.exportConfigurations(undefined, {}) }, {}),
    ).rejects.toMatchObject({ kind: 'managed' });
    // The recruiter's own configuration is kept, unused, for when the lock is lifted.
    await setPolicy({ locked: false, configurations: [POLICY_LIVE] });
    expect((await backend.handlers.listConfigurations(undefined, {})).map((c) => c.tag)).toEqual([
      'Org: Live',
      'CP Live',
    ]);
  });

  it('fixes the Lever environment: another is refused, and a connection to another counts as none', async () => {
    const { backend } = await connectedBackend(env.sandbox, []);
    await setPolicy({ leverEnvironment: 'eu' });
    await expect(
      backend.handlers.connectLever({ apiKey: LEVER_KEYS.valid, environment: 'production' }, {}),
    ).rejects.toMatchObject({ kind: 'managed' });
    const status = await backend.handlers.getStatus(undefined, {});
    expect(status.lever).toBeNull();
    expect(status.managed?.environment).toBe('eu');
    // The widget agrees: the production connection no longer counts, on production's pages either.
    const ada = env.sandbox.state.opportunities[0];
    if (!ada) throw new Error('no candidate');
    await expect(backend.handlers.prepareCandidate({ opportunityId: ada.id }, leverPage(ada.id))).rejects.toMatchObject(
      { kind: 'not_connected', service: 'lever' },
    );
    await backend.handlers.connectLever({ apiKey: LEVER_KEYS.valid, environment: 'eu' }, {});
    expect((await backend.handlers.getStatus(undefined, {})).lever?.environment).toBe('eu');
  });

  it('uses the keys a policy provides, tested once, and never shows them', async () => {
    const backend = (await connectedBackend(env.sandbox, [])).backend;
    await backend.handlers.disconnectLever(undefined, {});
    await backend.handlers.disconnectCoderPad(undefined, {});
    await setPolicy({ leverApiKey: LEVER_KEYS.valid, coderpadApiKey: CODERPAD_KEYS.valid });
    const status = await backend.handlers.getStatus(undefined, {});
    expect(status.lever).not.toBeNull();
    expect(status.coderpad).not.toBeNull();
    expect(status.managed).toMatchObject({ leverKey: true, coderpadKey: true, keyErrors: {} });
    expect(JSON.stringify(status)).not.toContain(LEVER_KEYS.valid);
    // Tested once: a second status reads nothing from Lever.
    env.sandbox.state.requests = [];
    await backend.handlers.getStatus(undefined, {});
    expect(env.sandbox.state.requests).toEqual([]);
    // Recruiters can neither replace nor remove them.
    await expect(backend.handlers.disconnectLever(undefined, {})).rejects.toMatchObject({ kind: 'managed' });
    await expect(backend.handlers.connectCoderPad({ apiKey: 'mine' }, {})).rejects.toMatchObject({ kind: 'managed' });
    // The candidate page works with them.
    const ada = env.sandbox.state.opportunities[0];
    if (!ada) throw new Error('no candidate');
    await expect(
      backend.handlers.prepareCandidate({ opportunityId: ada.id }, leverPage(ada.id)),
    ).resolves.toMatchObject({ candidate: { id: ada.id } });
  });

  it('reports a policy key that does not work and uses no other while the policy provides one; the recruiter’s own is kept for when it no longer does', async () => {
    const { backend } = await connectedBackend(env.sandbox, []);
    await setPolicy({ leverApiKey: 'not-a-key' });
    const status = await backend.handlers.getStatus(undefined, {});
    expect(status.managed?.keyErrors.lever).toMatchObject({ kind: 'bad_key', service: 'lever' });
    expect(status.lever).toBeNull();
    await expect(backend.lever()).rejects.toMatchObject({ kind: 'not_connected' });
    // The policy drops the key: the recruiter's own connection, kept all along, counts again.
    await fakeBrowser.storage.managed.clear();
    expect((await backend.handlers.getStatus(undefined, {})).lever).not.toBeNull();
  });

  it('removes a key the policy drops, at once, from the profile', async () => {
    const backend = (await connectedBackend(env.sandbox, [])).backend;
    await backend.handlers.disconnectLever(undefined, {});
    await setPolicy({ leverApiKey: LEVER_KEYS.valid });
    expect((await backend.handlers.getStatus(undefined, {})).lever).not.toBeNull();
    expect(await store.leverConnection.get()).toMatchObject({ fromPolicy: true });
    await fakeBrowser.storage.managed.clear();
    // Even before anything adopts the change, a key from the policy no longer counts.
    await expect(backend.lever()).rejects.toMatchObject({ kind: 'not_connected' });
    expect((await backend.handlers.getStatus(undefined, {})).lever).toBeNull();
    expect(await store.leverConnection.get()).toBeNull();
  });

  it('on a rotated key that fails its test, removes the old one at once and uses neither', async () => {
    const backend = (await connectedBackend(env.sandbox, [])).backend;
    await backend.handlers.disconnectCoderPad(undefined, {});
    await setPolicy({ coderpadApiKey: CODERPAD_KEYS.valid });
    expect((await backend.handlers.getStatus(undefined, {})).coderpad).not.toBeNull();
    await setPolicy({ coderpadApiKey: 'rotated-but-wrong' });
    const status = await backend.handlers.getStatus(undefined, {});
    expect(status.managed?.keyErrors.coderpad).toMatchObject({ kind: 'bad_key' });
    expect(status.coderpad).toBeNull();
    expect(await store.coderpadConnection.get()).toBeNull();
    await expect(backend.coderpad()).rejects.toMatchObject({ kind: 'not_connected' });
  });

  it('a policy key whose test failed at browser start (the network was not up) is tested again when a page opens', async () => {
    const backend = (await connectedBackend(env.sandbox, [])).backend;
    await backend.handlers.disconnectLever(undefined, {});
    await setPolicy({ leverApiKey: LEVER_KEYS.valid });
    env.sandbox.fault({ service: 'lever', drop: true, count: 20 });
    await backend.adoptPolicyKeys();
    await expect(backend.lever()).rejects.toMatchObject({ kind: 'not_connected' });
    env.sandbox.state.faults = [];
    expect((await backend.handlers.getStatus(undefined, {})).lever).not.toBeNull();
  });
});
