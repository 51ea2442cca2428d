import type { SeedOpportunity } from './seed';
import { LEVER_KEYS, postings } from './seed';
import type { SandboxState } from './state';
import type { ApiRequest, ApiResponse } from './http-types';

const leverError = (status: number, code: string, message: string): ApiResponse => ({
  status,
  body: { code, message },
});

function keyOf(authorization: string | undefined): string | undefined {
  if (!authorization?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

/** Offsets are opaque tokens in Lever; here they encode the index of the next item. */
const encodeOffset = (index: number) => Buffer.from(`o:${index}`).toString('base64url');
const decodeOffset = (token: string): number | undefined => {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^o:(\d+)$/.exec(text);
  return match ? Number(match[1]) : undefined;
};

function paged<T>(state: SandboxState, req: ApiRequest, items: T[]): ApiResponse {
  const limitParam = req.query.limit?.[0];
  const limit = limitParam === undefined ? 100 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return leverError(400, 'BadRequestError', 'limit must be an integer between 1 and 100');
  }
  const offsetParam = req.query.offset?.[0];
  const start = offsetParam === undefined ? 0 : decodeOffset(offsetParam);
  if (start === undefined) return leverError(400, 'BadRequestError', 'Invalid offset');
  const size = Math.min(limit, state.options.leverPageSize);
  const data = items.slice(start, start + size);
  const hasNext = start + size < items.length;
  return { status: 200, body: hasNext ? { data, hasNext, next: encodeOffset(start + size) } : { data, hasNext } };
}

/** The opportunity's applications: ids, or (`expand=applications`) objects naming their posting. */
function applicationsOf(o: SeedOpportunity, expand: boolean) {
  const id = `app-${o.id.slice(-8)}`;
  if (!expand) return [id];
  return [
    {
      id,
      type: o.posting ? 'posting' : 'user',
      posting: o.posting ?? null,
      opportunityId: o.id,
      createdAt: o.createdAt,
    },
  ];
}

function view(state: SandboxState, o: SeedOpportunity, expand: string[] = []) {
  return {
    applications: applicationsOf(o, expand.includes('applications')),
    id: o.id,
    name: o.name,
    headline: o.headline,
    contact: o.contact,
    emails: o.emails,
    phones: [],
    location: o.location,
    links: state.linksOf(o.contact),
    stage: o.stage,
    tags: o.tags,
    sources: ['Referral'],
    origin: 'sourced',
    owner: o.owner,
    followers: [o.owner],
    archived: o.archived,
    confidentiality: o.confidential ? 'confidential' : 'non-confidential',
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    lastInteractionAt: o.updatedAt,
    urls: {
      list: 'https://hire.lever.co/candidates',
      show: `https://hire.lever.co/candidates/${o.id}`,
    },
  };
}

function stringArray(body: unknown, field: string): string[] | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[field];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return undefined;
  return value;
}

