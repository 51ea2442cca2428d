import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from '../../sandbox/browser';
import { CODERPAD_KEYS, LEVER_KEYS } from '../../sandbox/seed';
import { candidate, createPadFor, withExtension } from './harness';

/*
 * Rollout by policy in Chromium: a JSON policy file, as IT would install it on Linux, pushes the
 * environment, a locked configuration and shared keys to the built extension.
 */

const POLICY_FILE = '/etc/chromium/policies/managed/padbridge-e2e.json';
/** Chromium reads policy files from /etc: only when this user may write there. */
const writable = (() => {
  try {
    mkdirSync(dirname(POLICY_FILE), { recursive: true });
    accessSync(dirname(POLICY_FILE), constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();
if (!writable) console.warn(`Skipping the policy e2e: ${dirname(POLICY_FILE)} is not writable by this user.`);

/** An unpacked extension's id: its folder's path hashed, as Chromium does. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(c, 16))).join('');
}

const POLICY = {
  leverEnvironment: 'production',
  locked: true,
  leverApiKey: LEVER_KEYS.valid,
  coderpadApiKey: CODERPAD_KEYS.valid,
  configurations: [
    {
      tag: 'Org: Live',
      stageId: '0b7e4d92-3c5a-4e8b-8f21-7a9d6c4b3e21',
      stageName: 'Technical interview',
      padType: 'live',
      questionId: 102,
      questionTitle: 'LRU cache',
    },
  ],
};

// Registered before the harness's own hooks, so the file is in place when Chromium starts.
beforeAll(() => {
  if (!writable) return;
  writeFileSync(
    POLICY_FILE,
    JSON.stringify({ '3rdparty': { extensions: { [unpackedExtensionId(EXTENSION_DIR)]: POLICY } } }),
  );
});
afterAll(() => {
  if (writable) rmSync(POLICY_FILE, { force: true });
});

const h = withExtension();

describe.runIf(writable)('rollout by policy (Chromium policy file)', () => {
  it('connects with the organisation’s keys, shows its locked configuration, and a recruiter creates a pad with it', async () => {
    expect(h.browser.extensionId).toBe(unpackedExtensionId(EXTENSION_DIR));
    const options = await h.newPage();
    await options.goto(h.optionsUrl);
    await options.getByRole('status').filter({ hasText: 'Managed by your organisation' }).waitFor();
    for (const service of ['Lever', 'CoderPad']) {
      const region = options.getByRole('region', { name: service });
      await region.getByText('Your organisation provides this key.').waitFor();
      await region.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      expect(await region.getByRole('textbox').count()).toBe(0);
    }
    expect(await options.getByRole('combobox', { name: 'Lever environment' }).isDisabled()).toBe(true);
    const item = options.getByRole('listitem', { name: 'Org: Live' });
    await item.getByText('Managed by your organisation').waitFor();
    expect(await item.getByRole('button', { name: 'Edit' }).isDisabled()).toBe(true);
    expect(await item.getByRole('button', { name: 'Delete' }).isDisabled()).toBe(true);
    expect(await options.getByRole('button', { name: 'Add configuration' }).isDisabled()).toBe(true);
    expect(await options.getByRole('button', { name: 'Import configurations' }).isDisabled()).toBe(true);
    await h.screenshot(options, 'options-managed');
    // The keys never reach the page.
    expect(await options.content()).not.toContain(LEVER_KEYS.valid);

    const lever = await h.newPage();
    await lever.goto(h.candidateUrl('Grace Hopper'));
    await createPadFor(lever, 'Org: Live');
    await lever.getByRole('status').filter({ hasText: 'Lever is up to date' }).waitFor();
    const grace = h.snapshot().opportunities.find((o) => o.id === candidate('Grace Hopper').id);
    expect(grace?.tags).toContain('Org: Live');
    expect(h.snapshot().pads).toHaveLength(1);
  });
});
