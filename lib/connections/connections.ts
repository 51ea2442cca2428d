import { ApiError, toErrorInfo } from '../services/http/errors';
import { readQuota } from '../services/coderpad/quota';
import type { Quota } from '../services/coderpad/schemas';
import type { LeverClient } from '../services/lever/client';
import type { CoderPadClient } from '../services/coderpad/client';
import type { LeverEnvironment } from '../services/environments';
import * as store from '../storage/items';
import {
  forgetCatalogues,
  keepCatalogue,
  readCatalogue,
  SETTINGS_CATALOGUE_MS,
  skippedIn,
} from '../services/catalogues';
import type { ConnectionStatus, ManagedStatus, SkippedItems } from './status';
import { connectionInForce, keyInForce, type ManagedPolicy, readPolicy } from '../policy/managed';
import { policyConfigurations } from '../configurations/policy';

/** What the connection handlers need: clients for a key being tested, and for the saved keys. */
export interface Clients {
  leverWith(apiKey: string, environment: LeverEnvironment): LeverClient;
  coderpadWith(apiKey: string): CoderPadClient;
  lever(): Promise<LeverClient>;
  coderpad(): Promise<CoderPadClient>;
}

/** The saved Lever connection, as the organisation's policy lets it count. */
export async function leverConnectionInForce(): Promise<store.LeverConnection | null> {
  const [connection, policy] = await Promise.all([store.leverConnection.get(), readPolicy()]);
  return connectionInForce(connection, policy);
}

/** The saved CoderPad connection, as the organisation's policy lets it count. */
export async function coderpadConnectionInForce(): Promise<store.CoderPadConnection | null> {
  const [connection, policy] = await Promise.all([store.coderpadConnection.get(), readPolicy()]);
  return keyInForce(connection, policy.coderpadApiKey) ? connection : null;
}

/** What pages may know about the connections and the policy: never the keys. */
async function status(
  policy: ManagedPolicy,
  keyErrors: ManagedStatus['keyErrors'],
  quota: Quota | undefined,
): Promise<ConnectionStatus> {
  const [stored, storedCoderpad, actAs, managed] = await Promise.all([
    store.leverConnection.get(),
    store.coderpadConnection.get(),
    store.actAs.get(),
    policyConfigurations(policy),
  ]);
  const lever = connectionInForce(stored, policy);
  const coderpad = keyInForce(storedCoderpad, policy.coderpadApiKey) ? storedCoderpad : null;
  return {
    managed: policy.present
      ? {
          locked: policy.locked,
          environment: policy.environment,
          configurationIds: managed.configurations.map((c) => c.id),
          leverKey: policy.leverApiKey !== null,
          coderpadKey: policy.coderpadApiKey !== null,
          keyErrors,
          problems: [...policy.problems, ...managed.problems],
        }
      : null,
    lever: lever && {
      environment: lever.environment,
      stageCount: lever.stageCount,
      userCount: lever.userCount,
      connectedAt: lever.connectedAt,
    },
    coderpad: coderpad && {
      organizationName: coderpad.organizationName,
      // As read when the page opened (at most a minute ago), else as read when the key was tested.
      padsRemaining: quota ? (quota.pads_remaining ?? null) : coderpad.padsRemaining,
      unlimited: quota ? quota.unlimited === true : coderpad.unlimited,
      overages: quota ? quota.overages_enabled === true : coderpad.overages,
      defaultLanguage: coderpad.defaultLanguage,
      connectedAt: coderpad.connectedAt,
    },
    actAs,
  };
}

