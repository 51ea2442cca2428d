/** Seed data for the sandbox: realistic enough to click through, small enough to read. */

export interface SeedStage {
  id: string;
  text: string;
}
export interface SeedUser {
  id: string;
  name: string;
  username: string;
  email: string;
  accessRole: string;
}
export interface SeedOpportunity {
  id: string;
  contact: string;
  name: string;
  headline: string;
  location: string;
  emails: string[];
  stage: string;
  tags: string[];
  owner: string;
  archived: null | { archivedAt: number; reason: string };
  createdAt: number;
  updatedAt: number;
  /** An older id Lever still answers to (a legacy candidate id), as old links carry. */
  legacyId?: string;
  /** The job posting the application is for (Lever: the application's `posting`). */
  posting?: string;
  /** Only some Lever users may see it (Lever: `confidentiality: "confidential"`). */
  confidential?: boolean;
}

/** Lever's job postings (`GET /postings/:id`: `text` is the posting's title). */
export const postings = [
  { id: 'c1a2b3c4-0001-4000-8000-000000000001', text: 'Senior Backend Engineer' },
  { id: 'c1a2b3c4-0002-4000-8000-000000000002', text: 'Engineering Lead' },
  { id: 'c1a2b3c4-0003-4000-8000-000000000003', text: 'Platform Engineer' },
];
export interface SeedQuestion {
  id: number;
  title: string;
  language: string;
  description: string;
  /** `live`, `take_home`, `any`, or a value CoderPad may add. */
  pad_type: string;
  take_home: boolean;
  is_draft: boolean;
  shared: boolean;
  author_name: string;
  created_at: string;
}

export const LEVER_KEYS = {
  /** Full read and write access. */
  valid: 'lever-sandbox-key',
  /** Reads only: every write answers 403. */
  readOnly: 'lever-readonly-key',
};
export const CODERPAD_KEYS = { valid: 'coderpad-sandbox-key' };

export const stages: SeedStage[] = [
  { id: 'lead-new', text: 'New lead' },
  { id: 'lead-reached-out', text: 'Reached out' },
  { id: 'applicant-new', text: 'New applicant' },
  { id: '6f1c2a8e-5b1d-4f0e-9a51-0c6b1f3e2d10', text: 'Recruiter screen' },
  { id: '0b7e4d92-3c5a-4e8b-8f21-7a9d6c4b3e21', text: 'Technical interview' },
  { id: '9c3d1e7f-2a4b-4c6d-8e0f-1a2b3c4d5e32', text: 'Take-home assessment' },
  { id: 'a4e5f6b7-c8d9-4e0f-a1b2-c3d4e5f6a743', text: 'On-site' },
  { id: 'offer', text: 'Offer' },
];

export const users: SeedUser[] = [
  {
    id: 'u-1f2e3d4c',
    name: 'Maya Okafor',
    username: 'maya',
    email: 'maya.okafor@acme.example',
    accessRole: 'super admin',
  },
  {
    id: 'u-5a6b7c8d',
    name: 'Jules Martin',
    username: 'jules',
    email: 'jules.martin@acme.example',
    accessRole: 'team member',
  },
  {
    id: 'u-9e0f1a2b',
    name: 'Priya Raman',
    username: 'priya',
    email: 'priya.raman@acme.example',
    accessRole: 'interviewer',
  },
];

const day = 24 * 60 * 60 * 1000;
const base = Date.UTC(2026, 9, 1);

function opp(
  n: number,
  name: string,
  headline: string,
  location: string,
  emails: string[],
  stage: string,
  extra: Partial<SeedOpportunity> = {},
): SeedOpportunity {
  const id = `7c0a${String(n).padStart(4, '0')}-3f2b-4c1d-9e8f-${String(n).padStart(12, '0')}`;
  return {
    id,
    contact: `c-${String(n).padStart(4, '0')}`,
    name,
    headline,
    location,
    emails,
    stage,
    tags: [],
    owner: 'u-1f2e3d4c',
    archived: null,
    createdAt: base + n * day,
    updatedAt: base + n * day,
    ...extra,
  };
}

