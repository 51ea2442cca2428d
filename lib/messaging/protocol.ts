import { z } from 'zod';
import type { Question } from '../services/coderpad/schemas';
import { configurationInputSchema, type Configuration, type ExportFile } from '../configurations/schema';
import { leverEnvironmentSchema, type LeverEnvironment } from '../services/environments';
import type { Stage, User } from '../services/lever/schemas';
import type { PadRecord } from '../pads/records';
import type { ExistingPad, Job, StartResult } from '../pad-job/job';

export type { ExistingPad, StartResult };
import type { Result } from './result';
import type { ActAs } from '../storage/items';
import type { StoredProblem } from '../configurations/store';

/** What pages may know about the connections: never the keys. */
export interface ConnectionStatus {
  lever: { environment: LeverEnvironment; stageCount: number; userCount: number; connectedAt: number } | null;
  coderpad: {
    organizationName: string | null;
    padsRemaining: number | null;
    unlimited: boolean;
    connectedAt: number;
  } | null;
  actAs: ActAs | null;
}

export interface CandidateSummary {
  id: string;
  name: string;
  email: string | null;
  archived: boolean;
  stageId: string | null;
  url: string;
}

export interface CandidateContext {
  candidate: CandidateSummary;
  configurations: Configuration[];
  /** By configuration id. */
  existing: Record<string, ExistingPad>;
  /** Unfinished or failed jobs by configuration id. */
  jobs: Record<string, Job>;
  /** Stage names by id (for the confirmation). */
  stageNames: Record<string, string>;
  /** Configurations whose stage Lever no longer has: offered, but refused with the reason. */
  missingStages: string[];
}

/** What the options page learns about stored data that could not be read. */
export interface StoredDataHealth {
  configurations: StoredProblem[];
  /** Rows set aside because they did not parse, by table. */
  setAside: { records: number; jobs: number };
}

/** Ids are checked before they reach a lookup: Lever's (UUIDs, legacy ids, word stage ids), ours (UUIDs), CoderPad's. */
const leverId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/);
const padId = z.string().regex(/^[A-Za-z0-9]{1,64}$/);

export const inputSchemas = {
  getStatus: z.undefined(),
  connectLever: z.object({ apiKey: z.string().trim().min(1), environment: leverEnvironmentSchema }),
  disconnectLever: z.undefined(),
  connectCoderPad: z.object({ apiKey: z.string().trim().min(1) }),
  disconnectCoderPad: z.undefined(),
  listStages: z.undefined(),
  listUsers: z.undefined(),
  listQuestions: z.undefined(),
  setActAs: z.object({ userId: leverId.nullable() }),
  listConfigurations: z.undefined(),
  saveConfiguration: configurationInputSchema,
  deleteConfiguration: z.object({ id: z.uuid() }),
  restoreConfiguration: z.object({ configuration: z.unknown() }),
  exportConfigurations: z.undefined(),
  importConfigurations: z.object({ file: z.unknown() }),
  storedDataHealth: z.undefined(),
  exportRawData: z.undefined(),
  removeUnreadableConfigurations: z.undefined(),
  // The Lever host (and so the environment) comes from the sender's address, never from the message.
  prepareCandidate: z.object({ opportunityId: leverId }),
  startJob: z.object({
    opportunityId: leverId,
    configurationId: z.uuid(),
    force: z.boolean().default(false),
  }),
  retryJob: z.object({ jobId: z.uuid(), choice: z.enum(['keepLooking', 'createAnyway']).optional() }),
  getJob: z.object({ jobId: z.uuid() }),
  listPadRecords: z.object({
    query: z.string().max(200).default(''),
    limit: z.number().int().min(1).max(500).default(200),
  }),
  refreshPadStatuses: z.object({ padIds: z.array(padId).max(50) }),
  openOptions: z.undefined(),
} as const;

export type MessageName = keyof typeof inputSchemas;
type In<K extends MessageName> = z.input<(typeof inputSchemas)[K]>;

export interface ProtocolMap {
  getStatus(): ConnectionStatus;
  connectLever(data: In<'connectLever'>): Result<NonNullable<ConnectionStatus['lever']>>;
  disconnectLever(): Result<null>;
  connectCoderPad(data: In<'connectCoderPad'>): Result<NonNullable<ConnectionStatus['coderpad']>>;
  disconnectCoderPad(): Result<null>;
  listStages(): Result<Stage[]>;
  listUsers(): Result<User[]>;
  listQuestions(): Result<Question[]>;
  setActAs(data: In<'setActAs'>): Result<ActAs | null>;
  listConfigurations(): Result<Configuration[]>;
  saveConfiguration(data: In<'saveConfiguration'>): Result<Configuration>;
  deleteConfiguration(data: In<'deleteConfiguration'>): Result<Configuration | null>;
  restoreConfiguration(data: In<'restoreConfiguration'>): Result<Configuration>;
  exportConfigurations(): Result<ExportFile>;
  importConfigurations(data: In<'importConfigurations'>): Result<{ added: number; updated: number }>;
  storedDataHealth(): Result<StoredDataHealth>;
  exportRawData(): Result<{ exportedAt: string; configurations: unknown; setAside: unknown[] }>;
  removeUnreadableConfigurations(): Result<number>;
  prepareCandidate(data: In<'prepareCandidate'>): Result<CandidateContext>;
  startJob(data: In<'startJob'>): Result<StartResult>;
  retryJob(data: In<'retryJob'>): Result<Job>;
  getJob(data: In<'getJob'>): Result<Job | null>;
  listPadRecords(data: In<'listPadRecords'>): Result<{ records: PadRecord[]; total: number }>;
  refreshPadStatuses(data: In<'refreshPadStatuses'>): Result<PadRecord[]>;
  openOptions(): Result<null>;
  /** Background → content script. */
  jobUpdated(data: Job): void;
}

/** Messages a content script on a Lever page may send; everything else is for extension pages. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageName> = new Set([
  'prepareCandidate',
  'startJob',
  'retryJob',
  'getJob',
  'openOptions',
]);
