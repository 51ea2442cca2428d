import { z } from 'zod';
import type { Question } from '../services/coderpad/schemas';
import { configurationInputSchema, type Configuration, type ExportFile } from '../configurations/configuration';
import { leverEnvironmentSchema } from '../services/environment-schema';
import type { Stage, User } from '../services/lever/schemas';
import type { PadRecord } from '../pads/records';
import type { ExistingPad, Interviewer, Job, StartResult } from '../pad-job/job';

export type { ExistingPad, StartResult };
import type { ConnectionStatus, ManagedStatus, SkippedItems } from '../connections/status';
import type { AutoModeStatus } from '../auto-mode/handlers';
import type { NoteLanguageStatus, StoredDataHealth } from '../configurations/handlers';
import type { ApplicationSummary, CandidateContext, CandidateSummary } from '../pad-job/prepare';

export type {
  ApplicationSummary,
  AutoModeStatus,
  CandidateContext,
  CandidateSummary,
  ConnectionStatus,
  ManagedStatus,
  NoteLanguageStatus,
  SkippedItems,
  StoredDataHealth,
};

import type { Result } from './result';
import type { ActAs } from '../storage/items';
import { type ActivityEntry, dailyLimitSchema } from '../auto-mode/state-schema';
import type { TeamPage } from '../pads/team';
import { noteLanguageSchema } from '../text/note-language';
import type { PadExportRow } from '../pads/export';
import type { StoredCounts } from '../storage/erase';

/** Ids are checked before they reach a lookup: Lever's (UUIDs, legacy ids, word stage ids), ours (UUIDs), CoderPad's. */
const leverId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/);
const padId = z.string().regex(/^[A-Za-z0-9]{1,64}$/);

/** The type a message answers with (carried by the table, never a value). */
const reply = <T>() => undefined as unknown as T;
const onlyExtension = false;
/** `fresh`: read now (Refresh); `since`: a reading made since then will do (the page's opening). */
const catalogueInput = z.object({ fresh: z.boolean().optional(), since: z.number().optional() }).optional();
const fromLever = true;

/**
 * Every message the background answers, declared once: its input (parsed with zod before any
 * handler sees it), the value it answers with (always inside a Result), and whether a content
 * script on a Lever page may send it (everything else is for the extension's own pages).
 */
