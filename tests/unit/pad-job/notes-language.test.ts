import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it } from 'vitest';
import { claimNoteText } from '../../../lib/auto-mode/claim';
import { opportunities } from '../../../sandbox/seed';
import { connectedBackend, LIVE, makePad } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

/*
 * The notes PadBridge writes into Lever are in the language the admin chose (or the policy's),
 * not in the clicking recruiter's: here the UI is English throughout.
 */

const env = withSandbox();
const ada = opportunities.find((o) => o.name === 'Ada Lovelace');
if (!ada) throw new Error('the seed has Ada');
const notesOf = (id: string) => env.sandbox.state.notes[id] ?? [];

describe('the language of notes in Lever', () => {
  it('is English by default, and French once the admin chooses it, for the creation and the summary notes', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox, [LIVE]);
    const config = configurations[0];
    if (!config) throw new Error('no configuration');
    expect(await backend.handlers.getNoteLanguage(undefined, {})).toEqual({ language: 'en', fromPolicy: false });
    await backend.handlers.setNoteLanguage({ language: 'fr' }, {});
    const job = await makePad(backend, ada.id, config.id);
    expect(notesOf(ada.id)[0]?.value).toMatch(/^Pad CoderPad \(Entretien en direct\) créé par PadBridge\nQuestion : /);
    // The pad ends: its summary note is French too.
    env.sandbox.state.endPad(job.pad?.id ?? '');
    await backend.statusSync.refresh([job.pad?.id ?? '']);
    expect(notesOf(ada.id).map((n) => n.value.split('\n')[0])).toContain('Pad CoderPad (Entretien en direct) terminé');
  });

  it('follows the organisation’s policy, which the admin cannot change', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox, [LIVE]);
    await fakeBrowser.storage.managed.set({ noteLanguage: 'fr' });
    expect(await backend.handlers.getNoteLanguage(undefined, {})).toEqual({ language: 'fr', fromPolicy: true });
    await expect(backend.handlers.setNoteLanguage({ language: 'en' }, {})).rejects.toMatchObject({ kind: 'managed' });
    await makePad(backend, ada.id, configurations[0]?.id ?? '');
    expect(notesOf(ada.id)[0]?.value).toMatch(/créé par PadBridge/);
  });

  it('writes auto mode’s claim note in that language, its claim line unchanged', () => {
    const claim = '00000000-0000-4000-8000-00000000beef';
    const french = claimNoteText('CP Live', claim, 'fr');
    expect(french).toMatch(/^Le mode automatique de PadBridge crée le pad CoderPad pour « CP Live »/);
    expect(french.split('\n').at(-1)).toBe(claimNoteText('CP Live', claim, 'en').split('\n').at(-1));
  });
});
