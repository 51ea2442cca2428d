import type { z } from 'zod';
import { CODERPAD_API } from '../environments';
import { createHttp, type FetchLike, type HttpOptions } from '../http/request';
import {
  padListSchema,
  padSchema,
  organizationSchema,
  questionsPageSchema,
  quotaSchema,
  type Pad,
  type Question,
} from './schemas';

export interface CoderPadClientOptions {
  apiKey: string;
  fetch?: FetchLike;
  http?: Partial<Omit<HttpOptions, 'service' | 'fetch'>>;
}

export interface CreatePadParams {
  title: string;
  language?: string;
  questionId?: number;
  /** Pad owner; CoderPad honours it for organisation owners' keys only. */
  ownerEmail?: string;
  notes?: string;
}

const MAX_PAGES = 100;

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
    /** Every question the key's user can see, all pages. */
    async listQuestions(): Promise<Question[]> {
      const all: Question[] = [];
      let next: string | null | undefined = `${CODERPAD_API}/organization/questions`;
      for (let n = 0; next && n < MAX_PAGES; n++) {
        const result: z.infer<typeof questionsPageSchema> = await get(next, questionsPageSchema);
        all.push(...result.questions);
        next = result.next_page && sameApi(result.next_page) ? result.next_page : null;
      }
      return all;
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
    /**
     * Pads created since `since`, newest first, every page (the list may lag a minute behind
     * creation). It lists the key owner's pads; with `ownerEmail`, that user's pads (an
     * organisation owner's key may list them). Items that do not parse are skipped one by one.
     */
    async listPadsSince(since: number, ownerEmail?: string): Promise<Pad[]> {
      const first = new URL(`${CODERPAD_API}/pads`);
      first.searchParams.set('sort', 'created_at,desc');
      if (ownerEmail) first.searchParams.set('user_email', ownerEmail);
      const found: Pad[] = [];
      let next: string | null = first.toString();
      for (let n = 0; next && n < MAX_PAGES; n++) {
        const result: z.infer<typeof padListSchema> = await get(next, padListSchema);
        let older = false;
        for (const item of result.pads) {
          const pad = padSchema.safeParse(item);
          if (!pad.success) continue;
          const created = pad.data.created_at ? Date.parse(pad.data.created_at) : Number.NaN;
          if (created < since) older = true;
          else found.push(pad.data);
        }
        // Newest first: once a page reaches pads older than `since`, the rest are older still.
        next = !older && result.next_page && sameApi(result.next_page) ? result.next_page : null;
      }
      return found;
    },
  };
}

export type CoderPadClient = ReturnType<typeof createCoderPadClient>;