export const messages = {
  getStatus: { input: z.undefined(), reply: reply<ConnectionStatus>(), fromLever: onlyExtension },
  connectLever: {
    input: z.object({ apiKey: z.string().trim().min(1), environment: leverEnvironmentSchema }),
    reply: reply<NonNullable<ConnectionStatus['lever']>>(),
    fromLever: onlyExtension,
  },
  disconnectLever: { input: z.undefined(), reply: reply<null>(), fromLever: onlyExtension },
  connectCoderPad: {
    input: z.object({ apiKey: z.string().trim().min(1) }),
    reply: reply<NonNullable<ConnectionStatus['coderpad']>>(),
    fromLever: onlyExtension,
  },
  disconnectCoderPad: { input: z.undefined(), reply: reply<null>(), fromLever: onlyExtension },
  // Read at most ten minutes ago, since `since`, or now with `fresh`.
  listStages: { input: catalogueInput, reply: reply<Stage[]>(), fromLever: onlyExtension },
  listUsers: { input: catalogueInput, reply: reply<User[]>(), fromLever: onlyExtension },
  listQuestions: { input: catalogueInput, reply: reply<Question[]>(), fromLever: onlyExtension },
  /** What the last readings of the catalogues left out, because it did not read as documented. */
  listSkipped: { input: z.undefined(), reply: reply<SkippedItems>(), fromLever: onlyExtension },
  setActAs: { input: z.object({ userId: leverId.nullable() }), reply: reply<ActAs | null>(), fromLever: onlyExtension },
  listConfigurations: { input: z.undefined(), reply: reply<Configuration[]>(), fromLever: onlyExtension },
  saveConfiguration: { input: configurationInputSchema, reply: reply<Configuration>(), fromLever: onlyExtension },
  deleteConfiguration: {
    input: z.object({ id: z.uuid() }),
    reply: reply<Configuration | null>(),
    fromLever: onlyExtension,
  },
  restoreConfiguration: {
    input: z.object({ configuration: z.unknown() }),
    reply: reply<Configuration>(),
    fromLever: onlyExtension,
  },
  exportConfigurations: { input: z.undefined(), reply: reply<ExportFile>(), fromLever: onlyExtension },
  importConfigurations: {
    input: z.object({ file: z.unknown() }),
    reply: reply<{ added: number; updated: number }>(),
    fromLever: onlyExtension,
  },
  storedDataHealth: { input: z.undefined(), reply: reply<StoredDataHealth>(), fromLever: onlyExtension },
  exportRawData: {
    input: z.undefined(),
    reply: reply<{ exportedAt: string; configurations: unknown; setAside: unknown[] }>(),
    fromLever: onlyExtension,
  },
  removeUnreadableConfigurations: { input: z.undefined(), reply: reply<number>(), fromLever: onlyExtension },
  // The Lever host (and so the environment) comes from the sender's address, never from the message.
  prepareCandidate: {
    // `opportunityId`: the page's own id (its person); `applicationId`: one of that person's applications;
    // `withApplications`: the person's other applications are read too.
    input: z.object({
      opportunityId: leverId,
      applicationId: leverId.optional(),
      withApplications: z.boolean().optional(),
    }),
    reply: reply<CandidateContext>(),
    fromLever,
  },
  startJob: {
    // `interviewerId`: a Lever user named in the confirmation (null: none; absent: not asked).
    input: z.object({
      opportunityId: leverId,
      configurationId: z.uuid(),
      force: z.boolean().default(false),
      interviewerId: leverId.nullable().optional(),
    }),
    reply: reply<StartResult>(),
    fromLever,
  },
  /** The confirmation's Interviewer: Lever's users, and who was last named for the configuration. */
  listInterviewers: {
    input: z.object({ configurationId: z.uuid() }),
    reply: reply<{ users: Interviewer[]; chosen: string | null }>(),
    fromLever,
  },
  retryJob: {
    input: z.object({ jobId: z.uuid(), choice: z.enum(['keepLooking', 'createAnyway']).optional() }),
    reply: reply<Job>(),
    fromLever,
  },
  getJob: { input: z.object({ jobId: z.uuid() }), reply: reply<Job | null>(), fromLever },
  listPadRecords: {
    input: z.object({
      query: z.string().max(200).default(''),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    reply: reply<{ records: PadRecord[]; anyStored: boolean }>(),
    fromLever: onlyExtension,
  },
  refreshPadStatuses: {
    input: z.object({ padIds: z.array(padId).max(50) }),
    reply: reply<PadRecord[]>(),
    fromLever: onlyExtension,
  },
  retrySummary: { input: z.object({ padId }), reply: reply<PadRecord | null>(), fromLever: onlyExtension },
  // Also from the widget's view of a pad the candidate already has.
  endPad: { input: z.object({ padId }), reply: reply<PadRecord | null>(), fromLever },
  openOptions: { input: z.undefined(), reply: reply<null>(), fromLever },
  // The candidate page's button asks for the widget's script when the page is idle or on a click.
  loadWidget: { input: z.undefined(), reply: reply<null>(), fromLever },
  getAutoMode: { input: z.undefined(), reply: reply<AutoModeStatus>(), fromLever: onlyExtension },
  setAutoMode: {
    input: z.object({ configurationId: z.string().min(1).max(100), on: z.boolean() }),
    reply: reply<AutoModeStatus>(),
    fromLever: onlyExtension,
  },
  setAutoDailyLimit: {
    input: z.object({ limit: dailyLimitSchema }),
    reply: reply<AutoModeStatus>(),
    fromLever: onlyExtension,
  },
  listActivity: { input: z.undefined(), reply: reply<ActivityEntry[]>(), fromLever: onlyExtension },
  /** The language of the notes PadBridge writes into Lever (a policy may fix it). */
  getNoteLanguage: { input: z.undefined(), reply: reply<NoteLanguageStatus>(), fromLever: onlyExtension },
  setNoteLanguage: {
    input: z.object({ language: noteLanguageSchema }),
    reply: reply<NoteLanguageStatus>(),
    fromLever: onlyExtension,
  },
  /** Your data: this browser's pad records for a CSV, what is kept, and erasing it all. */
  exportPads: { input: z.undefined(), reply: reply<PadExportRow[]>(), fromLever: onlyExtension },
  storedCounts: { input: z.undefined(), reply: reply<StoredCounts>(), fromLever: onlyExtension },
  deleteAllData: { input: z.undefined(), reply: reply<null>(), fromLever: onlyExtension },
  listTeamPads: {
    input: z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(20),
      fresh: z.boolean().default(false),
      query: z.string().max(200).default(''),
    }),
    reply: reply<TeamPage>(),
    fromLever: onlyExtension,
  },
};

export type MessageName = keyof typeof messages;
/** What a page sends for a message. */
export type InputOf<K extends MessageName> = z.input<(typeof messages)[K]['input']>;
/** What the handler receives, once parsed. */
export type ParsedInputOf<K extends MessageName> = z.output<(typeof messages)[K]['input']>;
/** What the message answers with, inside its Result. */
export type ReplyOf<K extends MessageName> = (typeof messages)[K]['reply'];

/** The typed channel's map, derived from the table; plus the one push from the background. */
export type ProtocolMap = {
  [K in MessageName]: (data: InputOf<K>) => Result<ReplyOf<K>>;
} & {
  /** Background → content script: a job the tab watches changed. */
  jobUpdated(data: Job): void;
  /** Background → content script: the keyboard shortcut was pressed in this tab. */
  openWidget(data: null): void;
};

/** What a handler receives besides its input: who sent it, as the browser says (not the message). */
export interface SenderInfo {
  tabId?: number;
  /** The address of the page that sent the message. */
  url?: string;
}

/** One handler per message of the table, taking its parsed input and answering its reply. */
export type Handlers = {
  [K in MessageName]: (input: ParsedInputOf<K>, sender: SenderInfo) => Promise<ReplyOf<K>>;
};
