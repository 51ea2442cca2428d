import { z } from 'zod';
import type { Question } from './coderpad/schemas';
import { configurationInputSchema, type Configuration, type ExportFile } from './configurations';
import { leverEnvironmentSchema, type LeverEnvironment } from './environments';
import type { Stage, User } from './lever/schemas';
import type { Job, PadRecord, PadSummary } from './records';
import type { Result } from './result';
import type { ActAs } from './storage';

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

/** A pad that already exists for a candidate: made by PadBridge, or found among their Lever links. */
export interface ExistingPad {
  source: 'padbridge' | 'lever_link';
  pad: PadSummary;
  createdAt: number | null;
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
}

export type StartResult = { kind: 'existing'; existing: ExistingPad } | { kind: 'job'; job: Job };

export const inputSchemas = {
  getStatus: z.undefined(),
  connectLever: z.object({ apiKey: z.string().trim().min(1), environment: leverEnvironmentSchema }),
  disconnectLever: z.undefined(),
  connectCoderPad: z.object({ apiKey: z.string().trim().min(1) }),
  disconnectCoderPad: z.undefined(),
  listStages: z.undefined(),
  listUsers: z.undefined(),
  listQuestions: z.undefined(),
  setActAs: z.object({ userId: z.string().nullable() }),
  listConfigurations: z.undefined(),
  saveConfiguration: configurationInputSchema,
  deleteConfiguration: z.object({ id: z.string() }),
  restoreConfiguration: z.object({ configuration: z.unknown() }),
  exportConfigurations: z.undefined(),
  importConfigurations: z.object({ file: z.unknown() }),
  prepareCandidate: z.object({ opportunityId: z.string().min(1), appHost: z.string() }),
  startJob: z.object({
    opportunityId: z.string().min(1),
    appHost: z.string(),
    configurationId: z.string(),
    force: z.boolean().default(false),
  }),
  retryJob: z.object({ jobId: z.string() }),
  getJob: z.object({ jobId: z.string() }),
  listPadRecords: z.object({
    query: z.string().max(200).default(''),
    limit: z.number().int().min(1).max(500).default(200),
  }),
  refreshPadStatuses: z.object({ padIds: z.array(z.string()).max(50) }),
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
