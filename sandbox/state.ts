import * as seed from './seed';

export type ServiceName = 'lever' | 'coderpad';

export interface RecordedRequest {
  /** When the answer went out (after any latency). */
  at: number;
  /** When the request arrived. */
  receivedAt: number;
  service: ServiceName | 'app' | 'control';
  host: string;
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: unknown;
  status: number;
}

export interface Fault {
  service: ServiceName;
  /** Matches when the request's method equals it (any method when absent). */
  method?: string;
  /** Matches when the path contains it (any path when absent). */
  pathIncludes?: string;
  /** Matches when the query has this parameter with this value (e.g. one tag's list). */
  query?: { name: string; value: string };
  /** How many matching requests this fault still applies to. */
  count: number;
  /** Answer with this status and a documented error body. */
  status?: number;
  /** Seconds for a Retry-After header, with status. */
  retryAfter?: number;
  /** Retry-After as an HTTP date that many seconds after the service's own time. */
  retryAfterAsDate?: boolean;
  /** Close the connection without answering. */
  drop?: boolean;
  /** Answer 200 with a body that is not what the API documents. */
  malformed?: boolean;
  /** Act on the request (e.g. create the pad), then break the connection while answering. */
  dropAfterAction?: boolean;
  /** Act on the request, begin to answer, then go silent (the client's time runs out on the body). */
  stallAfterAction?: boolean;
  /** Act on the request and then answer 200 with a body that is not what the API documents. */
  malformedAfterAction?: boolean;
  /** Answer 302 with this Location instead of acting. */
  redirectTo?: string;
  /** Delay before answering, in ms. */
  delayMs?: number;
}

export interface Note {
  id: string;
  value: string;
  createdAt: number;
  performAs?: string;
}

export interface Pad {
  id: string;
  title: string;
  state: 'pending' | 'started' | 'ended';
  type: 'live' | 'take_home';
  language: string;
  owner_email: string | null;
  notes: string | null;
  question_ids: number[];
  created_at: string;
  ended_at: string | null;
  deleted: boolean;
  /** Display names, as CoderPad lists them; a pending pad may already have some. */
  participants: string[];
}

export interface SandboxOptions {
  /** Items per Lever page whatever the client asks for (Lever allows 100; small pages exercise paging). */
  leverPageSize?: number;
  /** Questions per CoderPad page (CoderPad's is 50). */
  coderpadPageSize?: number;
  /** Added to every API answer, in ms. */
  latencyMs?: number;
  /** Whether Lever's 429 carries Retry-After (unconfirmed upstream; both must work). */
  retryAfterOn429?: boolean;
  /** Lever's token bucket: steady rate per second and burst. */
  leverRate?: { perSecond: number; burst: number };
  /** CoderPad's pad list leaves out pads younger than this (it lags about a minute upstream). */
  padListLagMs?: number;
  /** Pads per page of CoderPad's pad list. */
  padListPageSize?: number;
  /** The pad list carries one item that is not a pad. */
  padListJunk?: boolean;
  /** Open candidates added after the seed's (see seed.extraCandidates). */
  extraCandidates?: number;
  /** CoderPad answers pads with this URL instead of their own (a compromised or broken answer). */
  padUrlOverride?: string | null;
  /** The candidate page shows Lever's header actions (Add note, Advance, Archive); off, it shows none. */
  leverHeaderActions?: boolean;
  /** CoderPad refuses `user_email` (the key is not an organisation owner's): 403, nothing made. */
  refuseOwnerEmail?: boolean;
  /** CoderPad answers pads with this playback URL instead of their own. */
  playbackOverride?: string | null;
  /** The services' clock against this machine's, in ms (positive: ahead). Their times and `Date` header follow it. */
  clockSkewMs?: number;
  /** `GET /organization/pads` answers 403 (the organisation does not let this key read every pad). */
  organizationPadsForbidden?: boolean;
}

const clone = <T>(value: T): T => structuredClone(value);

export class SandboxState {
  options: Required<SandboxOptions>;
  stages = clone(seed.stages);
  users = clone(seed.users);
  opportunities = clone(seed.opportunities);
  personLinks: Record<string, string[]> = clone(seed.personLinks);
  notes: Record<string, Note[]> = {};
  tagsCreated = new Set<string>();
  questions = clone(seed.questions);
  organization = clone(seed.organization);
  quota: seed.SeedQuota = clone(seed.quota);
  /** CoderPad's users (by e-mail); `user_email` on a new pad adds one it does not know, as CoderPad does. */
  coderpadUsers = clone(seed.coderpadUsers);
  /** The users a pad request created (a seat each): tests assert PadBridge never causes one. */
  coderpadUsersCreated: string[] = [];
  pads: Pad[] = [];
  requests: RecordedRequest[] = [];
  faults: Fault[] = [];
  buckets = new Map<string, { tokens: number; at: number }>();
  private padSeq = 0;
  private noteSeq = 0;

