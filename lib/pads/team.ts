import { z } from 'zod';
import type { Configuration } from '../configurations/configuration';
import { padIdFromUrl, padIdsInText } from '../services/coderpad/links';
import { candidateUrl, type LeverEnvironment } from '../services/environments';
import type { LeverClient } from '../services/lever/client';
import { type Note, noteCreatedAt, noteLines, noteTexts, type Opportunity } from '../services/lever/schemas';
import { candidateCache } from '../storage/items';
import { recordsFor } from './record-table';
import { matchesSearch, searchWords } from '../text/search';

/*
 * The team's pads, read from Lever (the one store every recruiter's browser shares): open
 * candidates carrying a configuration's tag who have CoderPad links, newest change first, a page
 * at a time; for the candidates on the page, the notes that name each pad. Read in the
 * background's lower priority, and kept two minutes (Refresh reads again).
 */

const TEAM_CACHE_MS = 2 * 60_000;

export const teamPadSchema = z.object({
  url: z.string(),
  /** This browser's records hold it. */
  madeHere: z.boolean(),
  /** When the note naming the pad was written, if one does. */
  notedAt: z.number().nullable(),
  /** The note is PadBridge's (it carries its reference line). */
  byPadBridge: z.boolean(),
  /** PadBridge's auto mode claimed this candidate for the tag. */
  byAutoMode: z.boolean(),
});
export type TeamPad = z.infer<typeof teamPadSchema>;

export interface TeamCandidate {
  opportunityId: string;
  candidateName: string;
  candidateUrl: string;
  /** The configurations' tags the candidate carries. */
  tags: string[];
  pads: TeamPad[];
}

export interface TeamPage {
  candidates: TeamCandidate[];
  /** Candidates with pads in all, across pages. */
  total: number;
  /**
   * Confidential candidates with pads, left out: the key sees every candidate, the Lever user at
   * the keyboard may not be allowed to.
   */
  confidential: number;
  /** When Lever's list was read. */
  readAt: number;
}

const listedSchema = z.object({ at: z.number(), list: z.array(z.unknown()) });
/** PadBridge's reference line on a creation note: its last word, on its own line. */
const PADBRIDGE_REF = /(^|[\s:])C-[0-9a-f]{8}$/;

async function tagged(
  lever: LeverClient,
  environment: LeverEnvironment,
  tags: string[],
  now: number,
  fresh: boolean,
): Promise<{ list: Opportunity[]; at: number }> {
  const key = `team:${environment}:${tags.join('\u0000')}`;
  if (!fresh) {
    const cached = listedSchema.safeParse(await candidateCache.get(key, TEAM_CACHE_MS, now));
    if (cached.success) return { list: cached.data.list as Opportunity[], at: cached.data.at };
  }
  const list = await lever.listOpportunities({ tag: tags, archived: false, background: true });
  await candidateCache.set(key, { at: now, list }, now, TEAM_CACHE_MS);
  return { list, at: now };
}

async function notesOf(lever: LeverClient, environment: LeverEnvironment, id: string, now: number, fresh: boolean) {
  const key = `teamNotes:${environment}:${id}`;
  if (!fresh) {
    const cached = z
      .array(z.looseObject({ id: z.string() }))
      .safeParse(await candidateCache.get(key, TEAM_CACHE_MS, now));
    if (cached.success) return cached.data as Note[];
  }
  const notes = await lever.listNotes(id, { background: true });
  await candidateCache.set(key, notes, now, TEAM_CACHE_MS);
  return notes;
}

export async function listTeamPads(
  lever: LeverClient,
  configs: Configuration[],
  /** `query`: words that must each begin a word of the candidate's name or of a configuration's tag they carry. */
  page: { offset: number; limit: number; fresh: boolean; query?: string },
  now: number,
): Promise<TeamPage> {
  const environment = lever.environment;
  const tags = [...new Set(configs.map((c) => c.tag))];
  if (tags.length === 0) return { candidates: [], total: 0, confidential: 0, readAt: now };
  const { list, at } = await tagged(lever, environment, tags, now, page.fresh);
  const allWithPads = list.filter((o) => !o.archived && o.links.some((link) => padIdFromUrl(link)));
  // The search runs over the whole list Lever returned, before any note is read.
  const words = searchWords(page.query ?? '');
  const withPads = allWithPads
    .filter((o) => o.confidentiality !== 'confidential')
    .filter(
      (o) =>
        words.length === 0 ||
        matchesSearch({ candidateName: o.name, tag: tags.filter((tag) => o.tags.includes(tag)).join(' ') }, words),
    )
    .sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
  const shown = withPads.slice(page.offset, page.offset + page.limit);
  const candidates: TeamCandidate[] = [];
  for (const opportunity of shown) {
    const [notes, records] = await Promise.all([
      notesOf(lever, environment, opportunity.id, now, page.fresh),
      recordsFor(environment, opportunity.id),
    ]);
    const ours = new Set(records.map((r) => r.url));
    const theirTags = tags.filter((tag) => opportunity.tags.includes(tag));
    const claimed = notes.some((n) =>
      noteLines(n).some((line) =>
        theirTags.some((tag) => line.startsWith(`padbridge-claim:${encodeURIComponent(tag)}:`)),
      ),
    );
    candidates.push({
      opportunityId: opportunity.id,
      candidateName: opportunity.name,
      candidateUrl: candidateUrl(environment, opportunity.id),
      tags: theirTags,
      pads: opportunity.links
        .filter((link) => padIdFromUrl(link))
        .map((url) => {
          const id = padIdFromUrl(url);
          const naming = notes.find((n) => id !== undefined && padIdsInText(noteTexts(n)).includes(id));
          const byPadBridge = naming !== undefined && noteLines(naming).some((line) => PADBRIDGE_REF.test(line));
          return {
            url,
            madeHere: ours.has(url),
            notedAt: naming ? (noteCreatedAt(naming) ?? null) : null,
            byPadBridge,
            byAutoMode: byPadBridge && claimed,
          };
        }),
    });
  }
  return { candidates, total: withPads.length, confidential: allWithPads.length - withPads.length, readAt: at };
}
