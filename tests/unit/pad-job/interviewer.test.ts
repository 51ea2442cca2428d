import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { CODERPAD_KEY_OWNER, opportunities, users } from '../../../sandbox/seed';
import { connectedBackend, LIVE, leverPage } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

/*
 * The interviewer a recruiter names in the confirmation: the pad is theirs in CoderPad when
 * CoderPad has them as a user, the creation note names them, the done view's e-mail to them is
 * in the notes' language, and the choice is remembered for the configuration.
 */

const env = withSandbox();
const ada = opportunities.find((o) => o.name === 'Ada Lovelace');
if (!ada) throw new Error('the seed has Ada');
const user = (name: string) => {
  const found = users.find((u) => u.name === name);
  if (!found) throw new Error(`the seed has ${name}`);
  return found;
};
const notesOf = (id: string) => env.sandbox.state.notes[id] ?? [];

async function withInterviewer(name: string | null) {
  const { backend, configurations } = await connectedBackend(env.sandbox, [LIVE]);
  const config = configurations[0];
  if (!config) throw new Error('no configuration');
  const page = leverPage(ada?.id ?? '');
  const interviewerId = name === null ? null : user(name).id;
  const started = await backend.handlers.startJob(
    { opportunityId: ada?.id ?? '', configurationId: config.id, force: false, interviewerId },
    page,
  );
  if (started.kind !== 'job') throw new Error(`expected a job, got ${started.kind}`);
  const job = await backend.workflow.settle(started.job.pairKey);
  const pad = env.sandbox.state.pads.find((p) => p.id === job?.pad?.id);
  return { backend, config, page, job, pad };
}

