import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../lib/text/describe-error';
import fr from '../../../public/_locales/fr/messages.json';
import { buildExport, type Configuration, MAX_IMPORT_BYTES } from '../../../lib/configurations/configuration';
import { connectedBackend, LIVE } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

const env = withSandbox();

describe('import', () => {
  const file = (configurations: Partial<Configuration>[]) =>
    buildExport(
      configurations.map((c, i) => ({
        id: crypto.randomUUID(),
        tag: `Tag ${i}`,
        stageId: LIVE.stageId,
        stageName: 'Technical interview',
        padType: 'live',
        questionId: 102,
        questionTitle: 'LRU cache',
        language: null,
        titleTemplate: '{candidate}',
        createdAt: 1,
        updatedAt: 1,
        ...c,
      })) as Configuration[],
    );

  it('refuses a file over 256 KB, over 200 configurations, or with ids that are not UUIDs', async () => {
    const { backend } = await connectedBackend(env.sandbox, []);
    const big = { ...file([{}]), padding: 'x'.repeat(MAX_IMPORT_BYTES) };
    await expect(backend.handlers.importConfigurations({ file: big }, {})).rejects.toMatchObject({
      detail: expect.stringContaining('256 KB'),
    });
    const many = file(Array.from({ length: 201 }, () => ({})));
    await expect(backend.handlers.importConfigurations({ file: many }, {})).rejects.toMatchObject({
      kind: 'bad_request',
    });
    await expect(
      backend.handlers.importConfigurations({ file: file([{ id: '__proto__' }]) }, {}),
    ).rejects.toMatchObject({ detail: expect.stringContaining('configurations.0.id') });
    expect(await backend.handlers.listConfigurations(undefined, {})).toEqual([]);
  });

  it('says why an import is refused in the UI language, French included, to the last word', async () => {
    const { backend } = await connectedBackend(env.sandbox, []);
    fakeBrowser.i18n.getUILanguage = () => 'fr';
    fakeBrowser.i18n.getMessage = ((key: string) =>
      (fr as Record<string, { message: string }>)[key]?.message ?? '') as typeof fakeBrowser.i18n.getMessage;
    const shown = (error: unknown) => describeError(error as Parameters<typeof describeError>[0]);
    const refused = (f: unknown) => backend.handlers.importConfigurations({ file: f }, {}).catch(shown);
    expect(await refused({ ...file([{}]), padding: 'x'.repeat(MAX_IMPORT_BYTES) })).toBe(
      'PadBridge a refusé la requête (“fichier : plus de 256 Ko”).',
    );
    expect(await refused(file([{ tag: 'Live' }, { tag: 'Live' }]))).toBe(
      'PadBridge a refusé la requête (“configurations : l’étiquette « Live » y figure deux fois”).',
    );
    // zod's own words for what does not read as an export, in French too.
    const wrongShape = await refused(file([{ id: '__proto__' }]));
    expect(wrongShape).toMatch(/^PadBridge a refusé la requête \(“configurations\.0\.id: .*(invalide|attendu)/i);
    expect(wrongShape).not.toMatch(/\b(Invalid|expected|received)\b/);
    const unknownStage = await refused(file([{ stageId: 'gone' }]));
    expect(unknownStage).toContain('configurations.0 (Tag 0)');
    expect(unknownStage).not.toMatch(/\b(stage|Lever has no|the)\b/);
  });

  it('checks each configuration against today’s stages and questions', async () => {
    const { backend } = await connectedBackend(env.sandbox, []);
    const stale = file([{}, { stageId: 'gone-stage' }, { padType: 'take_home', questionId: 102 }]);
    const error = await backend.handlers.importConfigurations({ file: stale }, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'bad_request' });
    expect(String((error as { detail: string }).detail)).toMatch(
      /configurations\.1 .*This stage no longer exists in Lever/,
    );
    expect(String((error as { detail: string }).detail)).toMatch(/configurations\.2 .*not a take-home question/);
    expect(await backend.handlers.listConfigurations(undefined, {})).toEqual([]);
    expect(await backend.handlers.importConfigurations({ file: file([{}]) }, {})).toEqual({ added: 1, updated: 0 });
  });
});
