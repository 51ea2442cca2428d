import { createCoderPadClient, type CoderPadClient } from './coderpad/client';
import { isTakeHome } from './coderpad/schemas';
import {
  buildExport,
  configurationSchema,
  describeImportProblems,
  exportFileSchema,
  validateConfiguration,
  type Configuration,
  type ConfigurationInput,
} from './configurations';
import { environmentOfAppHost, type LeverEnvironment } from './environments';
import { ApiError } from './http/errors';
import type { FetchLike, HttpOptions } from './http/request';
import { createLeverClient, type LeverClient } from './lever/client';
import { stageIdOf } from './lever/schemas';
import type { CandidateContext, ConnectionStatus, ProtocolMap } from './protocol';
import { filterRecords, type Job } from './records';
import { createStatusSync } from './status-sync';
import * as store from './storage';
import { candidateUrl, createWorkflow } from './workflow';

export interface BackendDeps {
  fetch?: FetchLike;
  http?: Partial<Omit<HttpOptions, 'service' | 'fetch'>>;
  notify?: (job: Job) => void;
  onJobRunning?: () => void;
  openOptions?: () => Promise<void>;
  now?: () => number;
}

/** What a handler receives besides its input: who sent it. */
export interface SenderInfo {
  tabId?: number;
}

type Handlers = {
  [K in keyof Omit<ProtocolMap, 'jobUpdated'>]: (
    input: Parameters<ProtocolMap[K]>[0],
    sender: SenderInfo,
  ) => Promise<
    ReturnType<ProtocolMap[K]> extends { ok: true; value: infer V } | { ok: false } ? V : ReturnType<ProtocolMap[K]>
  >;
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
  });

  const statusSync = createStatusSync({ lever, coderpad, now });

  async function environmentFor(appHost: string): Promise<LeverEnvironment> {
    const environment = environmentOfAppHost(appHost);
    if (!environment) throw new ApiError({ kind: 'bad_request', detail: appHost });
    const connection = await store.leverConnection.get();
    if (!connection) throw new ApiError({ kind: 'not_connected', service: 'lever' });
    if (connection.environment !== environment) {
      throw new ApiError({ kind: 'wrong_environment', service: 'lever', detail: connection.environment });
    }
    return environment;
  }

  async function findConfiguration(id: string): Promise<Configuration> {
    const found = (await store.configurations.get()).find((c) => c.id === id);
    if (!found) throw new ApiError({ kind: 'not_found', detail: 'configuration' });
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

  async function saveConfiguration(input: ConfigurationInput): Promise<Configuration> {
    const [client, all] = await Promise.all([lever(), store.configurations.get()]);
    const [stages, questions] = await Promise.all([client.listStages(), (await coderpad()).listQuestions()]);
    const { errors } = validateConfiguration(input, {
      existing: all,
      stageIds: stages.map((s) => s.id),
      questions: questions.map((q) => ({ id: q.id, take_home: isTakeHome(q) })),
    });
    const first = Object.values(errors)[0];
    if (first) throw new ApiError({ kind: 'bad_request', detail: first });
    const previous = all.find((c) => c.id === input.id);
    const question = questions.find((q) => q.id === input.questionId);
    const saved = configurationSchema.parse({
      id: previous?.id ?? crypto.randomUUID(),
      tag: input.tag.trim(),
      stageId: input.stageId,
      stageName: stages.find((s) => s.id === input.stageId)?.text ?? input.stageId,
      padType: input.padType,
      questionId: input.questionId,
      questionTitle: question?.title ?? null,
      language: input.questionId === null ? input.language : null,
      titleTemplate: input.titleTemplate.trim(),
      createdAt: previous?.createdAt ?? now(),
      updatedAt: now(),
    });
    await store.configurations.set(previous ? all.map((c) => (c.id === saved.id ? saved : c)) : [...all, saved]);
    return saved;
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
    listConfigurations: () => store.configurations.get(),
    saveConfiguration: (input) => saveConfiguration(input),
    async deleteConfiguration({ id }) {
      const all = await store.configurations.get();
      const removed = all.find((c) => c.id === id) ?? null;
      await store.configurations.set(all.filter((c) => c.id !== id));
      return removed;
    },
    async restoreConfiguration({ configuration }) {
      const parsed = configurationSchema.parse(configuration);
      const all = await store.configurations.get();
      if (all.some((c) => c.tag === parsed.tag && c.id !== parsed.id)) {
        throw new ApiError({ kind: 'bad_request', detail: 'errTagDuplicate' });
      }
      await store.configurations.set([...all.filter((c) => c.id !== parsed.id), parsed]);
      return parsed;
    },
    exportConfigurations: async () => buildExport(await store.configurations.get()),
    async importConfigurations({ file }) {
      const parsed = exportFileSchema.safeParse(file);
      if (!parsed.success) {
        throw new ApiError({ kind: 'bad_request', detail: describeImportProblems(parsed.error).join('; ') });
      }
      const incoming = parsed.data.configurations;
      const tags = incoming.map((c) => c.tag);
      const twice = tags.find((tag, i) => tags.indexOf(tag) !== i);
      if (twice) throw new ApiError({ kind: 'bad_request', detail: `configurations: tag "${twice}" appears twice` });
      const all = await store.configurations.get();
      let added = 0;
      let updated = 0;
      const merged = [...all];
      for (const config of incoming) {
        // The same tag is the same configuration: the file's version replaces the saved one.
        const index = merged.findIndex((c) => c.tag === config.tag || c.id === config.id);
        if (index === -1) {
          merged.push(config);
          added += 1;
        } else {
          merged[index] = { ...config, id: merged[index]?.id ?? config.id };
          updated += 1;
        }
      }
      await store.configurations.set(merged);
      return { added, updated };
    },

    async prepareCandidate({ opportunityId, appHost }) {
      const environment = await environmentFor(appHost);
      const client = await lever();
      const [opportunity, configurations, jobs] = await Promise.all([
        workflow.readCandidate(client, environment, opportunityId, true),
        store.configurations.get(),
        store.jobs.get(),
      ]);
      const existing = await workflow.existingPads(environment, opportunity, configurations);
      const active: CandidateContext['jobs'] = {};
      for (const job of Object.values(jobs)) {
        if (job.environment === environment && job.opportunityId === opportunity.id && job.status !== 'done') {
          active[job.configurationId] = job;
        }
      }
      return {
        candidate: {
          id: opportunity.id,
          name: opportunity.name,
          email: opportunity.emails[0] ?? null,
          archived: opportunity.archived !== null,
          stageId: stageIdOf(opportunity) ?? null,
          url: opportunity.urls?.show ?? candidateUrl(environment, opportunity.id),
        },
        configurations,
        existing,
        jobs: active,
        stageNames: Object.fromEntries(configurations.map((c) => [c.stageId, c.stageName])),
      };
    },
    async startJob({ opportunityId, appHost, configurationId, force }, sender) {
      const environment = await environmentFor(appHost);
      const configuration = await findConfiguration(configurationId);
      return workflow.start({ environment, opportunityId, configuration, force: force ?? false, tabId: sender.tabId });
    },
    retryJob: ({ jobId }, sender) => workflow.retry(jobId, sender.tabId),
    getJob: ({ jobId }) => workflow.get(jobId),
    async listPadRecords({ query, limit }) {
      const all = await store.padRecords.get();
      return { records: filterRecords(all, query ?? '').slice(0, limit ?? 200), total: all.length };
    },
    refreshPadStatuses: ({ padIds }) => statusSync.refresh(padIds),
    async openOptions() {
      await deps.openOptions?.();
      return null;
    },
  };

  return { handlers, workflow, statusSync, lever, coderpad };
}

export type Backend = ReturnType<typeof createBackend>;
