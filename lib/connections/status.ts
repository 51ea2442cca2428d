import type { PolicyProblem } from '../policy/managed';
import type { LeverEnvironment } from '../services/environments';
import type { ErrorInfo } from '../services/http/errors';
import type { Skipped } from '../services/http/items';
import type { ActAs } from '../storage/items';

/** Per catalogue, what its last reading left out (null: nothing). */
export interface SkippedItems {
  stages: Skipped | null;
  users: Skipped | null;
  questions: Skipped | null;
}

/** What pages may know about the connections: never the keys. */
export interface ConnectionStatus {
  lever: { environment: LeverEnvironment; stageCount: number; userCount: number; connectedAt: number } | null;
  coderpad: {
    organizationName: string | null;
    padsRemaining: number | null;
    unlimited: boolean;
    /** Pads past the plan's limit are billed, not refused. */
    overages: boolean;
    /** The organisation's default pad language, as CoderPad names it. */
    defaultLanguage: string | null;
    connectedAt: number;
  } | null;
  actAs: ActAs | null;
  /** What the organisation's policy fixes, when one is set. */
  managed: ManagedStatus | null;
}

/** The policy as pages may know it: never its keys. */
export interface ManagedStatus {
  /** Configurations and the environment are read-only. */
  locked: boolean;
  environment: LeverEnvironment | null;
  /** Ids of the configurations the policy provides (never editable). */
  configurationIds: string[];
  leverKey: boolean;
  coderpadKey: boolean;
  /** A key the policy provides that did not work when tested. */
  keyErrors: { lever?: ErrorInfo; coderpad?: ErrorInfo };
  /** Parts of the policy that could not be read, and were not applied. */
  problems: PolicyProblem[];
}
