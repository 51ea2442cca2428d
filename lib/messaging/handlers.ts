import { createCoderPadClient, type CoderPadClient } from '../services/coderpad/client';
import { importConfigurations, restoreConfiguration, saveConfiguration } from '../configurations/changes';
import { buildExport, type Configuration } from '../configurations/schema';
import {
  changeConfigurations,
  configurationsList,
  rawConfigurations,
  readConfigurations,
  removeUnreadableConfigurations,
} from '../configurations/store';
import { db } from '../storage/db';
import { environmentOfAppHost, type LeverEnvironment } from '../services/environments';
import { ApiError } from '../services/http/errors';
import type { FetchLike, HttpOptions } from '../services/http/request';
import { createLeverClient, type LeverClient } from '../services/lever/client';
import { stageIdOf } from '../services/lever/schemas';
import type { CandidateContext, ConnectionStatus, MessageName, ParsedInputOf, ReplyOf } from './protocol';
import type { Job } from '../pad-job/job';
import { searchRecords } from '../pads/store';
import { createStatusSync } from '../pads/status-sync';
import * as store from '../storage/items';
import { candidateUrl, createWorkflow } from '../pad-job/workflow';
import { openJobsFor } from '../pad-job/journal';

import type { PadSearchTiming } from '../pad-job/exactly-once';
import { rememberStages, readStages } from '../services/lever/stages';

export interface BackendDeps {
  fetch?: FetchLike;
  http?: Partial<Omit<HttpOptions, 'service' | 'fetch'>>;
  notify?: (job: Job) => void;
  onJobRunning?: () => void;
  openOptions?: () => Promise<void>;
  now?: () => number;
  padSearch?: PadSearchTiming;
}

/** What a handler receives besides its input: who sent it, as the browser says (not the message). */
export interface SenderInfo {
  tabId?: number;
  /** The address of the page that sent the message. */
  url?: string;
}

/** One handler per message of the table, taking its parsed input and answering its reply. */
type Handlers = {
  [K in MessageName]: (input: ParsedInputOf<K>, sender: SenderInfo) => Promise<ReplyOf<K>>;
};

/**
 * Everything the background does, as plain async functions. The service worker wires these
 * to messages; tests call them directly with the sandbox's fetch.
 */