  constructor(options: SandboxOptions = {}) {
    this.options = {
      leverPageSize: 3,
      coderpadPageSize: 4,
      latencyMs: 0,
      retryAfterOn429: false,
      leverRate: { perSecond: 10, burst: 20 },
      padListLagMs: 0,
      padListPageSize: 50,
      padListJunk: false,
      padUrlOverride: null,
      refuseOwnerEmail: false,
      leverHeaderActions: true,
      playbackOverride: null,
      extraCandidates: 0,
      clockSkewMs: 0,
      organizationPadsForbidden: false,
      ...options,
    };
    this.opportunities.push(...seed.extraCandidates(this.options.extraCandidates));
    for (const [opportunityId, values] of Object.entries(seed.notes))
      for (const value of values) this.addNote(opportunityId, value);
  }

  reset(options: SandboxOptions = {}): void {
    Object.assign(this, new SandboxState(options));
  }

  /** The services' time (ms): this machine's, moved by the clock skew. */
  now(): number {
    return Date.now() + this.options.clockSkewMs;
  }

  /** Lever's token bucket, per key. Returns false when the request must be refused with 429. */
  takeToken(key: string, now = Date.now()): boolean {
    const { perSecond, burst } = this.options.leverRate;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** The first fault that matches this request, consumed by one. */
  takeFault(
    service: ServiceName,
    method: string,
    path: string,
    query: Record<string, string[]> = {},
  ): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.count > 0 &&
        f.service === service &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.pathIncludes || path.includes(f.pathIncludes)) &&
        (!f.query || (query[f.query.name] ?? []).includes(f.query.value)),
    );
    if (!fault) return undefined;
    fault.count -= 1;
    this.faults = this.faults.filter((f) => f.count > 0);
    return fault;
  }

  /** An opportunity by its id, or by the legacy id Lever still resolves. */
  opportunity(id: string) {
    return this.opportunities.find((o) => o.id === id || o.legacyId === id);
  }

  linksOf(contact: string): string[] {
    return this.personLinks[contact] ?? [];
  }

  nextPadId(): string {
    this.padSeq += 1;
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    const a = letters[this.padSeq % letters.length] ?? 'A';
    const b = letters[Math.floor(this.padSeq / letters.length) % letters.length] ?? 'A';
    return `${a}${b}${String(1000 + this.padSeq).slice(-4)}X`;
  }

  addNote(opportunityId: string, value: string, performAs?: string): Note {
    this.noteSeq += 1;
    const note = { id: `note-${this.noteSeq}`, value, createdAt: this.now(), performAs };
    this.notes[opportunityId] = [...(this.notes[opportunityId] ?? []), note];
    return note;
  }

  /**
   * What a recruiter does in Lever's own page (not through the API): adds a tag, moves the
   * candidate to a stage. Lever marks the application updated, as for any change.
   */
  changeInLeverUi(id: string, change: { tag?: string; stage?: string }): boolean {
    const opportunity = this.opportunity(id);
    if (!opportunity) return false;
    if (change.stage !== undefined && !this.stages.some((s) => s.id === change.stage)) return false;
    if (change.tag && !opportunity.tags.includes(change.tag)) {
      opportunity.tags.push(change.tag);
      this.tagsCreated.add(change.tag);
    }
    if (change.stage !== undefined) opportunity.stage = change.stage;
    opportunity.updatedAt = this.now();
    return true;
  }

  /** A candidate and an interviewer join the pad. */
  startPad(id: string, participants = ['Candidate', 'Interviewer']): boolean {
    const pad = this.pads.find((p) => p.id === id);
    if (!pad) return false;
    pad.state = 'started';
    pad.participants = [...participants];
    return true;
  }

  /** Someone opens a pad that has not started: CoderPad lists them, the pad stays pending. */
  joinPad(id: string, name: string): boolean {
    const pad = this.pads.find((p) => p.id === id);
    if (!pad) return false;
    pad.participants = [...pad.participants, name];
    return true;
  }

  /** The interviewer ends the pad (joining first if nobody had). */
  endPad(id: string, minutes = 45): boolean {
    const pad = this.pads.find((p) => p.id === id);
    if (!pad) return false;
    if (pad.participants.length === 0) this.startPad(id);
    pad.state = 'ended';
    pad.ended_at = new Date(new Date(pad.created_at).getTime() + minutes * 60_000).toISOString();
    return true;
  }

  /** What tests and the demo read: the services' state as plain data. */
  snapshot() {
    return {
      opportunities: this.opportunities.map((o) => ({
        ...o,
        links: this.linksOf(o.contact),
        notes: this.notes[o.id] ?? [],
      })),
      pads: this.pads,
      tags: [...new Set([...this.opportunities.flatMap((o) => o.tags), ...this.tagsCreated])],
      requests: this.requests,
      quota: this.quota,
    };
  }
}

export type SandboxSnapshot = ReturnType<SandboxState['snapshot']>;
