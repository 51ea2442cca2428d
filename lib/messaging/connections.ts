import { ApiError } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import type { CoderPadClient } from '../services/coderpad/client';
import type { LeverEnvironment } from '../services/environments';
import * as store from '../storage/items';
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
export function connectionHandlers(clients: Clients, now: () => number): ConnectionHandlers {
  const { leverWith, coderpadWith, lever, coderpad } = clients;
  return {
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
  };
}