export function createBackend(deps: BackendDeps = {}) {
  const now = deps.now ?? (() => Date.now());

  function leverWith(apiKey: string, environment: LeverEnvironment): LeverClient {
    return createLeverClient({ apiKey, environment, fetch: deps.fetch, http: deps.http });
  }
  function coderpadWith(apiKey: string): CoderPadClient {
    return createCoderPadClient({ apiKey, fetch: deps.fetch, http: deps.http });
  }
  async function lever(): Promise<LeverClient> {
    const connection = await store.leverConnection.get();
    if (!connection) throw new ApiError({ kind: 'not_connected', service: 'lever' });
    return leverWith(connection.apiKey, connection.environment);
  }
  async function coderpad(): Promise<CoderPadClient> {
    const connection = await store.coderpadConnection.get();
    if (!connection) throw new ApiError({ kind: 'not_connected', service: 'coderpad' });
    return coderpadWith(connection.apiKey);
  }

  const workflow = createWorkflow({
    lever,
    coderpad,
    notify: deps.notify ?? (() => {}),
    onRunning: deps.onJobRunning,
    now,
    padSearch: deps.padSearch,
  });

  const statusSync = createStatusSync({ lever, coderpad, now });

  /** The Lever environment of the page that sent a message, from the browser's word for its address. */
  async function environmentFor(sender: SenderInfo): Promise<LeverEnvironment> {
    let host = '';
    try {
      host = new URL(sender.url ?? '').host;
    } catch {}
    const environment = environmentOfAppHost(host);
    if (!environment) throw new ApiError({ kind: 'permission', detail: 'sender' });
    const connection = await store.leverConnection.get();
    if (!connection) throw new ApiError({ kind: 'not_connected', service: 'lever' });
    if (connection.environment !== environment) {
      throw new ApiError({ kind: 'wrong_environment', service: 'lever', detail: connection.environment });
    }
    return environment;
  }

  async function findConfiguration(id: string): Promise<Configuration> {
    const found = (await configurationsList()).find((c) => c.id === id);
    if (!found) throw new ApiError({ kind: 'configuration_missing' });
    return found;
  }

  async function status(): Promise<ConnectionStatus> {
    const [l, c, actAs] = await Promise.all([
      store.leverConnection.get(),
      store.coderpadConnection.get(),
      store.actAs.get(),
    ]);
    return {
      lever: l && {
        environment: l.environment,
        stageCount: l.stageCount,
        userCount: l.userCount,
        connectedAt: l.connectedAt,
      },
      coderpad: c && {
        organizationName: c.organizationName,
        padsRemaining: c.padsRemaining,
        unlimited: c.unlimited,
        connectedAt: c.connectedAt,
      },
      actAs,
    };
  }

  const handlers: Handlers = {
    getStatus: () => status(),

    async connectLever({ apiKey, environment }) {
      const client = leverWith(apiKey.trim(), environment);
      const [stages, users] = await Promise.all([client.listStages(), client.listUsers()]);
      const connection = {
        apiKey: apiKey.trim(),
        environment,
        stageCount: stages.length,
        userCount: users.length,
        connectedAt: now(),
      };
      await rememberStages(
        environment,
        stages.map((s) => s.id),
        now(),
      );
      const previous = await store.leverConnection.get();
      await store.leverConnection.set(connection);
      if (previous && (previous.apiKey !== connection.apiKey || previous.environment !== environment))
        await store.actAs.set(null);
      const { apiKey: _, ...visible } = connection;
      return visible;
    },
    async disconnectLever() {
      await store.leverConnection.set(null);
      await store.actAs.set(null);
      return null;
    },
    async connectCoderPad({ apiKey }) {
      const client = coderpadWith(apiKey.trim());
      const [quota, organization] = await Promise.all([
        client.getQuota(),
        // Only organisation members have one; a personal key still connects.
        client.getOrganization().catch((error: unknown) => {
          if (error instanceof ApiError && (error.kind === 'permission' || error.kind === 'not_found')) return null;
          throw error;
        }),
      ]);
      const connection = {
        apiKey: apiKey.trim(),
        organizationName: organization?.organization_name ?? organization?.name ?? null,
        padsRemaining: quota.pads_remaining ?? null,
        unlimited: quota.unlimited ?? false,
        connectedAt: now(),
      };
      await store.coderpadConnection.set(connection);
      const { apiKey: _, ...visible } = connection;
      return visible;
    },
    async disconnectCoderPad() {
      await store.coderpadConnection.set(null);
      return null;
    },
    listStages: async () => (await lever()).listStages(),
    listUsers: async () => (await lever()).listUsers(),
    listQuestions: async () => (await (await coderpad()).listQuestions()).filter((q) => !q.is_draft),
    async setActAs({ userId }) {
      if (userId === null) {
        await store.actAs.set(null);
        return null;
      }
      const user = (await (await lever()).listUsers()).find((u) => u.id === userId);
      if (!user) throw new ApiError({ kind: 'not_found', service: 'lever', detail: 'user' });
      const actAs = { userId: user.id, name: user.name, email: user.email ?? null };
      await store.actAs.set(actAs);
      return actAs;
    },
    listConfigurations: () => configurationsList(),
    saveConfiguration: async (input) => saveConfiguration(input, await lever(), await coderpad(), now()),
    deleteConfiguration: ({ id }) =>
      changeConfigurations((all) => ({
        next: all.filter((c) => c.id !== id),
        value: all.find((c) => c.id === id) ?? null,
      })),
    restoreConfiguration: ({ configuration }) => restoreConfiguration(configuration),
    exportConfigurations: async () => buildExport(await configurationsList()),
    importConfigurations: async ({ file }) => importConfigurations(file, await lever(), await coderpad(), now()),
    async storedDataHealth() {
      const [{ problems }, setAside] = await Promise.all([readConfigurations(), db().setAside.toArray()]);
      return {
        configurations: problems,
        setAside: {
          records: setAside.filter((r) => r.table === 'records').length,
          jobs: setAside.filter((r) => r.table === 'jobs').length,
        },
      };
    },
    async exportRawData() {
      return {
        exportedAt: new Date(now()).toISOString(),
        configurations: await rawConfigurations(),
        setAside: await db().setAside.toArray(),
      };
    },
    removeUnreadableConfigurations: () => removeUnreadableConfigurations(),

    async prepareCandidate({ opportunityId }, sender) {
      const environment = await environmentFor(sender);
      const client = await lever();
      const [opportunity, configurations, stageIds] = await Promise.all([
        workflow.readCandidate(client, environment, opportunityId, true),
        configurationsList(),
        // Read beside the candidate, so a click soon after knows whether each stage still exists.
        readStages(client, environment, now()),
      ]);
      const [existing, open] = await Promise.all([
        workflow.existingPads(environment, opportunity, configurations),
        openJobsFor(environment, opportunity.id),
      ]);
      const active: CandidateContext['jobs'] = {};
      for (const job of open) active[job.configurationId] = job;
      return {
        candidate: {
          id: opportunity.id,
          name: opportunity.name,
          email: opportunity.emails[0] ?? null,
          archived: opportunity.archived !== null,
          stageId: stageIdOf(opportunity) ?? null,
          url: candidateUrl(environment, opportunity.id),
        },
        configurations,
        existing,
        jobs: active,
        stageNames: Object.fromEntries(configurations.map((c) => [c.stageId, c.stageName])),
        missingStages: configurations.filter((c) => !stageIds.includes(c.stageId)).map((c) => c.id),
      };
    },
    async startJob({ opportunityId, configurationId, force }, sender) {
      const environment = await environmentFor(sender);
      const configuration = await findConfiguration(configurationId);
      return workflow.start({
        environment,
        pageId: opportunityId,
        configuration,
        force: force ?? false,
        tabId: sender.tabId,
      });
    },
    retryJob: ({ jobId, choice }, sender) => workflow.retry(jobId, sender.tabId, choice),
    getJob: ({ jobId }) => workflow.get(jobId),
    listPadRecords: ({ query, limit }) => searchRecords(query ?? '', limit ?? 200),
    refreshPadStatuses: ({ padIds }) => statusSync.refresh(padIds),
    async openOptions() {
      await deps.openOptions?.();
      return null;
    },
  };

  return { handlers, workflow, statusSync, coderpad };
}

export type Backend = ReturnType<typeof createBackend>;
