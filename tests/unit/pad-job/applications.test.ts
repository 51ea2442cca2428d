import { describe, expect, it } from 'vitest';
import { opportunities } from '../../../sandbox/seed';
import { connectedBackend, leverPage, makePad } from '../../support/backend';
import { withSandbox } from '../../support/sandbox';

/*
 * Real Lever: a page may name the person (contact) rather than the application; a person may have
 * several applications; links live on the person. Each application has its own pads.
 */

const env = withSandbox();
const [first, second] = opportunities.filter((o) => o.contact === 'c-0001');
if (!first || !second) throw new Error('the seed gives Ada two applications');
const CONTACT = 'c-0001';

describe('applications of one person', () => {
  it('reads a page reached by the person’s contact id as their open application', async () => {
    const { backend } = await connectedBackend(env.sandbox);
    const context = await backend.handlers.prepareCandidate({ opportunityId: CONTACT }, leverPage(CONTACT));
    expect(context.candidate.id).toBe(first.id);
    expect(context.applications.map((a) => a.id)).toEqual([first.id, second.id]);
    // Lever's headline is the person's (the same on both): the postings' titles tell them apart.
    expect(context.applications.map((a) => a.title)).toEqual(['Senior Backend Engineer', 'Engineering Lead']);
    expect(context.applications[1]).toMatchObject({ stageName: 'New lead' });
  });

  it('reads no posting for a person with one application, and each posting once', async () => {
    const { backend } = await connectedBackend(env.sandbox);
    const grace = opportunities.find((o) => o.name === 'Grace Hopper');
    if (!grace) throw new Error('no Grace');
    await backend.handlers.prepareCandidate({ opportunityId: grace.id }, leverPage(grace.id));
    expect(env.sandbox.state.requests.filter((r) => r.path.startsWith('/v1/postings'))).toHaveLength(0);
    await backend.handlers.prepareCandidate({ opportunityId: first.id, withApplications: true }, leverPage(first.id));
    await backend.handlers.prepareCandidate({ opportunityId: second.id, withApplications: true }, leverPage(second.id));
    expect(env.sandbox.state.requests.filter((r) => r.path.startsWith('/v1/postings'))).toHaveLength(2);
  });

  it('takes the application the address names when it is the person’s own', async () => {
    const { backend } = await connectedBackend(env.sandbox);
    const context = await backend.handlers.prepareCandidate(
      { opportunityId: first.id, applicationId: second.id },
      leverPage(first.id),
    );
    expect(context.candidate.id).toBe(second.id);
    expect(context.applications.map((a) => a.id)).toEqual([first.id, second.id]);
  });

  it('refuses an address whose ?id= names another person’s application, reading nothing of it and writing nothing', async () => {
    const { backend } = await connectedBackend(env.sandbox);
    const grace = opportunities.find((o) => o.name === 'Grace Hopper');
    if (!grace) throw new Error('no Grace');
    const error = await backend.handlers
      .prepareCandidate({ opportunityId: first.id, applicationId: grace.id }, leverPage(first.id))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'other_person' });
    const requests = env.sandbox.state.requests;
    expect(requests.filter((r) => r.path.includes(grace.id) || r.query.contact_id?.includes(grace.contact))).toEqual(
      [],
    );
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('keeps a pad to its application: the other offers a new pad and names the person’s pad apart', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox);
    const live = configurations[0];
    if (!live) throw new Error('no configuration');
    // The recruiter picks the second application and makes a pad for it.
    const job = await makePad(backend, second.id, live.id);
    expect(job.status).toBe('done');
    const state = env.sandbox.state.snapshot();
    const notesOf = (id: string) => state.opportunities.find((o) => o.id === id)?.notes ?? [];
    expect(notesOf(second.id)).toHaveLength(1);
    expect(notesOf(first.id)).toHaveLength(0);
    expect(state.opportunities.find((o) => o.id === first.id)?.tags).not.toContain(live.tag);

    // Lever shows the link on both; the first application has no pad of its own.
    const other = await backend.handlers.prepareCandidate({ opportunityId: first.id }, leverPage(first.id));
    expect(other.existing[live.id]).toBeUndefined();
    expect(other.personPads).toEqual([job.pad?.url]);
    const same = await backend.handlers.prepareCandidate({ opportunityId: second.id }, leverPage(second.id));
    expect(same.existing[live.id]?.source).toBe('padbridge');
    expect(same.personPads).toEqual([]);

    // A click on the first application makes its own pad, not "already has one".
    const started = await backend.handlers.startJob(
      { opportunityId: first.id, configurationId: live.id, force: false },
      leverPage(first.id),
    );
    if (started.kind !== 'job') throw new Error(`expected a job, got ${started.kind}`);
    expect((await backend.workflow.settle(started.job.pairKey))?.status).toBe('done');
    expect(env.sandbox.state.pads).toHaveLength(2);
  });

  it('does not offer an archived application', async () => {
    env.sandbox.state.opportunities = env.sandbox.state.opportunities.map((o) =>
      o.id === second.id ? { ...o, archived: { archivedAt: 1, reason: 'Hired elsewhere' } } : o,
    );
    const { backend } = await connectedBackend(env.sandbox);
    const context = await backend.handlers.prepareCandidate(
      { opportunityId: first.id, withApplications: true },
      leverPage(first.id),
    );
    expect(context.applications.map((a) => a.id)).toEqual([first.id]);
    expect(context.otherApplicationsUnread).toBe(false);
  });

  it('opens an application’s page with one read of it: the person’s other applications only when asked', async () => {
    const { backend } = await connectedBackend(env.sandbox);
    const leverReads = () => env.sandbox.state.requests.filter((r) => r.path.startsWith('/v1/opportunities'));
    const opened = await backend.handlers.prepareCandidate({ opportunityId: first.id }, leverPage(first.id));
    expect(leverReads().map((r) => r.path)).toEqual([`/v1/opportunities/${first.id}`]);
    expect(opened.applications.map((a) => a.id)).toEqual([first.id]);
    expect(opened.otherApplicationsUnread).toBe(true);
    const asked = await backend.handlers.prepareCandidate(
      { opportunityId: first.id, withApplications: true },
      leverPage(first.id),
    );
    expect(asked.applications.map((a) => a.title)).toEqual(['Senior Backend Engineer', 'Engineering Lead']);
    expect(asked.otherApplicationsUnread).toBe(false);
  });

  it('lists a person reached by their contact id once: that list is their applications', async () => {
    const { backend } = await connectedBackend(env.sandbox);
    const context = await backend.handlers.prepareCandidate({ opportunityId: CONTACT }, leverPage(CONTACT));
    expect(context.otherApplicationsUnread).toBe(false);
    const lists = env.sandbox.state.requests.filter((r) => r.path === '/v1/opportunities');
    expect(lists).toHaveLength(1);
  });
});
