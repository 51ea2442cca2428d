import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManaged } from '../support/policy';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/* What the documentation promises is checked against the tree and the code: the tests it cites exist, and its policy examples read as it says. */

const root = resolve(import.meta.dirname, '..', '..');
const page = (name: string) => readFileSync(join(root, 'docs', name), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [relative(root, join(dir, entry.name))],
  );
}
const testFiles = filesUnder(join(root, 'tests'));

/** The last column of each row of a documentation page's first table. */
function citedTests(text: string): string[] {
  const section = text.split(/\n##+ /)[0] ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| what happens'));
  return rows.map((row) => row.split('|').at(-2)?.trim() ?? '');
}

/** "unit a, b, e2e c" → ["unit a", "unit b", "e2e c"]. */
function expand(cell: string): string[] {
  let kind = '';
  return cell.split(',').map((part) => {
    const words = part.trim().split(/\s+/);
    if (['unit', 'component', 'e2e'].includes(words[0] ?? '')) kind = words.shift() ?? '';
    return `${kind} ${words.join(' ')}`;
  });
}

describe('the documentation', () => {
  it('cites, in its faults table, only tests that exist', () => {
    const cited = citedTests(page('faults.md')).flatMap(expand);
    expect(cited.length).toBeGreaterThan(20);
    const missing = cited.filter((name) => {
      const [kind, path] = name.split(' ');
      // A file (`unit workflow`), or a folder of them (`unit storage`).
      return !testFiles.some((file) =>
        new RegExp(`^tests/${kind}/(.*/)?${path}(\\.test\\.tsx?$|/.*\\.test\\.tsx?$)`).test(file),
      );
    });
    expect(missing).toEqual([]);
  });

  it('gives policy examples that PadBridge reads as the installation page says: no problem, locked, configurations kept', async () => {
    const blocks = [...page('installing.md').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] ?? '{}'));
    const settings = blocks.flatMap((block) => {
      const chrome = Object.values(block['3rdparty']?.extensions ?? {});
      const firefox = Object.values(block.policies?.['3rdparty']?.Extensions ?? {});
      return [...chrome, ...firefox] as Record<string, unknown>[];
    });
    expect(settings.length).toBeGreaterThanOrEqual(2);
    for (const policy of settings) {
      fakeBrowser.reset();
      await fakeBrowser.storage.managed.set(policy);
      const read = await readManaged();
      expect(read.problems).toEqual([]);
      expect(read.locked).toBe(policy.locked === true);
      expect(read.configurations).toHaveLength((policy.configurations as unknown[]).length);
    }
  });

  it('gives managed-schema examples that PadBridge reads', async () => {
    const schema = JSON.parse(readFileSync(join(root, 'public', 'managed_schema.json'), 'utf8'));
    const entry = schema.properties.configurations.items.properties as Record<string, { description?: string }>;
    // The language's example ("e.g. python3") is a language a configuration keeps.
    const example = /e\.g\. ([a-z0-9_+#.-]+)/.exec(entry.language?.description ?? '')?.[1];
    expect(example).toBeTruthy();
    await fakeBrowser.storage.managed.set({
      configurations: [{ tag: 'Example', stageId: 's1', padType: 'live', questionId: null, language: example }],
    });
    expect((await readManaged()).problems).toEqual([]);
  });
});
