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
/** Polling and the team's list: behind every read or write a recruiter waits for. */
const BACKGROUND_PRIORITY = -1;
const MAX_PAGES = 200;

export function basicAuth(apiKey: string): string {
  return `Basic ${btoa(`${apiKey}:`)}`;
}

export function createLeverClient(options: LeverClientOptions) {
  const base = LEVER_ENVIRONMENTS[options.environment].api;
  const http = createHttp({
    service: 'lever',
    fetch: options.fetch,
    limiter: limiterFor(`lever:${options.apiKey}`),
    lane: backgroundLane(`lever:${options.apiKey}`),
    ...options.http,
  });
  const headers = { Authorization: basicAuth(options.apiKey) };

  function url(path: string, query: Record<string, string | string[] | undefined> = {}): string {
    const target = new URL(`${base}${path}`);
    for (const [key, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
        target.searchParams.append(key, item);
      }
    }
    return target.toString();
  }

  async function listAll<T>(
    path: string,
    item: z.ZodType<T>,
    query: Record<string, string | string[] | undefined> = {},
    /** Below 0: waits behind every other request to Lever (background polling). */
    priority = 0,
  ): Promise<Listed<T>> {
    const all: T[] = [];
    const skipped = noneSkipped();
    let offset: string | undefined;
    const maxPages = options.maxPages ?? MAX_PAGES;
    for (let n = 0; ; n++) {
      if (n === maxPages) {
        // Used in part, a list would look whole: auto mode would move past candidates it never saw.
        throw new ApiError({ kind: 'list_too_long', service: 'lever', detail: `${path}: ${maxPages} pages` });
      }
      const result = await http({
        method: 'GET',
        url: url(path, { ...query, limit: String(PAGE_LIMIT), offset }),
        headers,
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
  async function readOne<T>(path: string, item: z.ZodType<T>, priority = 0): Promise<T> {
    const result = await http({
      method: 'GET',
      url: url(path),
      headers,
      schema: single(item),
      idempotent: true,
      priority,
    });
    return result.data as T;
  }

  function write(method: 'POST' | 'PUT', path: string, body: unknown, opts: WriteOptions, idempotent: boolean) {
    return http({
      method,
      url: url(path, { perform_as: opts.performAs }),
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      schema: z.unknown(),
      idempotent,
      priority: opts.background ? BACKGROUND_PRIORITY : 1,
    });
  }

  const id = (value: string) => encodeURIComponent(value);

  return {
    environment: options.environment,
    listStages: (): Promise<Listed<Stage>> => listAll('/stages', stageSchema),
    /** One small background read, for its answer's `Date` (Lever's clock) when nothing else told it yet. */
    async readClock(): Promise<void> {
      await http({
        method: 'GET',
        url: url('/stages', { limit: '1' }),
        headers,
        schema: pageSchema,
        idempotent: true,
        priority: BACKGROUND_PRIORITY,
      });
    },
    listUsers: (): Promise<Listed<User>> => listAll('/users', userSchema),
    // A recruiter waits for the candidate: it goes ahead of other reads (auto mode's waits behind them).
    getOpportunity: (opportunityId: string, opts: { background?: boolean } = {}): Promise<Opportunity> =>
      readOne(`/opportunities/${id(opportunityId)}`, opportunitySchema, opts.background ? BACKGROUND_PRIORITY : 1),
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
        filter.background ? BACKGROUND_PRIORITY : 0,
      );
    },
    /** A job posting: its title tells a person's applications apart. */
    getPosting: (postingId: string): Promise<Posting> => readOne(`/postings/${id(postingId)}`, postingSchema),
    // Adding a tag or a link twice leaves the same state: safe to retry.
    addTags: (opportunityId: string, tags: string[], opts: WriteOptions = {}) =>
      write('POST', `/opportunities/${id(opportunityId)}/addTags`, { tags }, opts, true),
    removeTags: (opportunityId: string, tags: string[], opts: WriteOptions = {}) =>
      write('POST', `/opportunities/${id(opportunityId)}/removeTags`, { tags }, opts, true),
    changeStage: (opportunityId: string, stageId: string, opts: WriteOptions = {}) =>
      write('PUT', `/opportunities/${id(opportunityId)}/stage`, { stage: stageId }, opts, true),
    addLinks: (opportunityId: string, links: string[], opts: WriteOptions = {}) =>
      write('POST', `/opportunities/${id(opportunityId)}/addLinks`, { links }, opts, true),
    /** The candidate's notes, every page. */
    listNotes: (opportunityId: string, opts: { background?: boolean } = {}): Promise<Listed<Note>> =>
      listAll(`/opportunities/${id(opportunityId)}/notes`, noteSchema, {}, opts.background ? BACKGROUND_PRIORITY : 0),
    /** A note is not idempotent: it is retried only when Lever certainly refused it. */
    async addNote(opportunityId: string, value: string, opts: WriteOptions = {}): Promise<string> {
      const result = await http({
        method: 'POST',
        url: url(`/opportunities/${id(opportunityId)}/notes`, { perform_as: opts.performAs }),
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ value, notifyFollowers: false }),
        schema: noteCreatedSchema,
        idempotent: false,
        priority: opts.background ? BACKGROUND_PRIORITY : 1,
      });
      return result.data.noteId;
    },
  };
}

export type LeverClient = ReturnType<typeof createLeverClient>;
