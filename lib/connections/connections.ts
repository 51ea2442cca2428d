import { ApiError } from '../services/http/errors';
import { readQuota } from '../services/coderpad/quota';
import type { Quota } from '../services/coderpad/schemas';
import type { LeverEnvironment } from '../services/environments';
import * as store from '../storage/items';
import { forgetCatalogues, skippedIn } from '../services/catalogues';
import { type CatalogueAge, catalogueReaders } from './catalogues';
import { adoptPolicyKeys, connectCoderPad, connectLever } from './keys';
import type { ClientMakers } from './context';
import type { ConnectionStatus, ManagedStatus, SkippedItems } from './status';
import { connectionInForce, keyInForce, type ManagedPolicy, readPolicy } from '../policy/managed';
import { policyConfigurations } from '../configurations/policy';

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
export function connectionHandlers(clients: ClientMakers, now: () => number) {
  const { coderpad } = clients;
  const context = { clients, now };
  const { stages, users, questions } = catalogueReaders(context);
  return {
    adoptPolicyKeys: async () => {
      await adoptPolicyKeys(context, await readPolicy());
    },
    catalogues: async () => {
      const [stageList, questionList] = await Promise.all([stages(), questions()]);
      return { stages: stageList, questions: questionList };
    },
    async getStatus() {
      const policy = await readPolicy();
      const keyErrors = await adoptPolicyKeys(context, policy);
      // The month's allowance, read anew (at most twice a minute) each time a page opens, with
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
      return connectLever(context, apiKey, environment);
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
      return connectCoderPad(context, apiKey);
    },
    async disconnectCoderPad() {
      if ((await readPolicy()).coderpadApiKey) throw new ApiError({ kind: 'managed', service: 'coderpad' });
      await store.coderpadConnection.set(null);
      await forgetCatalogues('coderpad');
      return null;
    },
    listStages: (input?: CatalogueAge) => stages(input),
    listUsers: (input?: CatalogueAge) => users(input),
    listQuestions: async (input?: CatalogueAge) => (await questions(input)).filter((q) => !q.is_draft),
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
