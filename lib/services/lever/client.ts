import { z } from 'zod';
import { LEVER_ENVIRONMENTS, type LeverEnvironment } from '../environments';
import { createHttp, type FetchLike, type HttpOptions } from '../http/request';
import { ApiError } from '../http/errors';
import { backgroundLane, limiterFor } from '../http/limiter';
import { type Listed, listed, noneSkipped, parseEach } from '../http/items';
import {
  type Note,
  noteCreatedSchema,
  noteSchema,
  opportunitySchema,
  pageSchema,
  type Posting,
  postingSchema,
  single,
  stageSchema,
  userSchema,
  type Opportunity,
  type Stage,
  type User,
} from './schemas';

export interface LeverClientOptions {
  apiKey: string;
  environment: LeverEnvironment;
  fetch?: FetchLike;
  /** Overrides for tests: timeouts, retries, delays. */
  http?: Partial<Omit<HttpOptions, 'service' | 'fetch'>>;
  /** The most pages of one list read (a longer list is an error, never cut short). */
  maxPages?: number;
}

export interface WriteOptions {
  /** Lever user the action is attributed to. */
  performAs?: string;
  /** Auto mode's writes (its claims, its jobs' link and note): the background lane, behind what a recruiter waits for. */
  background?: boolean;
}

export const PAGE_LIMIT = 100;
/**
 * The order Lever's requests leave in when they queue for its rate (higher first). A candidate page
 * waits for its candidate and stage list before the recruiter can do anything: those go ahead of
 * the writes of pads already made (a burst of clicks would otherwise hold each next page open behind
 * every write queued before it); then writes; then other reads; then polling and the team's list,
 * behind everything a recruiter waits for.
 */
const PAGE_PRIORITY = 2;
const WRITE_PRIORITY = 1;
const BACKGROUND_PRIORITY = -1;
const MAX_PAGES = 200;

export function basicAuth(apiKey: string): string {
  return `Basic ${btoa(`${apiKey}:`)}`;
}

/** What every request of one client goes through: its transport, Lever's address for the environment, the key. */
interface LeverRequests {
  http: ReturnType<typeof createHttp>;
  base: string;
  headers: Record<string, string>;
  maxPages: number;
}

type Query = Record<string, string | string[] | undefined>;

function leverUrl(lever: LeverRequests, path: string, query: Query = {}): string {
  const target = new URL(`${lever.base}${path}`);
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      target.searchParams.append(key, item);
    }
  }
  return target.toString();
}

/** Every page of a list. `priority` below 0: waits behind every other request to Lever (background polling). */
async function listAll<T>(
  lever: LeverRequests,
  path: string,
  item: z.ZodType<T>,
  query: Query = {},
  priority = 0,
): Promise<Listed<T>> {
  const all: T[] = [];
  const skipped = noneSkipped();
  let offset: string | undefined;
  for (let n = 0; ; n++) {
    if (n === lever.maxPages) {
      // Used in part, a list would look whole: auto mode would move past candidates it never saw.
      throw new ApiError({ kind: 'list_too_long', service: 'lever', detail: `${path}: ${lever.maxPages} pages` });
    }
    const result = await lever.http({
      method: 'GET',
      url: leverUrl(lever, path, { ...query, limit: String(PAGE_LIMIT), offset }),
      headers: lever.headers,
      schema: pageSchema,
      idempotent: true,
      priority,
    });
    all.push(...parseEach(item, result.data, skipped));
    if (!result.hasNext || !result.next) break;
    offset = result.next;
  }
  return listed(all, skipped);
}

/** One object, as Lever answers it ({data: …}). */
async function readOne<T>(lever: LeverRequests, path: string, item: z.ZodType<T>, priority = 0): Promise<T> {
  const result = await lever.http({
    method: 'GET',
    url: leverUrl(lever, path),
    headers: lever.headers,
    schema: single(item),
    idempotent: true,
    priority,
  });
  return result.data as T;
}

