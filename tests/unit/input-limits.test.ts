import { describe, expect, it } from 'vitest';
import { createBackend } from '../../lib/messaging/handlers';
import {
  buildExport,
  type Configuration,
  MAX_IMPORT_BYTES,
  padTitle,
  validateConfiguration,
} from '../../lib/configurations/schema';
import { dispatch } from '../../lib/messaging/dispatch';
import { trustedPadUrl, trustedPlaybackUrl } from '../../lib/services/coderpad/links';
import { connectedBackend, LIVE } from '../support/backend';
import { withSandbox } from '../support/sandbox';

const env = withSandbox();
const base = {
  tag: 'CP',
  stageId: 's',
  padType: 'live' as const,
  questionId: null,
  language: null,
  titleTemplate: 'x',
};
const problems = (input: Partial<typeof base>) => validateConfiguration({ ...base, ...input }, { existing: [] }).errors;

describe('configuration input', () => {
  it('limits a tag to 80 characters, without commas or control characters', () => {
    expect(problems({ tag: 'a'.repeat(80) })).toEqual({});
    expect(problems({ tag: 'a'.repeat(81) }).tag).toBe('errTagTooLong');
    expect(problems({ tag: 'CoderPad, live' }).tag).toBe('errTagCharacters');
    expect(problems({ tag: 'Coder\u0000Pad' }).tag).toBe('errTagCharacters');
    expect(problems({ tag: 'Line\nbreak' }).tag).toBe('errTagCharacters');
  });

  it('limits a title template to 200 characters', () => {
    expect(problems({ titleTemplate: 'x'.repeat(200) })).toEqual({});
    expect(problems({ titleTemplate: 'x'.repeat(201) }).titleTemplate).toBe('errTitleTooLong');
  });

  it('fills each placeholder once: a candidate named "{stage}" or "$&" stays as written', () => {
    const values = { candidate: '$& {stage} $1', stage: 'Onsite', tag: 'CP' };
    expect(padTitle('{candidate} — {stage} ({tag})', values)).toBe('$& {stage} $1 — Onsite (CP)');
    expect(padTitle('{unknown} {candidate}', { ...values, candidate: 'Ada' })).toBe('{unknown} Ada');
  });
});

describe('trusted links', () => {
  it('takes a pad URL only when it is https on CoderPad with the pad’s own id', () => {
    expect(trustedPadUrl({ id: 'ABCD1', url: 'https://coderpad.io/ABCD1' })).toBe('https://coderpad.io/ABCD1');
    expect(trustedPadUrl({ id: 'ABCD1', url: 'https://app.coderpad.io/ABCD1' })).toBe('https://app.coderpad.io/ABCD1');
    for (const url of [
      'javascript:alert(1)',
      'https://coderpad.io/OTHER',
      'https://coderpad.io/ABCD1?next=https://evil.example',
      'https://user@coderpad.io/ABCD1',
      'https://coderpad.io:8443/ABCD1',
      'http://coderpad.io/ABCD1',
      'data:text/html,x',
    ]) {
      expect(() => trustedPadUrl({ id: 'ABCD1', url }), url).toThrow(
        expect.objectContaining({ kind: 'unexpected_link' }),
      );
    }
  });

  it('takes a playback URL only when it is the pad’s own', () => {
    expect(trustedPlaybackUrl('ABCD1', 'https://coderpad.io/ABCD1/playback')).toBe(
      'https://coderpad.io/ABCD1/playback',
    );
    for (const url of ['https://coderpad.io/OTHER/playback', 'https://evil.example/ABCD1/playback', 'javascript:x']) {
      expect(() => trustedPlaybackUrl('ABCD1', url), url).toThrow(expect.objectContaining({ kind: 'unexpected_link' }));
    }
  });
});

describe('ids at the message boundary', () => {
  it('refuses ids that are not of their kind before any lookup', async () => {
    const backend = createBackend();
    for (const [name, data] of [
      ['getJob', { jobId: '__proto__' }],
      ['retryJob', { jobId: 'constructor' }],
      ['deleteConfiguration', { id: '__proto__' }],
      ['startJob', { opportunityId: '../stages', configurationId: crypto.randomUUID() }],
      ['refreshPadStatuses', { padIds: ['../../quota'] }],
    ] as const) {
      expect(await dispatch(backend, name, data, {}), name).toMatchObject({
        ok: false,
        error: { kind: 'bad_request' },
      });
    }
  });
});

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
