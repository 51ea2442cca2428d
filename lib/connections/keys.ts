import { ApiError, toErrorInfo } from '../services/http/errors';
import type { LeverEnvironment } from '../services/environments';
import { forgetCatalogues, keepCatalogue } from '../services/catalogues';
import type { ManagedPolicy } from '../policy/managed';
import * as store from '../storage/items';
import type { ConnectionContext } from './context';
import type { ManagedStatus } from './status';

/*
 * A key is tested before it is saved: what testing it read is kept as the catalogues the options
 * page shows next. The policy's keys are tested and saved the same way, marked as the policy's.
 */

/** Tests a Lever key (stages and users) and saves it with what it read. */
export async function connectLever(
  context: ConnectionContext,
  rawKey: string,
  environment: LeverEnvironment,
  fromPolicy = false,
) {
  const apiKey = rawKey.trim();
  const client = context.clients.leverWith(apiKey, environment);
  const [stages, users] = await Promise.all([client.listStages(), client.listUsers()]);
  const connection = {
    apiKey,
    environment,
    stageCount: stages.length,
    userCount: users.length,
    connectedAt: context.now(),
    fromPolicy,
  };
  const previous = await store.leverConnection.get();
  await store.leverConnection.set(connection);
  // What testing the key read is what the options page shows next.
  await Promise.all([
    keepCatalogue('stages', environment, stages, context.now()),
    keepCatalogue('users', environment, users, context.now()),
  ]);
  if (previous && (previous.apiKey !== connection.apiKey || previous.environment !== environment))
    await store.actAs.set(null);
  const { apiKey: _, ...visible } = connection;
  return visible;
}

/** Tests a CoderPad key (quota, and the organisation when the key has one) and saves it. */
export async function connectCoderPad(context: ConnectionContext, rawKey: string, fromPolicy = false) {
  const apiKey = rawKey.trim();
  const client = context.clients.coderpadWith(apiKey);
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
    connectedAt: context.now(),
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
export async function adoptPolicyKeys(
  context: ConnectionContext,
  policy: ManagedPolicy,
): Promise<ManagedStatus['keyErrors']> {
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
      connectLever(context, policy.leverApiKey, environment, true).catch((error: unknown) => {
        errors.lever = toErrorInfo(error);
      }),
    policy.coderpadApiKey &&
      !coderpadInUse &&
      connectCoderPad(context, policy.coderpadApiKey, true).catch((error: unknown) => {
        errors.coderpad = toErrorInfo(error);
      }),
  ]);
  return errors;
}
