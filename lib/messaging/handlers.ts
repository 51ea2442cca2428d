import { createCoderPadClient, type CoderPadClient } from '../services/coderpad/client';

import { importConfigurations, restoreConfiguration, saveConfiguration } from '../configurations/changes';
import { buildExport } from '../configurations/schema';
import { noteLanguageInForce } from '../configurations/note-language';
import * as store from '../storage/items';
import {
  changeConfigurations,
  configurationsList,
  rawConfigurations,
  readConfigurations,
  removeUnreadableConfigurations,
} from '../configurations/store';
import { db } from '../storage/db';
import type { LeverEnvironment } from '../services/environments';
import { ApiError } from '../services/http/errors';
import type { FetchLike, HttpOptions } from '../services/http/request';
import { createLeverClient, type LeverClient } from '../services/lever/client';
import type { Handlers } from './protocol';
import type { Job } from '../pad-job/job';
import { searchRecords } from '../pads/store';
import { padsForExport } from '../pads/export';
import { eraseAll, storedCounts } from '../storage/erase';
import { createStatusSync } from '../pads/status-sync';
import { createWorkflow } from '../pad-job/workflow';

import type { PadSearchTiming } from '../pad-job/exactly-once';
import { candidateHandlers } from './candidate';
import { coderpadConnectionInForce, connectionHandlers, leverConnectionInForce } from './connections';
import { summaryPending } from '../pads/summary';
import { createAutoMode } from '../auto-mode/poller';
import { readPolicy } from '../policy/managed';
import { autoClaims, checkAutoClaim } from '../auto-mode/claim-checks';
import { autoModeHandlers } from './auto-mode';

export interface BackendDeps {
  fetch?: FetchLike;
  http?: Partial<Omit<HttpOptions, 'service' | 'fetch'>>;
  notify?: (job: Job) => void;
  onJobRunning?: () => void;
  openOptions?: () => Promise<void>;
  /** Called when a pad's summary is pending again, so the status alarm runs while it is. */
  followPads?: () => void;
  now?: () => number;
  padSearch?: PadSearchTiming;
  /** Arms or clears auto mode's poll when the configurations with auto mode on change. */
  armAutoMode?: () => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
}

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
    const connection = await leverConnectionInForce();
    if (!connection) throw new ApiError({ kind: 'not_connected', service: 'lever' });
    return leverWith(connection.apiKey, connection.environment);
  }
  async function coderpad(): Promise<CoderPadClient> {
    const connection = await coderpadConnectionInForce();
    if (!connection) throw new ApiError({ kind: 'not_connected', service: 'coderpad' });
    return coderpadWith(connection.apiKey);
  }

  const clients = { leverWith, coderpadWith, lever, coderpad };

  const workflow = createWorkflow({
    lever,
    coderpad,
    notify: deps.notify ?? (() => {}),
    onRunning: deps.onJobRunning,
    now,
    padSearch: deps.padSearch,
    sleep: deps.sleep,
    checkAutoClaim: (client, job) => checkAutoClaim(client, job, now()),
    autoClaims: (client, opportunityId, tag, key) => autoClaims(client, opportunityId, tag, key, now()),
  });
  const autoMode = createAutoMode({
    lever,
    coderpad,
    workflow,
    now,
    sleep: deps.sleep,
    rules: async () => (await readPolicy()).autoMode,
  });

  const statusSync = createStatusSync({ lever, coderpad, now });

  const { catalogues, adoptPolicyKeys, ...connections } = connectionHandlers(clients, now);
  const autoHandlers = autoModeHandlers({ lever, now, armAutoMode: deps.armAutoMode });
  const handlers: Handlers = {
    ...connections,
    listConfigurations: () => configurationsList(),
    saveConfiguration: (input) => saveConfiguration(input, catalogues, now()),
    async deleteConfiguration({ id }) {
      const removed = await changeConfigurations((all) => ({
        next: all.filter((c) => c.id !== id),
        value: all.find((c) => c.id === id) ?? null,
      }));
      // Its auto mode goes with it (and the poll, when it was the last one).
      if (removed) await autoHandlers.setAutoMode({ configurationId: id, on: false }, {});
      return removed;
    },
    restoreConfiguration: ({ configuration }) => restoreConfiguration(configuration),
    // This browser's own: the policy's come from the policy.
    exportConfigurations: async () => buildExport((await readConfigurations()).configurations),
    importConfigurations: ({ file }) => importConfigurations(file, catalogues),
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

    ...candidateHandlers({ lever, coderpad, workflow, now, openOptions: deps.openOptions }),
    ...autoHandlers,
    listPadRecords: ({ query, limit }) => searchRecords(query ?? '', limit ?? 200),
    getNoteLanguage: () => noteLanguageInForce(),
    async setNoteLanguage({ language }) {
      if ((await noteLanguageInForce()).fromPolicy) throw new ApiError({ kind: 'managed' });
      await store.noteLanguage.set(language);
      return noteLanguageInForce();
    },
    exportPads: () => padsForExport(),
    storedCounts: () => storedCounts(),
    // Keys the organisation's policy gives are its own: they are read from the policy again.
    deleteAllData: async () => {
      await eraseAll();
      return null;
    },
    refreshPadStatuses: ({ padIds }) => statusSync.refresh(padIds),
    async endPad({ padId }) {
      const record = await statusSync.endPad(padId);
      // Its summary not written at once (a pause, an uncertain answer): the status rounds take it from here.
      if (record && summaryPending(record.summary)) deps.followPads?.();
      return record;
    },
    async retrySummary({ padId }) {
      const record = await statusSync.retrySummary(padId);
      // Not written at once (a pause, an uncertain answer): the status rounds take it from here.
      if (record && summaryPending(record.summary)) deps.followPads?.();
      return record;
    },
  };

  return { handlers, workflow, statusSync, lever, coderpad, adoptPolicyKeys, autoMode };
}

export type Backend = ReturnType<typeof createBackend>;
