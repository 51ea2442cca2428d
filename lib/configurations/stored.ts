import { Mutex } from 'async-mutex';
import { type Configuration, configurationSchema } from './configuration';
import { ApiError } from '../services/http/errors';
import { parseProblem } from '../storage/db';
import { t } from '../text/i18n';
import { inUiLanguage } from '../text/zod-language';
import { configurationsItem } from '../storage/items';
import { readPolicy } from '../policy/managed';
import { policyConfigurations } from './policy';

/**
 * Configurations as stored, read element by element. An element that does not parse is never
 * overwritten: while one is there, every change is refused, the options page says what is wrong
 * and offers the raw value for export; only the admin's explicit "remove unreadable" drops it.
 *
 * Every change runs under one lock and reads the stored list inside it, after any network
 * check: two tabs, an Undo and an import all land, none lost.
 */

export interface StoredProblem {
  /** Position in the stored list, or -1 when the list itself is not a list. */
  index: number;
  reason: string;
}

export interface StoredConfigurations {
  configurations: Configuration[];
  problems: StoredProblem[];
}

const lock = new Mutex();

export async function readConfigurations(): Promise<StoredConfigurations> {
  const raw = await configurationsItem.getValue();
  if (!Array.isArray(raw)) return { configurations: [], problems: [{ index: -1, reason: t('storedNotList') }] };
  const configurations: Configuration[] = [];
  const problems: StoredProblem[] = [];
  raw.forEach((element, index) => {
    // Said in the options page: in the UI language.
    const parsed = configurationSchema.safeParse(element, inUiLanguage());
    if (parsed.success) configurations.push(parsed.data);
    else problems.push({ index, reason: parseProblem(parsed.error, 'entry') });
  });
  return { configurations, problems };
}

/**
 * The configurations in force: the organisation's policy's first, then (unless the policy locks
 * them) this browser's own, but for one whose tag a policy configuration already has.
 */
export function inForce(own: Configuration[], managed: Configuration[], locked: boolean): Configuration[] {
  if (locked) return managed;
  const theirs = new Set(managed.flatMap((c) => [c.id, c.tag]));
  return [...managed, ...own.filter((c) => !theirs.has(c.id) && !theirs.has(c.tag))];
}

/** The configurations in force, for the places that only read them (the options page, the widget, a job). */
export async function configurationsList(): Promise<Configuration[]> {
  const [{ configurations }, policy] = await Promise.all([readConfigurations(), readPolicy()]);
  return inForce(configurations, (await policyConfigurations(policy)).configurations, policy.locked);
}

/**
 * Applies one change to the stored list, serialised with every other change. `change` gets the
 * list as stored now (and the policy's, which it may not change) and returns the new list and a
 * value for the caller. Refused while the organisation's policy locks configurations.
 */
export function changeConfigurations<T>(
  change: (current: Configuration[], managed: Configuration[]) => { next: Configuration[]; value: T },
): Promise<T> {
  return lock.runExclusive(async () => {
    const [{ configurations, problems }, policy] = await Promise.all([readConfigurations(), readPolicy()]);
    if (policy.locked) throw new ApiError({ kind: 'managed' });
    if (problems.length) throw new ApiError({ kind: 'stored_data_invalid', detail: 'whatConfigurationsStored' });
    const { next, value } = change(configurations, (await policyConfigurations(policy)).configurations);
    await configurationsItem.setValue(next.map((c) => configurationSchema.parse(c)));
    return value;
  });
}

/** What is stored, as it is, for the admin to export before removing what cannot be read. */
export function rawConfigurations(): Promise<unknown> {
  return configurationsItem.getValue();
}

/** Keeps the readable configurations and drops the rest: only on the admin's explicit request. */
export function removeUnreadableConfigurations(): Promise<number> {
  return lock.runExclusive(async () => {
    const { configurations, problems } = await readConfigurations();
    await configurationsItem.setValue(configurations);
    return problems.length;
  });
}
