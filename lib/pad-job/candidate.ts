import { z } from 'zod';
import type { Configuration } from '../configurations/configuration';
import { ApiError } from '../services/http/errors';
import type { LeverEnvironment } from '../services/environments';
import type { LeverClient } from '../services/lever/client';
import { noteTexts, type Opportunity, opportunitySchema, postingIdOf } from '../services/lever/schemas';
import { readCatalogue } from '../services/catalogues';
import { padIdFromUrl, padIdsInText } from '../services/coderpad/links';
import type { ExistingPad } from './job';
import { recordsFor } from '../pads/record-table';
import { FINAL_STATUSES } from '../pads/records';
import { candidateCache } from '../storage/items';

/** How long a candidate read on page open stays good enough for a click. */
const CANDIDATE_CACHE_MS = 60_000;

/**
 * The candidate behind a page id, from the short cache filled when the page opened, or from Lever
 * (the client may still be on its way: it is awaited only when Lever must be asked).
 */
export async function readCandidate(
  lever: LeverClient | Promise<LeverClient>,
  environment: LeverEnvironment,
  id: string,
  now: number,
  options: { fresh?: boolean } = {},
): Promise<Opportunity> {
  const cacheKey = `${environment}:${id}`;
  if (!options.fresh) {
    const parsed = opportunitySchema.safeParse(await candidateCache.get(cacheKey, CANDIDATE_CACHE_MS, now));
    if (parsed.success) return parsed.data;
  }
  const { opportunity, theirs } = await resolve(await lever, id);
  await candidateCache.set(cacheKey, opportunity, now, CANDIDATE_CACHE_MS);
  // Reached by the person's id: their applications were listed to find this one, so kept.
  if (theirs && opportunity.contact) await keepApplications(environment, opportunity.contact, theirs, now);
  return opportunity;
}

/**
 * The application behind a page id: the id as an opportunity; if Lever has none, the id as a
 * person (contact), whose first open application in Lever's order is taken (an archived one only
 * when the person has no other; the widget then offers the others). Listed by contact, every
 * application of the person comes along.
 */
async function resolve(lever: LeverClient, id: string): Promise<{ opportunity: Opportunity; theirs?: Opportunity[] }> {
  try {
    return { opportunity: await lever.getOpportunity(id) };
  } catch (error) {
    if (!(error instanceof ApiError && error.kind === 'not_found')) throw error;
    const theirs = await listApplications(lever, id);
    const found = theirs.find((o) => !o.archived) ?? theirs[0];
    if (!found) throw error;
    return { opportunity: found, theirs };
  }
}

// With each application's posting: its title is what tells two applications apart.
const listApplications = (lever: LeverClient, contactId: string) =>
  lever.listOpportunities({ contactId, expand: ['applications'] });

const applicationsKey = (environment: LeverEnvironment, contact: string) => `${environment}:contact:${contact}`;

const keepApplications = (environment: LeverEnvironment, contact: string, theirs: Opportunity[], now: number) =>
  candidateCache.set(applicationsKey(environment, contact), theirs, now, CANDIDATE_CACHE_MS);

async function keptApplications(environment: LeverEnvironment, contact: string, now: number) {
  const cached = z
    .array(opportunitySchema)
    .safeParse(await candidateCache.get(applicationsKey(environment, contact), CANDIDATE_CACHE_MS, now));
  return cached.success ? cached.data : undefined;
}

/** Every application of the person (archived ones too), as Lever lists them by contact; this one alone when Lever names no person. */
async function personApplications(
  lever: LeverClient | Promise<LeverClient>,
  environment: LeverEnvironment,
  opportunity: Opportunity,
  now: number,
): Promise<Opportunity[]> {
  if (!opportunity.contact) return [opportunity];
  const kept = await keptApplications(environment, opportunity.contact, now);
  if (kept) return kept;
  const theirs = await listApplications(await lever, opportunity.contact);
  await keepApplications(environment, opportunity.contact, theirs, now);
  return theirs;
}

/**
 * The person's open applications (this one among them), when Lever names the person. Unless
 * `read`, Lever is not asked: what is already known (the person listed to resolve the page, or
 * in the last minute) or `null` when the person may have others that were not read.
 */
export async function openApplications(
  lever: LeverClient | Promise<LeverClient>,
  environment: LeverEnvironment,
  opportunity: Opportunity,
  now: number,
  options: { read: boolean } = { read: true },
): Promise<Opportunity[] | null> {
  if (opportunity.contact && !options.read && !(await keptApplications(environment, opportunity.contact, now))) {
    return null;
  }
  const theirs = await personApplications(lever, environment, opportunity, now);
  // In Lever's order, so that picking another does not reorder them; this one always among them.
  const open = theirs.filter((o) => !o.archived || o.id === opportunity.id);
  return open.some((o) => o.id === opportunity.id) ? open : [opportunity, ...open];
}

