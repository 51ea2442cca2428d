import { browser } from 'wxt/browser';
import { z } from 'zod';
import { leverEnvironmentSchema } from '../services/environment-schema';
import type { LeverEnvironment } from '../services/environments';
import { t } from '../text/i18n';
import { inUiLanguage } from '../text/zod-language';
import { type NoteLanguage, noteLanguageSchema } from '../text/note-language';

/**
 * What an organisation's IT pushes through the browser's managed storage (Chrome and Edge
 * policies, Firefox's policies.json "3rdparty"): the Lever environment, configurations, whether
 * recruiters may change them, and, if the organisation chooses, shared keys. Read-only to
 * PadBridge; the shape admins write is public/managed_schema.json.
 */

/**
 * The most automatic pads a browser may be allowed in a day, by a policy's `autoMode.dailyLimit`
 * or by a recruiter's own limit (auto mode's bounds are these).
 */
export const MAX_DAILY_LIMIT = 1000;

/**
 * The policy's shape; public/managed_schema.json describes the same keys to the browsers. Strict:
 * Firefox applies no schema, and `{"Locked": true}` must not read as unlocked — a key it does not
 * know makes the policy unreadable, which counts as locked.
 */
export const policySchema = z.strictObject({
  leverEnvironment: z.enum(leverEnvironmentSchema.options).optional(),
  configurations: z.array(z.unknown()).optional(),
  locked: z.boolean().optional(),
  leverApiKey: z.string().trim().min(1).optional(),
  coderpadApiKey: z.string().trim().min(1).optional(),
  /** The language of the notes PadBridge writes into Lever; recruiters and admins cannot change it. */
  noteLanguage: noteLanguageSchema.optional(),
  autoMode: z
    .strictObject({
      /** false: auto mode is off in every browser, and its checkbox hidden. */
      enabled: z.boolean().optional(),
      /** Automatic pads per browser and day; recruiters cannot change it. */
      dailyLimit: z.number().int().min(1).max(MAX_DAILY_LIMIT).optional(),
    })
    .optional(),
});

/** What the policy says of auto mode: `null` where it says nothing. */
export interface AutoModePolicy {
  enabled: boolean | null;
  dailyLimit: number | null;
}

export interface PolicyProblem {
  /** Position in the policy's configurations, or -1 for the policy as a whole. */
  index: number;
  reason: string;
}

export interface ManagedPolicy {
  /** Whether any policy is set for PadBridge. */
  present: boolean;
  environment: LeverEnvironment | null;
  /** The configurations as the policy lists them, unread: lib/configurations/policy.ts reads them. */
  configurations: unknown[];
  /** Recruiters may not add, edit, delete or import configurations, nor change the environment. */
  locked: boolean;
  leverApiKey: string | null;
  coderpadApiKey: string | null;
  autoMode: AutoModePolicy;
  noteLanguage: NoteLanguage | null;
  problems: PolicyProblem[];
}

export const NO_POLICY: ManagedPolicy = {
  present: false,
  environment: null,
  configurations: [],
  locked: false,
  leverApiKey: null,
  coderpadApiKey: null,
  autoMode: { enabled: null, dailyLimit: null },
  noteLanguage: null,
  problems: [],
};

/**
 * One policy problem per issue, with the key's path from the policy's top (`configurations.1.questionID`):
 * an unknown key in PadBridge's words, any other in zod's, both in the UI language.
 */
export function policyProblems(error: z.ZodError, where: (string | number)[]): string[] {
  return error.issues.flatMap((issue) => {
    const path = [...where, ...issue.path].map(String);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => t('policyUnknownKey', { path: [...path, key].join('.') }));
    return [`${path.join('.') || 'policy'}: ${issue.message}`];
  });
}

/** The read in flight, shared by every caller that asks meanwhile (a click asks from several places at once). */
let reading: Promise<ManagedPolicy> | null = null;

/** Reads the policy as the browser holds it now; a policy that does not parse is reported, never half-applied. */
export function readPolicy(): Promise<ManagedPolicy> {
  if (reading) return reading;
  const read = readPolicyNow();
  reading = read;
  // Shared only while in flight: the next call, after it, reads what the browser holds then.
  const done = () => {
    if (reading === read) reading = null;
  };
  read.then(done, done);
  return read;
}

/** The policy changed: a read begun before does not answer for it. */
export function policyChanged(): void {
  reading = null;
}

async function readPolicyNow(): Promise<ManagedPolicy> {
  let raw: Record<string, unknown>;
  try {
    raw = await browser.storage.managed.get(null);
  } catch {
    // Firefox rejects when no policy names PadBridge.
    return NO_POLICY;
  }
  if (!raw || Object.keys(raw).length === 0) return NO_POLICY;
  const parsed = policySchema.safeParse(raw, inUiLanguage());
  if (!parsed.success) {
    // Locked, so that a mistyped policy does not leave recruiters free to change what IT meant to fix.
    return {
      ...NO_POLICY,
      present: true,
      locked: true,
      // Off too: automatic pads cost money, and the policy may have meant to stop them.
      autoMode: { enabled: false, dailyLimit: null },
      problems: policyProblems(parsed.error, []).map((reason) => ({ index: -1, reason })),
    };
  }
  const policy = parsed.data;
  return {
    present: true,
    environment: policy.leverEnvironment ?? null,
    configurations: policy.configurations ?? [],
    locked: policy.locked ?? false,
    leverApiKey: policy.leverApiKey ?? null,
    coderpadApiKey: policy.coderpadApiKey ?? null,
    autoMode: { enabled: policy.autoMode?.enabled ?? null, dailyLimit: policy.autoMode?.dailyLimit ?? null },
    noteLanguage: policy.noteLanguage ?? null,
    problems: [],
  };
}

/**
 * Whether a saved key may be used under the policy. The rule: when the policy provides a key for
 * a service, only that key is used (a recruiter's own is not, even while the policy's fails its
 * test); a key that came from the policy is used only while the policy still provides it.
 */
export function keyInForce(
  connection: { apiKey: string; fromPolicy?: boolean } | null,
  policyKey: string | null,
): boolean {
  if (!connection) return false;
  return policyKey ? connection.fromPolicy === true && connection.apiKey === policyKey : connection.fromPolicy !== true;
}

/**
 * A saved Lever connection counts only in the environment the policy fixes, if it fixes one (a
 * recruiter connected to another connects again), and only with a key the policy lets count.
 */
export function connectionInForce<T extends { environment: LeverEnvironment; apiKey: string; fromPolicy?: boolean }>(
  connection: T | null,
  policy: ManagedPolicy,
): T | null {
  if (!connection || !keyInForce(connection, policy.leverApiKey)) return null;
  return !policy.environment || connection.environment === policy.environment ? connection : null;
}