/** Connecting Lever and CoderPad (each key tested before it is saved), their catalogues, and who to act as. */
export function connectionHandlers(clients: Clients, now: () => number) {
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
  /** Tests a Lever key (stages and users) and saves it with what it read. */
  async function connectLever(rawKey: string, environment: LeverEnvironment, fromPolicy = false) {
    const apiKey = rawKey.trim();
    const client = leverWith(apiKey, environment);
    const [stages, users] = await Promise.all([client.listStages(), client.listUsers()]);
    const connection = {
      apiKey,
      environment,
      stageCount: stages.length,
      userCount: users.length,
      connectedAt: now(),
      fromPolicy,
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
  }

  /** Tests a CoderPad key (quota, and the organisation when the key has one) and saves it. */
  async function connectCoderPad(rawKey: string, fromPolicy = false) {
    const apiKey = rawKey.trim();
    const client = coderpadWith(apiKey);
    const [quota, organization] = await Promise.all([
      client.getQuota(),
      // Only organisation members have one; a personal key still connects.
      client.getOrganization().catch((error: unknown) => {
        if (error instanceof ApiError && (error.kind === 'permission' || error.kind === 'not_found')) return null;
        throw error;
      }),
    ]);
    const connection = {
      apiKey,
      organizationName: organization?.organization_name ?? organization?.name ?? null,
      padsRemaining: quota.pads_remaining ?? null,
      unlimited: quota.unlimited ?? false,
      overages: quota.overages_enabled ?? false,
      defaultLanguage: organization?.organization_default_language ?? null,
      connectedAt: now(),
      fromPolicy,
    };
    await store.coderpadConnection.set(connection);
    await forgetCatalogues('coderpad');
    const { apiKey: _, ...visible } = connection;
    return visible;
  }

  /**
   * Keys the organisation's policy provides replace the recruiter's: each is tested and saved as
   * the connection once (again when the policy changes it). A key that came from the policy goes
   * at once when the policy drops or changes it, before any new one is tested; a policy key that
   * fails its test is reported and not used (nor is the recruiter's own while the policy provides
   * one: see `keyInForce`); the next page that opens, or the next change of the policy, tries again.
   */
  async function adoptPolicyKeys(policy: ManagedPolicy): Promise<ManagedStatus['keyErrors']> {
    const errors: ManagedStatus['keyErrors'] = {};
    const [lever, coderpad] = await Promise.all([store.leverConnection.get(), store.coderpadConnection.get()]);
    const environment = policy.environment ?? lever?.environment ?? 'production';
    // A key from the policy that the policy no longer gives, or gives another: removed first.
    if (lever?.fromPolicy && (lever.apiKey !== policy.leverApiKey || lever.environment !== environment)) {
      await store.leverConnection.set(null);
      await Promise.all([forgetCatalogues(lever.environment), store.actAs.set(null)]);
    }
    if (coderpad?.fromPolicy && coderpad.apiKey !== policy.coderpadApiKey) {
      await store.coderpadConnection.set(null);
      await forgetCatalogues('coderpad');
    }
    const leverInUse = lever?.fromPolicy && lever.apiKey === policy.leverApiKey && lever.environment === environment;
    const coderpadInUse = coderpad?.fromPolicy && coderpad.apiKey === policy.coderpadApiKey;
    await Promise.all([
      policy.leverApiKey &&
        !leverInUse &&
        connectLever(policy.leverApiKey, environment, true).catch((error: unknown) => {
          errors.lever = toErrorInfo(error);
        }),
      policy.coderpadApiKey &&
        !coderpadInUse &&
        connectCoderPad(policy.coderpadApiKey, true).catch((error: unknown) => {
          errors.coderpad = toErrorInfo(error);
        }),
    ]);
    return errors;
  }

  return {
    adoptPolicyKeys: async () => {
      await adoptPolicyKeys(await readPolicy());
    },
    catalogues: async () => {
      const [stageList, questionList] = await Promise.all([stages(), questions()]);
      return { stages: stageList, questions: questionList };
    },
    async getStatus() {
      const policy = await readPolicy();
      const keyErrors = await adoptPolicyKeys(policy);
      // The month's allowance, read anew (at most once a minute) each time a page opens, with
      // the key in force (the policy's, when it just provided one).
      const client = coderpad();
      client.catch(() => {});
      const quota = await readQuota(client, now()).catch(() => undefined);
      return status(policy, keyErrors, quota);
    },

    async connectLever({ apiKey, environment }: { apiKey: string; environment: LeverEnvironment }) {
      const policy = await readPolicy();
      if (policy.leverApiKey || (policy.environment && policy.environment !== environment))
        throw new ApiError({ kind: 'managed', service: 'lever' });
      return connectLever(apiKey, environment);
    },
    async disconnectLever() {
      if ((await readPolicy()).leverApiKey) throw new ApiError({ kind: 'managed', service: 'lever' });
      const previous = await store.leverConnection.get();
      await store.leverConnection.set(null);
      if (previous) await forgetCatalogues(previous.environment);
      await store.actAs.set(null);
      return null;
    },
    async connectCoderPad({ apiKey }: { apiKey: string }) {
      if ((await readPolicy()).coderpadApiKey) throw new ApiError({ kind: 'managed', service: 'coderpad' });
      return connectCoderPad(apiKey);
    },
    async disconnectCoderPad() {
      if ((await readPolicy()).coderpadApiKey) throw new ApiError({ kind: 'managed', service: 'coderpad' });
      await store.coderpadConnection.set(null);
      await forgetCatalogues('coderpad');
      return null;
    },
    listStages: (input?: CatalogueInput) => stages(input),
    listUsers: (input?: CatalogueInput) => users(input),
    listQuestions: async (input?: CatalogueInput) => (await questions(input)).filter((q) => !q.is_draft),
    async listSkipped(): Promise<SkippedItems> {
      const environment = (await store.leverConnection.get())?.environment;
      const [stageItems, userItems, questionItems] = await Promise.all([
        environment ? skippedIn('stages', environment) : null,
        environment ? skippedIn('users', environment) : null,
        skippedIn('questions', 'coderpad'),
      ]);
      return { stages: stageItems, users: userItems, questions: questionItems };
    },
    async setActAs({ userId }: { userId: string | null }) {
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