/**
 * The application a page's address names, when it is one of the page's person's own (found in
 * their list by contact, so nothing of another person's record is read); otherwise `other_person`.
 */
export async function applicationOfPerson(
  lever: LeverClient | Promise<LeverClient>,
  environment: LeverEnvironment,
  person: Opportunity,
  applicationId: string,
  now: number,
): Promise<Opportunity> {
  if (applicationId === person.id) return person;
  const theirs = await personApplications(lever, environment, person, now);
  const found = theirs.find((o) => o.id === applicationId);
  if (!found) throw new ApiError({ kind: 'other_person', service: 'lever', detail: applicationId.slice(0, 40) });
  return found;
}

/** How long a posting's title is trusted: postings are renamed rarely. */
const POSTING_CACHE_MS = 60 * 60_000;

/**
 * What each application is called in the widget: the job posting's title (Lever's `headline` is
 * the person's, the same on every application), else the headline, else the name. A person with
 * one application needs no title, and no request is made for it.
 */
export async function applicationTitles(
  lever: LeverClient | Promise<LeverClient>,
  environment: LeverEnvironment,
  applications: Opportunity[],
  now: number,
): Promise<Map<string, string>> {
  const fallback = (o: Opportunity) => o.headline ?? o.name;
  if (applications.length < 2) return new Map(applications.map((o) => [o.id, fallback(o)]));
  const titles = await Promise.all(
    applications.map(async (o) => {
      const postingId = postingIdOf(o);
      if (!postingId) return fallback(o);
      const read = await readCatalogue(
        'posting',
        `${environment}:${postingId}`,
        async () => [(await (await lever).getPosting(postingId)).text],
        { maxAgeMs: POSTING_CACHE_MS, now },
      ).catch(() => []);
      return read[0] ?? fallback(o);
    }),
  );
  return new Map(applications.map((o, i) => [o.id, titles[i] ?? fallback(o)]));
}

/** The candidate changed (or may have): the next read comes from Lever. */
export const forgetCandidate = (environment: LeverEnvironment, id: string) =>
  candidateCache.drop(`${environment}:${id}`);

export interface ExistingPads {
  /** This application's pads, by configuration id. */
  existing: Record<string, ExistingPad>;
  /** CoderPad links Lever holds for the person that belong to none of this application's pads or notes. */
  personPads: string[];
}

/**
 * Pads this application already has, by configuration id: PadBridge's records of it first, then
 * CoderPad links that a note on this application names. Lever keeps links on the person, so a
 * link no note of this application names belongs to another application: reported apart, never
 * as this application's pad. (A pad deleted in CoderPad is not offered.)
 */
export async function existingPads(
  environment: LeverEnvironment,
  opportunity: Opportunity,
  configs: Configuration[],
  lever: LeverClient | Promise<LeverClient>,
  /** Auto mode's reads wait behind what a recruiter is waiting for. */
  options: { background?: boolean } = {},
): Promise<ExistingPads> {
  const records = (await recordsFor(environment, opportunity.id)).filter((r) => r.status !== 'deleted');
  const ours = new Set(records.map((r) => r.padId));
  const links = opportunity.links
    .map((link) => ({ link, id: padIdFromUrl(link) }))
    .filter((l): l is { link: string; id: string } => l.id !== undefined && !ours.has(l.id));
  // Notes are read only when the person has CoderPad links PadBridge did not make here.
  const notes = links.length ? await (await lever).listNotes(opportunity.id, options) : [];
  // A note names a pad by its whole link, not by a string that happens to contain it.
  const namedIds = new Set(notes.flatMap((note) => padIdsInText(noteTexts(note))));
  const named = (link: { link: string; id: string }) => namedIds.has(link.id);
  const foreign = links.filter(named);
  const personPads = links.filter((l) => !named(l)).map((l) => l.link);
  const existing: Record<string, ExistingPad> = {};
  for (const config of configs) {
    const record = records.filter((r) => r.configurationId === config.id).sort((a, b) => b.createdAt - a.createdAt)[0];
    if (record) {
      existing[config.id] = {
        source: 'padbridge',
        pad: { id: record.padId, url: record.url, type: record.padType, title: record.title },
        createdAt: record.createdAt,
        open: !FINAL_STATUSES.includes(record.status),
      };
    } else if (foreign[0]) {
      existing[config.id] = {
        source: 'lever_link',
        pad: { id: foreign[0].id, url: foreign[0].link, type: null, title: null },
        createdAt: null,
      };
    }
  }
  return { existing, personPads };
}
