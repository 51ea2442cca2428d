import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { policySchema } from '../../lib/policy/managed';

/**
 * The store packages `npm run zip` makes (npm test makes them before this suite): each unpacked,
 * its manifest read as a store would.
 */
const OUTPUT = resolve(import.meta.dirname, '..', '..', '.output');
const { version } = JSON.parse(readFileSync(resolve(OUTPUT, '..', 'package.json'), 'utf8')) as { version: string };
const unpack = (name: string) => unzipSync(readFileSync(join(OUTPUT, `padbridge-${version}-${name}.zip`)));
const manifestOf = (files: Record<string, Uint8Array>) =>
  JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown> & {
    browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: unknown } };
  };

describe('store packages', () => {
  it('Chrome and Edge: Manifest V3, named from the locales, with the package version and nothing for Firefox', () => {
    const files = unpack('chrome');
    const manifest = manifestOf(files);
    expect(manifest).toMatchObject({ manifest_version: 3, name: '__MSG_extName__', version, default_locale: 'en' });
    expect(manifest.browser_specific_settings).toBeUndefined();
    // A classic service worker in one file: Chromium keeps its compiled code from one start to
    // the next, which it does not for a module worker and its chunks (a cold start about halved).
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    // The managed-storage schema is in the package, and names what the policy reader reads.
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    const schema = JSON.parse(new TextDecoder().decode(files['managed_schema.json'])) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(policySchema.shape).sort());
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'background.js',
        'content-scripts/lever.js',
        '_locales/en/messages.json',
        '_locales/fr/messages.json',
      ]),
    );
  });

  it('Firefox: Manifest V3 with its id and declared data collection', () => {
    const manifest = manifestOf(unpack('firefox'));
    expect(manifest).toMatchObject({ manifest_version: 3, version });
    expect(manifest.browser_specific_settings?.gecko?.id).toBe('padbridge-for-lever@padbridge.dev');
    expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions).toBeTruthy();
  });

  it('Firefox sources: what builds the package, without dependencies, builds or test output', () => {
    const names = Object.keys(unpack('sources'));
    expect(names).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts']));
    expect(names.some((n) => n.startsWith('lib/'))).toBe(true);
    expect(names.filter((n) => /^(node_modules|\.output|test-results|demo-screenshots)\//.test(n))).toEqual([]);
  });
});

describe('store listing', () => {
  const STORE = resolve(OUTPUT, '..', 'store');
  /** Width and height from a PNG's header. */
  const pngSize = (file: string) => {
    const bytes = readFileSync(file);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  };

  it.each(['en', 'fr'])('%s: a summary the stores accept and 1280×800 screenshots', (lang) => {
    const listing = readFileSync(join(STORE, `listing.${lang}.md`), 'utf8');
    const summary = /\*\*(?:Summary|Résumé)[^*]*\*\*\n(.+)\n/.exec(listing)?.[1] ?? '';
    expect(summary.length).toBeGreaterThan(40);
    expect(summary.length).toBeLessThanOrEqual(132);
    const shots = readdirSync(join(STORE, 'screenshots', lang)).filter((name) => name.endsWith('.png'));
    expect(shots.length).toBeGreaterThanOrEqual(3);
    for (const shot of shots)
      expect(pngSize(join(STORE, 'screenshots', lang, shot))).toEqual({ width: 1280, height: 800 });
  });
});
