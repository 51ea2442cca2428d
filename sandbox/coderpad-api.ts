import { CODERPAD_LANGUAGES } from '../lib/services/coderpad/schemas';
import type { ApiRequest, ApiResponse } from './http-types';
import { CODERPAD_KEY_OWNER, CODERPAD_KEYS } from './seed';
import type { Pad, SandboxState } from './state';

const error = (status: number, message: string): ApiResponse => ({ status, body: { status: 'ERROR', message } });

function keyOf(authorization: string | undefined): string | undefined {
  const match = /^Token token="?([^"]*)"?$/.exec(authorization ?? '');
  return match?.[1];
}

const origin = 'https://app.coderpad.io';

/** Languages live answers show beyond the documented list. */
const UNDOCUMENTED_LANGUAGES = ['go', 'python3', 'scala', 'mysql', 'r'];

function padView(pad: Pad, options: SandboxState['options']) {
  return {
    status: 'OK',
    id: pad.id,
    title: pad.title,
    state: pad.state,
    type: pad.type,
    language: pad.language,
    owner_email: pad.owner_email,
    private: false,
    execution_enabled: true,
    contents: '',
    notes: pad.notes,
    participants: pad.participants,
    question_ids: pad.question_ids,
    url: options.padUrlOverride ?? `https://coderpad.io/${pad.id}`,
    playback: options.playbackOverride ?? `https://coderpad.io/${pad.id}/playback`,
    events: `${origin}/api/pads/${pad.id}/events`,
    created_at: pad.created_at,
    updated_at: pad.ended_at ?? pad.created_at,
    ended_at: pad.ended_at,
  };
}