/** A write to Lever, attributed to the Act-as user when there is one. */
function write<T>(
  lever: LeverRequests,
  request: { method: 'POST' | 'PUT'; path: string; body: unknown; idempotent: boolean; schema: z.ZodType<T> },
  opts: WriteOptions,
) {
  return lever.http({
    method: request.method,
    url: leverUrl(lever, request.path, { perform_as: opts.performAs }),
    headers: { ...lever.headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(request.body),
    schema: request.schema,
    idempotent: request.idempotent,
    priority: opts.background ? BACKGROUND_PRIORITY : WRITE_PRIORITY,
  });
}

const id = (value: string) => encodeURIComponent(value);

/** The writes that leave the same state when sent twice (a tag, a stage, a link): safe to retry. */
const idempotentWrite = (
  lever: LeverRequests,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  opts: WriteOptions = {},
) => write(lever, { method, path, body, idempotent: true, schema: z.unknown() }, opts);

export function createLeverClient(options: LeverClientOptions) {
  const lever: LeverRequests = {
    base: LEVER_ENVIRONMENTS[options.environment].api,
    http: createHttp({
      service: 'lever',
      fetch: options.fetch,
      limiter: limiterFor(`lever:${options.apiKey}`),
      lane: backgroundLane(`lever:${options.apiKey}`),
      ...options.http,
    }),
    headers: { Authorization: basicAuth(options.apiKey) },
    maxPages: options.maxPages ?? MAX_PAGES,
  };
  const priorityOf = (opts: { background?: boolean }) => (opts.background ? BACKGROUND_PRIORITY : 0);

  return {
    environment: options.environment,
    listStages: (): Promise<Listed<Stage>> => listAll(lever, '/stages', stageSchema, {}, PAGE_PRIORITY),
    /** One small background read, for its answer's `Date` (Lever's clock) when nothing else told it yet. */
    async readClock(): Promise<void> {
      await lever.http({
        method: 'GET',
        url: leverUrl(lever, '/stages', { limit: '1' }),
        headers: lever.headers,
        schema: pageSchema,
        idempotent: true,
        priority: BACKGROUND_PRIORITY,
      });
    },
    listUsers: (): Promise<Listed<User>> => listAll(lever, '/users', userSchema),
    // A recruiter's page waits for the candidate (auto mode's read waits behind everything).
    getOpportunity: (opportunityId: string, opts: { background?: boolean } = {}): Promise<Opportunity> =>
      readOne(
        lever,
        `/opportunities/${id(opportunityId)}`,
        opportunitySchema,
        opts.background ? BACKGROUND_PRIORITY : PAGE_PRIORITY,
      ),
    listOpportunities(filter: {
      tag?: string[];
      stageId?: string[];
      updatedAtStart?: number;
      /** A person's opportunities (Lever's contact id). */
      contactId?: string;
      /** false: open applications only. */
      archived?: boolean;
      /** Background reads (auto mode, the team's pads) wait behind what a recruiter is waiting for. */
      background?: boolean;
      /** `applications`: each application with its job posting. */
      expand?: string[];
    }): Promise<Listed<Opportunity>> {
      return listAll(
        lever,
        '/opportunities',
        opportunitySchema,
        {
          expand: filter.expand,
          contact_id: filter.contactId,
          tag: filter.tag,
          stage_id: filter.stageId,
          archived: filter.archived === undefined ? undefined : String(filter.archived),
          updated_at_start: filter.updatedAtStart === undefined ? undefined : String(filter.updatedAtStart),
        },
        priorityOf(filter),
      );
    },
    /** A job posting: its title tells a person's applications apart. */
    getPosting: (postingId: string): Promise<Posting> => readOne(lever, `/postings/${id(postingId)}`, postingSchema),
    // Adding a tag or a link twice leaves the same state: safe to retry.
    addTags: (opportunityId: string, tags: string[], opts: WriteOptions = {}) =>
      idempotentWrite(lever, 'POST', `/opportunities/${id(opportunityId)}/addTags`, { tags }, opts),
    removeTags: (opportunityId: string, tags: string[], opts: WriteOptions = {}) =>
      idempotentWrite(lever, 'POST', `/opportunities/${id(opportunityId)}/removeTags`, { tags }, opts),
    changeStage: (opportunityId: string, stageId: string, opts: WriteOptions = {}) =>
      idempotentWrite(lever, 'PUT', `/opportunities/${id(opportunityId)}/stage`, { stage: stageId }, opts),
    addLinks: (opportunityId: string, links: string[], opts: WriteOptions = {}) =>
      idempotentWrite(lever, 'POST', `/opportunities/${id(opportunityId)}/addLinks`, { links }, opts),
    /** The candidate's notes, every page. */
    listNotes: (opportunityId: string, opts: { background?: boolean } = {}): Promise<Listed<Note>> =>
      listAll(lever, `/opportunities/${id(opportunityId)}/notes`, noteSchema, {}, priorityOf(opts)),
    /** A note is not idempotent: it is retried only when Lever certainly refused it. */
    async addNote(opportunityId: string, value: string, opts: WriteOptions = {}): Promise<string> {
      const result = await write(
        lever,
        {
          method: 'POST',
          path: `/opportunities/${id(opportunityId)}/notes`,
          body: { value, notifyFollowers: false },
          idempotent: false,
          schema: noteCreatedSchema,
        },
        opts,
      );
      return result.data.noteId;
    },
  };
}

export type LeverClient = ReturnType<typeof createLeverClient>;
