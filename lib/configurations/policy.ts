import { z } from 'zod';
import { padTypeSchema } from '../services/coderpad/schemas';
import { type MessageKey, t } from '../text/i18n';
import { inUiLanguage } from '../text/zod-language';
import { type ManagedPolicy, type PolicyProblem, policyProblems } from '../policy/managed';
import {
  type Configuration,
  configurationSchema,
  DEFAULT_TITLE_TEMPLATE,
  validateConfiguration,
} from './configuration';

/*
 * The configurations an organisation's policy lists, read as configurations: each entry checked
 * alone (one that does not read, or breaks a rule, is a problem reported, and the others stand).
 */

/**
 * A configuration as an admin writes it in a policy: ids, names and times are optional. Strict: a
 * key it does not know (`questionID` for `questionId`) is a problem reported, never dropped.
 */
const policyConfigurationSchema = z.strictObject(
  configurationSchema.partial().extend({
    // Its rules are told in words by validateConfiguration, as in the wizard.
    tag: z.string(),
    stageId: z.string().min(1),
    padType: padTypeSchema,
  }).shape,
);

/**
 * A configuration's id derived from its tag, so a policy written without ids gives the same
 * configuration (and so the same pad records and jobs) at every read.
 */
async function idForTag(tag: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`policy:${tag}`)));
  const hex = [...digest.slice(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  // A version-8 (custom) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((Number.parseInt(hex[16] ?? '0', 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface PolicyConfigurations {
  configurations: Configuration[];
  problems: PolicyProblem[];
}

/** Read once per reading of the policy. */
const read = new WeakMap<ManagedPolicy, Promise<PolicyConfigurations>>();

/** The policy's configurations, and a problem for each entry that cannot be used. */
export function policyConfigurations(policy: ManagedPolicy): Promise<PolicyConfigurations> {
  let found = read.get(policy);
  if (!found) {
    found = readEntries(policy.configurations);
    read.set(policy, found);
  }
  return found;
}

async function readEntries(entries: unknown[]): Promise<PolicyConfigurations> {
  const configurations: Configuration[] = [];
  const problems: PolicyProblem[] = [];
  for (const [index, element] of entries.entries()) {
    const input = policyConfigurationSchema.safeParse(element, inUiLanguage());
    if (!input.success) {
      for (const reason of policyProblems(input.error, ['configurations', index])) problems.push({ index, reason });
      continue;
    }
    const entry = input.data;
    // An exported configuration's times, pasted with it, are ignored.
    const configuration = configurationSchema.safeParse(
      {
        ...entry,
        id: entry.id ?? (await idForTag(entry.tag.trim())),
        stageName: entry.stageName ?? entry.stageId,
        questionId: entry.questionId ?? null,
        questionTitle: entry.questionTitle ?? null,
        language: entry.language ?? null,
        titleTemplate: entry.titleTemplate ?? DEFAULT_TITLE_TEMPLATE,
        createdAt: 0,
        updatedAt: 0,
      },
      inUiLanguage(),
    );
    const invalid = configuration.success
      ? Object.entries(validateConfiguration({ ...configuration.data }, { existing: [] }).errors)[0]
      : undefined;
    const at = `configurations.${index}`;
    if (!configuration.success)
      for (const reason of policyProblems(configuration.error, ['configurations', index]))
        problems.push({ index, reason });
    else if (invalid) problems.push({ index, reason: `${at}.${invalid[0]}: ${t(invalid[1] as MessageKey)}` });
    else if (configurations.some((c) => c.tag === configuration.data.tag))
      problems.push({ index, reason: `${at}.tag: ${t('errTagDuplicate')}` });
    else configurations.push(configuration.data);
  }
  return { configurations, problems };
}