export function handleLeverApi(state: SandboxState, req: ApiRequest): ApiResponse {
  const key = keyOf(req.headers.authorization);
  if (!key || (key !== LEVER_KEYS.valid && key !== LEVER_KEYS.readOnly)) {
    return leverError(401, 'UnauthorizedError', 'Invalid API key');
  }
  if (!state.takeToken(key)) {
    const response = leverError(429, 'TooManyRequestsError', 'Rate limit exceeded');
    if (state.options.retryAfterOn429) response.headers = { 'Retry-After': '1' };
    return response;
  }
  if (!req.path.startsWith('/v1/')) return leverError(404, 'ResourceNotFoundError', 'Not found');
  const parts = req.path.slice(4).split('/').filter(Boolean).map(decodeURIComponent);
  const isWrite = req.method !== 'GET';
  if (isWrite && key === LEVER_KEYS.readOnly) {
    return leverError(403, 'ForbiddenError', 'This API key does not have permission to perform this action');
  }
  const performAs = req.query.perform_as?.[0];
  if (isWrite && performAs !== undefined && !state.users.some((u) => u.id === performAs)) {
    return leverError(400, 'BadRequestError', 'perform_as must be the id of an active user');
  }

  const [resource, id, action, ...rest] = parts;
  if (rest.length) return leverError(404, 'ResourceNotFoundError', 'Not found');

  if (req.method === 'GET' && resource === 'stages' && !id) return paged(state, req, state.stages);
  if (req.method === 'GET' && resource === 'users' && !id) return paged(state, req, state.users);
  if (req.method === 'GET' && resource === 'postings' && id && !action) {
    const posting = postings.find((p) => p.id === id);
    if (!posting) return leverError(404, 'ResourceNotFoundError', `Posting ${id} not found`);
    return { status: 200, body: { data: { ...posting, state: 'published', categories: { team: 'Engineering' } } } };
  }
  if (req.method === 'GET' && resource === 'tags' && !id) {
    const counts = new Map<string, number>();
    for (const tag of state.tagsCreated) counts.set(tag, 0);
    for (const o of state.opportunities) for (const t of o.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    return paged(
      state,
      req,
      [...counts].map(([text, count]) => ({ text, count })),
    );
  }
  if (resource !== 'opportunities') return leverError(404, 'ResourceNotFoundError', 'Not found');

  if (!id) {
    if (req.method !== 'GET') return leverError(404, 'ResourceNotFoundError', 'Not found');
    const tags = req.query.tag ?? [];
    const stageIds = req.query.stage_id ?? [];
    const updatedStart = req.query.updated_at_start?.[0];
    const contacts = req.query.contact_id ?? [];
    const archived = req.query.archived?.[0];
    const list = state.opportunities.filter(
      (o) =>
        (contacts.length === 0 || contacts.includes(o.contact)) &&
        (archived === undefined || (archived === 'true') === Boolean(o.archived)) &&
        (tags.length === 0 || tags.some((t) => o.tags.includes(t))) &&
        (stageIds.length === 0 || stageIds.includes(o.stage)) &&
        (updatedStart === undefined || o.updatedAt >= Number(updatedStart)),
    );
    return paged(
      state,
      req,
      list.map((o) => view(state, o, req.query.expand ?? [])),
    );
  }

  const opportunity = state.opportunity(id);
  if (!opportunity) return leverError(404, 'ResourceNotFoundError', `Opportunity ${id} not found`);

  if (req.method === 'GET' && !action)
    return { status: 200, body: { data: view(state, opportunity, req.query.expand ?? []) } };

  const touch = () => {
    opportunity.updatedAt = state.now();
  };
  if (req.method === 'POST' && action === 'addTags') {
    const tags = stringArray(req.body, 'tags');
    if (!tags) return leverError(400, 'BadRequestError', 'tags must be an array of strings');
    for (const tag of tags) {
      if (!opportunity.tags.includes(tag)) opportunity.tags.push(tag);
      state.tagsCreated.add(tag);
    }
    touch();
    return { status: 200, body: { data: view(state, opportunity) } };
  }
  if (req.method === 'POST' && action === 'removeTags') {
    const tags = stringArray(req.body, 'tags');
    if (!tags) return leverError(400, 'BadRequestError', 'tags must be an array of strings');
    opportunity.tags = opportunity.tags.filter((tag) => !tags.includes(tag));
    touch();
    return { status: 200, body: { data: view(state, opportunity) } };
  }
  if (req.method === 'PUT' && action === 'stage') {
    const stage = (req.body as { stage?: unknown } | undefined)?.stage;
    if (typeof stage !== 'string' || !state.stages.some((s) => s.id === stage)) {
      return leverError(400, 'BadRequestError', 'stage must be the id of an existing stage');
    }
    opportunity.stage = stage;
    touch();
    return { status: 200, body: { data: view(state, opportunity) } };
  }
  if (req.method === 'POST' && action === 'addLinks') {
    const links = stringArray(req.body, 'links');
    if (!links) return leverError(400, 'BadRequestError', 'links must be an array of strings');
    const current = state.linksOf(opportunity.contact);
    state.personLinks[opportunity.contact] = [...current, ...links.filter((l) => !current.includes(l))];
    touch();
    return { status: 200, body: { data: view(state, opportunity) } };
  }
  if (req.method === 'GET' && action === 'notes') {
    const notes = (state.notes[opportunity.id] ?? []).map((note) => ({
      id: note.id,
      text: 'Note',
      fields: [{ type: 'note', text: 'Note', value: note.value }],
      user: note.performAs ?? null,
      secret: false,
      completedAt: note.createdAt,
      createdAt: note.createdAt,
      deletedAt: null,
    }));
    return paged(state, req, notes);
  }
  if (req.method === 'POST' && action === 'notes') {
    const value = (req.body as { value?: unknown } | undefined)?.value;
    if (typeof value !== 'string' || value.trim() === '')
      return leverError(400, 'BadRequestError', 'value is required');
    const note = state.addNote(opportunity.id, value, performAs);
    touch();
    return { status: 201, body: { data: { noteId: note.id } } };
  }
  return leverError(404, 'ResourceNotFoundError', 'Not found');
}
