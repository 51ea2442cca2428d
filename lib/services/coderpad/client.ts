import { z } from 'zod';
import { CODERPAD_API } from '../environments';
import { createHttp, type FetchLike, type HttpOptions } from '../http/request';
import { ApiError } from '../http/errors';
import { type Listed, listed, noneSkipped, parseEach } from '../http/items';
import {
  padListSchema,
  padSchema,
  organizationSchema,
  organizationUserSchema,
  type OrganizationUser,
  questionSchema,
  questionsPageSchema,
  quotaSchema,
  type Pad,
  type Question,
} from './schemas';

export interface CoderPadClientOptions {
  apiKey: string;
  fetch?: FetchLike;
  http?: Partial<Omit<HttpOptions, 'service' | 'fetch'>>;
  /** The most pages of one list read (a longer list is an error, never cut short). */
  maxPages?: number;
}

export interface CreatePadParams {
  title: string;
  language?: string;
  questionId?: number;
  /**
   * Pad owner; CoderPad honours it for organisation owners' keys only, and creates a user (a seat)
   * for an address it does not know: send only an address `findOrganizationUser` found.
   */
  ownerEmail?: string;
  notes?: string;
}

/** Whose pads a list holds: the key owner's own (`GET /pads`), or the whole organisation's. */
export type PadListScope = 'own' | 'organization';

const MAX_PAGES = 100;

/** `GET /organization/users`: the list's key is not documented; `users` and `data` are both read. */
const organizationUsersSchema = z.object({
  users: z.array(z.unknown()).nullish(),
  data: z.array(z.unknown()).nullish(),
});

export function tokenAuth(apiKey: string): string {
  return `Token token="${apiKey.replace(/"/g, '')}"`;
}

/** CoderPad's next_page is a full URL; follow it only while it stays on CoderPad's API. */
function sameApi(next: string): boolean {
  try {
    const target = new URL(next);
    const api = new URL(CODERPAD_API);
    return target.origin === api.origin && target.pathname.startsWith(api.pathname);
  } catch {
    return false;
  }
}

export function createCoderPadClient(options: CoderPadClientOptions) {
  const maxPages = options.maxPages ?? MAX_PAGES;
  // Used in part, a list would look whole (a pad searched for would look absent).
  const tooLong = (path: string) =>
    new ApiError({ kind: 'list_too_long', service: 'coderpad', detail: `${path}: ${maxPages} pages` });
  const http = createHttp({ service: 'coderpad', fetch: options.fetch, ...options.http });
  const headers = { Authorization: tokenAuth(options.apiKey) };
  const get = <T>(url: string, schema: z.ZodType<T>) => http({ method: 'GET', url, headers, schema, idempotent: true });
  const form = (fields: Record<string, string | number | boolean | undefined>) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) body.set(key, String(value));
    return body.toString();
  };
  const formHeaders = { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' };

  return {
    getQuota: () => get(`${CODERPAD_API}/quota`, quotaSchema),
    getOrganization: () => get(`${CODERPAD_API}/organization`, organizationSchema),
    /** Every question the key's user can see, all pages; a question that does not parse is left out and counted. */
    async listQuestions(): Promise<Listed<Question>> {
      const all: Question[] = [];
      const skipped = noneSkipped();
      let next: string | null | undefined = `${CODERPAD_API}/organization/questions`;
      for (let n = 0; next; n++) {
        if (n === maxPages) throw tooLong('/organization/questions');
        const result: z.infer<typeof questionsPageSchema> = await get(next, questionsPageSchema);
        all.push(...parseEach(questionSchema, result.questions, skipped));
        next = result.next_page && sameApi(result.next_page) ? result.next_page : null;
      }
      return listed(all, skipped);
    },
    /** The organisation's user with this address, if CoderPad has one (so sending it as owner creates no seat). */
    async findOrganizationUser(email: string): Promise<OrganizationUser | undefined> {
      const target = new URL(`${CODERPAD_API}/organization/users`);
      target.searchParams.set('email', email);
      const result = await get(target.toString(), organizationUsersSchema);
      const users = parseEach(organizationUserSchema, result.users ?? result.data ?? [], noneSkipped());
      const wanted = email.trim().toLowerCase();
      // The filter is CoderPad's; the match is checked here too (an ignored filter lists everyone).
      return users.find((user) => user.email.trim().toLowerCase() === wanted);
    },
    /** Not idempotent: a pad is only retried when CoderPad certainly refused the request. */
    createPad(params: CreatePadParams): Promise<Pad> {
      return http({
        method: 'POST',
        url: `${CODERPAD_API}/pads`,
        headers: formHeaders,
        body: form({
          title: params.title,
          language: params.questionId === undefined ? params.language : undefined,
          question_id: params.questionId,
          user_email: params.ownerEmail,
          notes: params.notes,
        }),
        schema: padSchema,
        idempotent: false,
      });
    },
    getPad: (padId: string) => get(`${CODERPAD_API}/pads/${encodeURIComponent(padId)}`, padSchema),
    /** Ends a pad (nobody can type in it afterwards). Ending it twice leaves it ended: safe to retry. */
    async endPad(padId: string): Promise<void> {
      await http({
        method: 'PUT',
        url: `${CODERPAD_API}/pads/${encodeURIComponent(padId)}`,
        headers: formHeaders,
        body: form({ ended: 'true' }),
        // The answer's shape is not documented: the pad is read again afterwards.
        schema: z.unknown(),
        idempotent: true,
      });
    },
    /**
     * Pads created at or after `since` (CoderPad's own time, ms), newest first, every page (the
     * list may lag a minute behind creation). `own`: the key owner's pads (`GET /pads`);
     * `organization`: every pad of the organisation (`GET /organization/pads`, which a key may not
     * be allowed to read). Paging stops at the first page that reaches older pads, by the pads'
     * own `created_at`. Items that do not parse are skipped one by one.
     */
    async listPadsSince(since: number, scope: PadListScope = 'own'): Promise<Pad[]> {
      const first = new URL(`${CODERPAD_API}${scope === 'own' ? '/pads' : '/organization/pads'}`);
      first.searchParams.set('sort', 'created_at,desc');
      const found: Pad[] = [];
      let next: string | null = first.toString();
      for (let n = 0; next; n++) {
        if (n === maxPages) throw tooLong(first.pathname);
        const result: z.infer<typeof padListSchema> = await get(next, padListSchema);
        let older = false;
        for (const pad of parseEach(padSchema, result.pads, noneSkipped())) {
          const created = pad.created_at ? Date.parse(pad.created_at) : Number.NaN;
          if (created < since) older = true;
          else found.push(pad);
        }
        // Newest first: once a page reaches pads older than `since`, the rest are older still.
        next = !older && result.next_page && sameApi(result.next_page) ? result.next_page : null;
      }
      return found;
    },
  };
}

export type CoderPadClient = ReturnType<typeof createCoderPadClient>;