export const opportunities: SeedOpportunity[] = [
  opp(
    1,
    'Ada Lovelace',
    'Senior Backend Engineer at Analytical Engines',
    'London, UK',
    ['ada@lovelace.example'],
    'applicant-new',
    { tags: ['Backend'], legacyId: 'a1d2a3l4-0000-4000-8000-00000000ada1', posting: postings[0]?.id },
  ),
  opp(
    2,
    'Grace Hopper',
    'Staff Compiler Engineer',
    'Arlington, VA',
    ['grace.hopper@navy.example'],
    '6f1c2a8e-5b1d-4f0e-9a51-0c6b1f3e2d10',
  ),
  opp(3, 'Alan Turing', 'Research Engineer, Machine Learning', 'Manchester, UK', ['alan@turing.example'], 'lead-new'),
  opp(4, 'Katherine Johnson', 'Data Engineer', 'Hampton, VA', [], 'applicant-new'),
  opp(5, 'Linus Torvalds', 'Kernel Engineer', 'Portland, OR', ['linus@kernel.example'], 'applicant-new', {
    archived: { archivedAt: base + 20 * day, reason: 'Withdrew' },
  }),
  opp(
    6,
    'Margaret Hamilton',
    'Engineering Manager, Flight Software',
    'Boston, MA',
    ['margaret@apollo.example'],
    'lead-reached-out',
  ),
  opp(7, 'Dennis Ritchie', 'Systems Programmer', 'Murray Hill, NJ', ['dmr@bell.example'], 'applicant-new'),
  opp(
    8,
    'Barbara Liskov',
    'Principal Engineer, Distributed Systems',
    'Cambridge, MA',
    ['barbara@clu.example'],
    '0b7e4d92-3c5a-4e8b-8f21-7a9d6c4b3e21',
  ),
  // A second opportunity for Ada's person: links live on the person, so both show them; the
  // headline is the person's, the same on both (as in Lever): the posting tells them apart.
  opp(
    9,
    'Ada Lovelace',
    'Senior Backend Engineer at Analytical Engines',
    'London, UK',
    ['ada@lovelace.example'],
    'lead-new',
    { contact: 'c-0001', posting: postings[1]?.id },
  ),
  opp(10, 'Ken Thompson', 'Platform Engineer', 'Berkeley, CA', ['ken@unix.example'], 'applicant-new', {
    posting: postings[2]?.id,
  }),
];

/** Open candidates beyond the seed, for measuring many pads (numbered after the seed's). */
export function extraCandidates(count: number): SeedOpportunity[] {
  return Array.from({ length: count }, (_, i) => {
    const n = 100 + i;
    return opp(
      n,
      `Bench Candidate ${i + 1}`,
      'Software Engineer',
      'Remote',
      [`bench${i + 1}@example.test`],
      'lead-new',
    );
  });
}

/**
 * Notes already on applications: Dennis's old CoderPad pad was noted on his application when it
 * was made (as CoderPad's own integration does), so it is that application's pad.
 */
export const notes: Record<string, string[]> = {
  '7c0a0007-3f2b-4c1d-9e8f-000000000007': ['CoderPad pad created: https://coderpad.io/OLDPAD1'],
};

/** People's links (Lever keeps links on the person, not the opportunity). */
export const personLinks: Record<string, string[]> = {
  'c-0001': ['https://github.com/ada-example'],
  'c-0007': ['https://coderpad.io/OLDPAD1'],
};

const q = (
  id: number,
  title: string,
  language: string,
  padType: string,
  extra: Partial<SeedQuestion> = {},
): SeedQuestion => ({
  id,
  title,
  language,
  description: `${title} — ${padType === 'take_home' ? 'a take-home' : padType === 'any' ? 'a live or take-home' : 'a live interview'} exercise.`,
  pad_type: padType,
  take_home: padType === 'take_home',
  is_draft: false,
  shared: true,
  author_name: 'Maya Okafor',
  created_at: new Date(base + id * 1000).toISOString(),
  ...extra,
});

export const questions: SeedQuestion[] = [
  q(101, 'Two Sum warm-up', 'python', 'live'),
  q(102, 'LRU cache', 'java', 'live'),
  q(103, 'Rate limiter design', 'typescript', 'live'),
  q(104, 'Parse a log file (draft)', 'python', 'live', { is_draft: true }),
  q(105, 'React todo list', 'react', 'live'),
  q(106, 'SQL: top customers', 'postgresql', 'live'),
  q(107, 'Binary tree paths', 'cpp', 'live'),
  q(108, 'Take-home draft (unfinished)', 'python', 'take_home', { is_draft: true }),
  q(109, 'Merge intervals', 'javascript', 'live'),
  q(110, 'Build a URL shortener', 'python', 'take_home'),
  q(111, 'Data pipeline take-home', 'python', 'take_home'),
  q(112, 'Frontend dashboard take-home', 'typescript', 'take_home'),
  // As in CoderPad's own examples: most questions fit either pad type; and one of a kind this
  // version of PadBridge has never seen.
  q(113, 'Debug a flaky test', 'javascript', 'any'),
  q(114, 'Whiteboard: design a chat app', 'plaintext', 'drawing'),
];

export const organization = {
  organization_name: 'Acme Robotics',
  organization_default_language: 'python',
  teams: [{ id: 1, name: 'Engineering' }],
};

export interface SeedQuota {
  pads_used: number;
  pads_remaining: number;
  billing_cycle_pad_limit: number;
  unlimited: boolean;
  overages_enabled: boolean;
  /** The last reset, not the next. */
  quota_reset_at: string;
}
export const quota: SeedQuota = {
  pads_used: 12,
  pads_remaining: 488,
  billing_cycle_pad_limit: 500,
  unlimited: false,
  overages_enabled: false,
  quota_reset_at: '2026-11-01T00:00:00Z',
};

/** The CoderPad key's owner: pads made without `user_email` are theirs. */
export const CODERPAD_KEY_OWNER = 'hiring@acme.example';

/** CoderPad's users: the key's owner and two of Lever's users (Priya Raman has no CoderPad account). */
export const coderpadUsers = [
  { id: 1, email: CODERPAD_KEY_OWNER, name: 'Acme Hiring', role: 'owner' },
  { id: 2, email: 'maya.okafor@acme.example', name: 'Maya Okafor', role: 'member' },
  { id: 3, email: 'jules.martin@acme.example', name: 'Jules Martin', role: 'member' },
];