function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export function handleCoderPadApi(state: SandboxState, req: ApiRequest): ApiResponse {
  const key = keyOf(req.headers.authorization);
  if (key !== CODERPAD_KEYS.valid) return error(401, 'Invalid API key');
  if (!req.path.startsWith('/api/')) return error(404, 'Not found');
  const parts = req.path.slice(5).split('/').filter(Boolean).map(decodeURIComponent);
  const [resource, id, sub] = parts;

  if (req.method === 'GET' && resource === 'quota') {
    // An unlimited plan has no counts to give.
    const { pads_remaining, billing_cycle_pad_limit, ...rest } = state.quota;
    const counts = state.quota.unlimited ? {} : { pads_remaining, billing_cycle_pad_limit };
    return { status: 200, body: { status: 'OK', ...rest, ...counts } };
  }
  if (req.method === 'GET' && resource === 'organization' && id === 'users') {
    const email = req.query.email?.[0]?.toLowerCase();
    const users = state.coderpadUsers.filter((u) => !email || u.email.toLowerCase() === email);
    return { status: 200, body: { status: 'OK', users, total: users.length } };
  }
  if (req.method === 'GET' && resource === 'organization' && !id) {
    return { status: 200, body: { status: 'OK', ...state.organization } };
  }
  if (
    req.method === 'GET' &&
    ((resource === 'organization' && id === 'questions') || (resource === 'questions' && !id))
  ) {
    const page = Math.max(1, Number(req.query.page?.[0] ?? '1') || 1);
    const size = state.options.coderpadPageSize;
    const all = state.questions;
    const items = all.slice((page - 1) * size, page * size);
    const hasNext = page * size < all.length;
    return {
      status: 200,
      body: {
        status: 'OK',
        questions: items,
        next_page: hasNext ? `${origin}${req.path}?page=${page + 1}` : null,
        total: all.length,
      },
    };
  }

  const organizationPads = resource === 'organization' && id === 'pads';
  if (req.method === 'GET' && organizationPads && state.options.organizationPadsForbidden)
    return error(403, 'You do not have access to the organization pads');
  if (resource !== 'pads' && !organizationPads) return error(404, 'Not found');

  if (req.method === 'GET' && (organizationPads || !id)) {
    // `/pads`: the key owner's own pads (no owner filter exists: an unknown parameter is ignored);
    // `/organization/pads`: every pad of the organisation. Newest first; pads younger than the
    // list's lag are not there yet.
    const visibleBefore = state.now() - state.options.padListLagMs;
    const pads = [...state.pads]
      .filter(
        (p) =>
          !p.deleted &&
          (organizationPads || p.owner_email === CODERPAD_KEY_OWNER) &&
          Date.parse(p.created_at) <= visibleBefore,
      )
      .reverse();
    const page = Math.max(1, Number(req.query.page?.[0] ?? '1') || 1);
    const size = state.options.padListPageSize;
    const items: unknown[] = pads.slice((page - 1) * size, page * size).map((p) => padView(p, state.options));
    if (state.options.padListJunk && page === 1) items.unshift({ id: 17, url: null, created_at: 'soon' });
    const next = new URLSearchParams({ page: String(page + 1) });
    return {
      status: 200,
      body: {
        status: 'OK',
        pads: items,
        next_page: page * size < pads.length ? `${origin}${req.path}?${next}` : null,
        total: pads.length,
      },
    };
  }

  if (!id && req.method === 'POST') {
    const { quota } = state;
    if (!quota.unlimited && !quota.overages_enabled && quota.pads_remaining <= 0) return error(429, 'Over quota');
    const ownerEmail = field(req.body, 'user_email');
    if (state.options.refuseOwnerEmail && ownerEmail !== undefined)
      return error(403, 'Only organization owners can create pads for other users');
    const questionId = field(req.body, 'question_id');
    const contents = field(req.body, 'contents');
    if (questionId !== undefined && contents !== undefined)
      return error(400, 'contents cannot be used with question_id');
    let language = field(req.body, 'language') ?? 'plaintext';
    let type: Pad['type'] = 'live';
    const questionIds: number[] = [];
    if (questionId !== undefined) {
      const question = state.questions.find((q) => String(q.id) === questionId);
      if (!question) return error(404, 'Question not found');
      language = question.language;
      // Only a take-home question makes a take-home pad; `any` and others make a live one.
      type = question.pad_type === 'take_home' ? 'take_home' : 'live';
      questionIds.push(question.id);
    } else if (![...CODERPAD_LANGUAGES, ...UNDOCUMENTED_LANGUAGES].includes(language)) {
      return error(400, `Unsupported language: ${language}`);
    }
    // CoderPad creates a user account for an owner address it does not know (a seat).
    if (
      ownerEmail !== undefined &&
      !state.coderpadUsers.some((u) => u.email.toLowerCase() === ownerEmail.toLowerCase())
    ) {
      state.coderpadUsers.push({
        id: state.coderpadUsers.length + 1,
        email: ownerEmail,
        name: ownerEmail,
        role: 'member',
      });
      state.coderpadUsersCreated.push(ownerEmail);
    }
    const pad: Pad = {
      id: state.nextPadId(),
      title: field(req.body, 'title') ?? 'Untitled pad',
      state: 'pending',
      type,
      language,
      owner_email: ownerEmail ?? CODERPAD_KEY_OWNER,
      notes: field(req.body, 'notes') ?? null,
      question_ids: questionIds,
      created_at: new Date(state.now()).toISOString(),
      ended_at: null,
      deleted: false,
      participants: [],
    };
    state.pads.push(pad);
    quota.pads_used += 1;
    quota.pads_remaining = Math.max(0, quota.pads_remaining - 1);
    return { status: 200, body: padView(pad, state.options) };
  }

  const pad = state.pads.find((p) => p.id === id && !p.deleted);
  if (!pad) return error(404, 'Pad not found');

  if (req.method === 'GET' && !sub) return { status: 200, body: padView(pad, state.options) };
  if (req.method === 'GET' && sub === 'events') {
    const events = pad.participants.map((name) => ({ kind: 'joined', user_name: name, created_at: pad.created_at }));
    return { status: 200, body: { status: 'OK', events } };
  }
  if (req.method === 'PUT' && !sub) {
    if (field(req.body, 'deleted') === 'true') {
      pad.deleted = true;
      return { status: 200, body: { status: 'OK' } };
    }
    if (field(req.body, 'ended') === 'true' && pad.state !== 'ended') {
      pad.state = 'ended';
      pad.ended_at = new Date(state.now()).toISOString();
    }
    const title = field(req.body, 'title');
    if (title) pad.title = title;
    return { status: 200, body: { status: 'OK' } };
  }
  return error(404, 'Not found');
}
