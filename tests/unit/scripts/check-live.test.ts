import { describe, expect, it } from 'vitest';
import { checkLive } from '../../../scripts/check-live';
import { CODERPAD_KEYS, LEVER_KEYS, opportunities, users } from '../../../sandbox/seed';
import { LIVE_CONFIGURATION, TAKE_HOME_CONFIGURATION } from '../../fixtures/seeded';
import { withSandbox } from '../../support/sandbox';

/* `npm run check-live`, run against the sandbox as a user runs it against their own accounts. */

const env = withSandbox();
const ada = opportunities.find((o) => o.name === 'Ada Lovelace');
if (!ada) throw new Error('no Ada in the seed');

async function run(options: Partial<Parameters<typeof checkLive>[0]> = {}) {
  const lines: string[] = [];
  const result = await checkLive({
    leverKey: LEVER_KEYS.valid,
    coderpadKey: CODERPAD_KEYS.valid,
    environment: 'production',
    fetch: env.sandbox.fetch,
    log: (line) => lines.push(line),
    ...options,
  });
  return { result, text: lines.join('\n') };
}
const writes = () => env.sandbox.state.requests.filter((r) => r.method !== 'GET');

describe('check-live', () => {
  it('reads everything, says what a click would do with each configuration, and writes nothing', async () => {
    const { result, text } = await run({
      opportunityId: ada.id,
      configurations: [LIVE_CONFIGURATION, TAKE_HOME_CONFIGURATION],
    });
    expect(result).toMatchObject({ ok: true, wrote: false });
    expect(writes()).toEqual([]);
    // Lists counted in pages (the sandbox answers three Lever items a page).
    expect(text).toMatch(/stages: 8 \(3 page\(s\)\) and users: 3 \(1 page\(s\)\)/);
    expect(text).toMatch(
      /their contact c-0001 has 2 application\(s\): \S+ "Senior Backend Engineer", \S+ "Engineering Lead"/,
    );
    // What real accounts differ on: pad types seen, the organisation's pads, the clocks.
    expect(text).toMatch(/pad_type values seen: any, drawing, live, take_home/);
    expect(text).toContain("the key reads the organisation's pads");
    expect(text).toContain("Lever's clock agrees with this machine's");
    expect(text).toMatch(
      /CoderPad: Live: add the tag "CoderPad: Live", move to "Technical interview", create a live pad "Ada Lovelace — Technical interview" with "LRU cache"/,
    );
    expect(text).toContain('Read-only: nothing is written.');
    expect(result.confirmed).toContain("GET /opportunities?contact_id= lists a person's applications");
    expect(result.unsettled.join('\n')).toContain('run with --write');
  });

  it('says whether the Act-as user is a CoderPad user, whether the organisation’s pads can be read, and how far the clocks are off', async () => {
    env.sandbox.state.options.organizationPadsForbidden = true;
    env.sandbox.state.options.clockSkewMs = -7 * 60_000;
    const priya = users.find((u) => u.name === 'Priya Raman');
    const { text } = await run({ opportunityId: ada.id, actAs: priya?.id });
    expect(text).toContain(`the Act-as user ${priya?.email} is not a CoderPad user`);
    expect(text).toContain("the key may not read the organisation's pads");
    expect(text).toMatch(/CoderPad's clock is 4(19|20|21) s behind this machine's/);
    expect(env.sandbox.state.coderpadUsersCreated).toEqual([]);
  });

  it('reads an address that carries a contact id as that person’s open application', async () => {
    const { result, text } = await run({ opportunityId: 'c-0001' });
    expect(result.ok).toBe(true);
    expect(text).toMatch(/c-0001 is not an opportunity; as a contact it has 2 opportunities/);
    expect(text).toContain('Ada Lovelace');
  });

  it('says why a click would be refused: archived, stage gone, month used up', async () => {
    env.sandbox.state.quota.pads_remaining = 0;
    const { text } = await run({ opportunityId: ada.id, configurations: [LIVE_CONFIGURATION] });
    expect(text).toContain("refused: CoderPad's pads for the month are used");
    const gone = { ...LIVE_CONFIGURATION, stageId: 'deleted-stage', stageName: 'Old stage' };
    expect((await run({ opportunityId: ada.id, configurations: [gone] })).text).toContain(
      'refused: Lever has no stage "Old stage"',
    );
  });

  it('with --write, adds and removes a check tag and writes one note, as the Act-as user', async () => {
    const { result } = await run({ opportunityId: ada.id, write: true, actAs: 'u-1f2e3d4c' });
    expect(result).toMatchObject({ ok: true, wrote: true });
    expect(result.confirmed).toContain('addTags creates a tag that did not exist');
    const after = env.sandbox.state.snapshot().opportunities.find((o) => o.id === ada.id);
    expect(after?.tags.some((t) => t.startsWith('PadBridge check'))).toBe(false);
    expect(after?.notes).toHaveLength(1);
    expect(writes().every((r) => r.query.perform_as?.[0] === 'u-1f2e3d4c')).toBe(true);
  });

  it('writes nothing with --write but no --opportunity, and says why', async () => {
    const { result, text } = await run({ write: true });
    expect(result).toMatchObject({ ok: false, wrote: false });
    expect(writes()).toEqual([]);
    expect(text).toContain('--write needs --opportunity');
  });

  it('fails plainly with a wrong key', async () => {
    const { result, text } = await run({ leverKey: 'wrong' });
    expect(result.ok).toBe(false);
    expect(text).toMatch(/✗ the key cannot read stages and users/);
  });
});
