import { createCoderPadClient, type CoderPadClient } from './services/coderpad/client';

import type { LeverEnvironment } from './services/environments';
import { ApiError } from './services/http/errors';
import type { FetchLike, HttpOptions } from './services/http/request';
import { createLeverClient, type LeverClient } from './services/lever/client';
import type { Handlers } from './messaging/protocol';
import type { Job } from './pad-job/job';
import { eraseAll, storedCounts } from './storage/erase';
import { configurationHandlers } from './configurations/handlers';
import { padHandlers } from './pads/handlers';
import { createStatusSync } from './pads/status-sync';
import { createWorkflow } from './pad-job/workflow';

import type { PadSearchTiming } from './pad-job/exactly-once';
import { candidateHandlers } from './pad-job/prepare';
import { coderpadConnectionInForce, connectionHandlers, leverConnectionInForce } from './connections/connections';
import { createAutoMode } from './auto-mode/poller';
import { readPolicy } from './policy/managed';
import { autoClaims, checkAutoClaim } from './auto-mode/claim-checks';
import { autoModeHandlers } from './auto-mode/handlers';

export interface BackendDeps {
  fetch?: FetchLike;
  http?: Partial<Omit<HttpOptions, 'service' | 'fetch'>>;
  notify?: (job: Job) => void;
  onJobRunning?: () => void;
  openOptions?: () => Promise<void>;
  /** Runs the widget's script in a candidate page's tab. */
  loadWidget?: (tabId: number) => Promise<void>;
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
    ...configurationHandlers({
      catalogues,
      now,
      // Its auto mode goes with it (and the poll, when it was the last one).
      onDeleted: (id) => autoHandlers.setAutoMode({ configurationId: id, on: false }).then(() => {}),
    }),
    ...candidateHandlers({
      leverWith,
      coderpad,
      workflow,
      now,
      openOptions: deps.openOptions,
      loadWidget: deps.loadWidget,
    }),
    ...autoHandlers,
    storedCounts: () => storedCounts(),
    // Keys the organisation's policy gives are its own: they are read from the policy again.
    deleteAllData: async () => {
      await eraseAll();
      return null;
    },
    ...padHandlers({ statusSync, followPads: deps.followPads }),
  };

  return { handlers, workflow, statusSync, lever, coderpad, adoptPolicyKeys, autoMode };
}

export type Backend = ReturnType<typeof createBackend>;
