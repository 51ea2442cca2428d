import { ApiError } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import type { CoderPadClient } from '../services/coderpad/client';
import type { LeverEnvironment } from '../services/environments';
import * as store from '../storage/items';
import { forgetCatalogues, keepCatalogue, readCatalogue, SETTINGS_CATALOGUE_MS } from '../services/catalogues';
import type { ReadCatalogues } from '../configurations/changes';
import type { Handlers } from './handlers';
import type { ConnectionStatus } from './protocol';

/** What the connection handlers need: clients for a key being tested, and for the saved keys. */
export interface Clients {
  leverWith(apiKey: string, environment: LeverEnvironment): LeverClient;
  coderpadWith(apiKey: string): CoderPadClient;
  lever(): Promise<LeverClient>;
  coderpad(): Promise<CoderPadClient>;
}

type ConnectionHandlers = Pick<
  Handlers,
  | 'getStatus'
  | 'connectLever'
  | 'disconnectLever'
  | 'connectCoderPad'
  | 'disconnectCoderPad'
  | 'listStages'
  | 'listUsers'
  | 'listQuestions'
  | 'setActAs'
>;

/** What pages may know about the connections: never the keys. */
async function status(): Promise<ConnectionStatus> {
  const [lever, coderpad, actAs] = await Promise.all([
    store.leverConnection.get(),
    store.coderpadConnection.get(),
    store.actAs.get(),
  ]);
  return {
    lever: lever && {
      environment: lever.environment,
      stageCount: lever.stageCount,
      userCount: lever.userCount,
      connectedAt: lever.connectedAt,
    },
    coderpad: coderpad && {
      organizationName: coderpad.organizationName,
      padsRemaining: coderpad.padsRemaining,
      unlimited: coderpad.unlimited,
      connectedAt: coderpad.connectedAt,
    },
    actAs,
  };
}

/** Connecting Lever and CoderPad (each key tested before it is saved), their catalogues, and who to act as. */
export function connectionHandlers(
  clients: Clients,
  now: () => number,
): ConnectionHandlers & { catalogues: ReadCatalogues } {
  const { leverWith, coderpadWith, lever, coderpad } = clients;
  /** Whose Lever catalogues: the saved connection's environment. */
  const leverScope = async () => {
    const connection = await store.leverConnection.get();
    if (!connection) throw new ApiError({ kind: 'not_connected', service: 'lever' });
    return connection.environment;
  };
  type CatalogueInput = { fresh?: boolean; since?: number } | undefined;
  const maxAge = (input: CatalogueInput) => {
    if (input?.fresh) return 0;
    if (input?.since !== undefined) return Math.max(0, now() - input.since + 1);
    return SETTINGS_CATALOGUE_MS;
  };
  const stages = async (input?: CatalogueInput) =>
    readCatalogue('stages', await leverScope(), async () => (await lever()).listStages(), {
      maxAgeMs: maxAge(input),
      now: now(),
    });
  const users = async (input?: CatalogueInput) =>
    readCatalogue('users', await leverScope(), async () => (await lever()).listUsers(), {
      maxAgeMs: maxAge(input),
      now: now(),
    });
  const questions = (input?: CatalogueInput) =>
    readCatalogue('questions', 'coderpad', async () => (await coderpad()).listQuestions(), {
      maxAgeMs: maxAge(input),
      now: now(),
    });
  return {
    catalogues: async () => {
      const [stageList, questionList] = await Promise.all([stages(), questions()]);
      return { stages: stageList, questions: questionList };
    },
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
      // What testing the key read is what the options page shows next.
      await Promise.all([
        keepCatalogue('stages', environment, stages, now()),
        keepCatalogue('users', environment, users, now()),
      ]);
      if (previous && (previous.apiKey !== connection.apiKey || previous.environment !== environment))
        await store.actAs.set(null);
      const { apiKey: _, ...visible } = connection;
      return visible;
    },
    async disconnectLever() {
      const previous = await store.leverConnection.get();
      await store.leverConnection.set(null);
      if (previous) await forgetCatalogues(previous.environment);
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
      await forgetCatalogues('coderpad');
      const { apiKey: _, ...visible } = connection;
      return visible;
    },
    async disconnectCoderPad() {
      await store.coderpadConnection.set(null);
      await forgetCatalogues('coderpad');
      return null;
    },
    listStages: (input) => stages(input),
    listUsers: (input) => users(input),
    listQuestions: async (input) => (await questions(input)).filter((q) => !q.is_draft),
    async setActAs({ userId }) {
      if (userId === null) {
        await store.actAs.set(null);
        return null;
      }
      const user = (await users()).find((u) => u.id === userId);
      if (!user) throw new ApiError({ kind: 'not_found', service: 'lever', detail: 'user' });
      const actAs = { userId: user.id, name: user.name, email: user.email ?? null };
      await store.actAs.set(actAs);
      return actAs;
    },
  };
}