describe('the interviewer named in the confirmation', () => {
  it('offers Lever’s users, owns the pad, is named in the note, gets an e-mail in the notes’ language, and is remembered', async () => {
    const { backend, config, page, job, pad } = await withInterviewer('Jules Martin');
    expect(job?.status).toBe('done');
    expect(pad?.owner_email).toBe('jules.martin@acme.example');
    expect(notesOf(ada.id)[0]?.value).toContain('\nInterviewer: Jules Martin\n');
    const mailto = new URL(job?.interviewerMailto ?? 'mailto:none');
    expect(decodeURIComponent(mailto.pathname)).toBe('jules.martin@acme.example');
    expect(mailto.searchParams.get('subject')).toBe(`CoderPad pad for Ada Lovelace (${config.stageName})`);
    expect(mailto.searchParams.get('body')).toContain(`Hello Jules,`);
    expect(mailto.searchParams.get('body')).toContain(job?.pad?.url ?? 'no pad');

    const offered = await backend.handlers.listInterviewers({ configurationId: config.id }, page);
    expect(offered.users.map((u) => u.name)).toEqual(['Jules Martin', 'Maya Okafor', 'Priya Raman']);
    expect(offered.chosen).toBe(user('Jules Martin').id);
  });

  it('remembers the one named only once the click’s job is written (the pad request waits for that write)', async () => {
    const writes: string[] = [];
    const put = IDBObjectStore.prototype.put;
    const puts = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'jobs') writes.push('job');
      return put.apply(this, args);
    });
    const set = browser.storage.local.set;
    const sets = vi.spyOn(browser.storage.local, 'set').mockImplementation((items) => {
      if ('interviewers' in items) writes.push('interviewer');
      return set(items);
    });
    try {
      const { backend, config, page } = await withInterviewer('Jules Martin');
      expect(writes.slice(0, 2)).toEqual(['job', 'interviewer']);
      expect((await backend.handlers.listInterviewers({ configurationId: config.id }, page)).chosen).toBe(
        user('Jules Martin').id,
      );
    } finally {
      puts.mockRestore();
      sets.mockRestore();
    }
  });

  it('writes the remembered choice only when it changes', async () => {
    const { backend, config } = await withInterviewer('Jules Martin');
    const grace = opportunities.find((o) => o.name === 'Grace Hopper');
    if (!grace) throw new Error('the seed has Grace');
    const writes = vi.spyOn(browser.storage.local, 'set');
    try {
      const again = await backend.handlers.startJob(
        { opportunityId: grace.id, configurationId: config.id, force: false, interviewerId: user('Jules Martin').id },
        leverPage(grace.id),
      );
      if (again.kind !== 'job') throw new Error(`expected a job, got ${again.kind}`);
      expect((await backend.workflow.settle(again.job.pairKey))?.status).toBe('done');
      const remembered = writes.mock.calls.filter(([items]) => Object.keys(items).includes('interviewers'));
      expect(remembered).toEqual([]);
    } finally {
      writes.mockRestore();
    }
  });

  it('gives a click that names nobody (a Retry after a refusal) the interviewer the confirmation offers', async () => {
    const { backend, config } = await withInterviewer('Jules Martin');
    const grace = opportunities.find((o) => o.name === 'Grace Hopper');
    if (!grace) throw new Error('the seed has Grace');
    const started = await backend.handlers.startJob(
      { opportunityId: grace.id, configurationId: config.id, force: false },
      leverPage(grace.id),
    );
    if (started.kind !== 'job') throw new Error('expected a job');
    const job = await backend.workflow.settle(started.job.pairKey);
    expect(job?.interviewer?.name).toBe('Jules Martin');
    expect(env.sandbox.state.pads.find((p) => p.id === job?.pad?.id)?.owner_email).toBe('jules.martin@acme.example');
  });

  it('leaves the pad with the key’s owner when CoderPad does not have them as a user, and says so', async () => {
    const { job, pad } = await withInterviewer('Priya Raman');
    expect(job?.status).toBe('done');
    expect(pad?.owner_email).toBe(CODERPAD_KEY_OWNER);
    expect(job?.warning).toBe('owner_not_in_coderpad');
    expect(job?.ownerEmail).toBe('priya.raman@acme.example');
    expect(notesOf(ada.id)[0]?.value).toContain('\nInterviewer: Priya Raman\n');
  });

  it('writes no interviewer when none is named, and forgets the last one for the configuration', async () => {
    const { backend, config, page, job } = await withInterviewer(null);
    expect(job?.interviewer).toBeNull();
    expect(job?.interviewerMailto).toBeNull();
    expect(notesOf(ada.id)[0]?.value).not.toContain('Interviewer:');
    expect((await backend.handlers.listInterviewers({ configurationId: config.id }, page)).chosen).toBeNull();
  });

  it('writes the e-mail to the interviewer in the notes’ language, not the recruiter’s', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox, [LIVE]);
    await backend.handlers.setNoteLanguage({ language: 'fr' }, {});
    const config = configurations[0];
    const started = await backend.handlers.startJob(
      { opportunityId: ada.id, configurationId: config?.id ?? '', force: false, interviewerId: user('Maya Okafor').id },
      leverPage(ada.id),
    );
    if (started.kind !== 'job') throw new Error('expected a job');
    const job = await backend.workflow.settle(started.job.pairKey);
    const mailto = new URL(job?.interviewerMailto ?? 'mailto:none');
    expect(mailto.searchParams.get('subject')).toBe(`Pad CoderPad pour Ada Lovelace (${config?.stageName})`);
    expect(mailto.searchParams.get('body')).toMatch(/^Bonjour Maya,\n\nLe pad CoderPad \(entretien en direct\)/);
    expect(notesOf(ada.id)[0]?.value).toContain('\nIntervieweur : Maya Okafor\n');
  });

  it('refuses an interviewer who is not one of Lever’s users, before anything is written', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox, [LIVE]);
    await expect(
      backend.handlers.startJob(
        {
          opportunityId: ada.id,
          configurationId: configurations[0]?.id ?? '',
          force: false,
          interviewerId: 'u-nobody',
        },
        leverPage(ada.id),
      ),
    ).rejects.toMatchObject({ kind: 'bad_request' });
    expect(env.sandbox.state.pads).toHaveLength(0);
    expect(notesOf(ada.id)).toHaveLength(0);
  });

  it('names the configuration’s default interviewer on auto mode’s pads, and offers them first in the confirmation', async () => {
    const maya = user('Maya Okafor');
    const { backend, configurations } = await connectedBackend(env.sandbox, [{ ...LIVE, interviewerId: maya.id }]);
    const config = configurations[0];
    if (!config) throw new Error('no configuration');
    expect(config.interviewerId).toBe(maya.id);
    const page = leverPage(ada.id);
    expect((await backend.handlers.listInterviewers({ configurationId: config.id }, page)).chosen).toBe(maya.id);

    const opportunity = await (await backend.lever()).getOpportunity(ada.id);
    const { job } = await backend.workflow.startAuto({
      environment: 'production',
      opportunity,
      configuration: config,
      claimId: crypto.randomUUID(),
    });
    const done = await backend.workflow.settle(job.pairKey);
    expect(done?.interviewer?.name).toBe('Maya Okafor');
    expect(env.sandbox.state.pads.find((p) => p.id === done?.pad?.id)?.owner_email).toBe(maya.email);
    expect(notesOf(ada.id).some((n) => n.value.includes('\nInterviewer: Maya Okafor\n'))).toBe(true);
  });
});
