import { z } from 'zod';
import type { Configuration } from '../configurations/configuration';
import { readCatalogue } from '../services/catalogues';
import type { LeverEnvironment } from '../services/environments';
import { ApiError } from '../services/http/errors';
import type { LeverClient } from '../services/lever/client';
import { storedItem } from '../storage/items';
import type { Interviewer } from './job';

/*
 * The interviewer a recruiter may name in the confirmation: one of Lever's users. Named, they own
 * the pad when CoderPad has them as a user (else the key's owner does, and the widget says so),
 * the creation note names them, and the done view offers an e-mail to them.
 */

/** How old a reading of Lever's users the confirmation takes (people join rarely; the options page's Refresh reads anew). */
const USERS_MAX_AGE_MS = 60 * 60_000;

/** The interviewer last chosen per configuration, in this browser (null: none). */
const lastChosen = storedItem('local:interviewers', z.record(z.string(), z.string().nullable()), {});

/** Lever's users as interviewers, by name. */
async function leverUsers(lever: Promise<LeverClient>, environment: LeverEnvironment, now: number) {
  const users = await readCatalogue('users', environment, async () => (await lever).listUsers(), {
    maxAgeMs: USERS_MAX_AGE_MS,
    now,
  });
  return users
    .map((user): Interviewer => ({ id: user.id, name: user.name || user.email || user.id, email: user.email ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What the confirmation offers: Lever's users, and who was last chosen for this configuration in
 * this browser (before any, the configuration's default interviewer).
 */
export async function interviewerChoice(
  lever: Promise<LeverClient>,
  environment: LeverEnvironment,
  configuration: Pick<Configuration, 'id' | 'interviewerId'>,
  now: number,
): Promise<{ users: Interviewer[]; chosen: string | null }> {
  const [users, chosen] = await Promise.all([leverUsers(lever, environment, now), lastChosen.get()]);
  const id = configuration.id in chosen ? (chosen[configuration.id] ?? null) : configuration.interviewerId;
  // Someone who has left Lever since is no longer offered.
  return { users, chosen: users.some((u) => u.id === id) ? id : null };
}

/**
 * The interviewer of a click: the one it names (`null`: none); or, when it names none at all (a
 * Retry after a refusal, a click before Lever's users were read), the one the confirmation offers
 * — last named here, else the configuration's default — when Lever still has them. Nothing is
 * read when there is nobody to find. The name is remembered by `rememberInterviewer`, once the
 * click's job is written.
 */
export async function chosenInterviewer(
  lever: Promise<LeverClient>,
  environment: LeverEnvironment,
  configuration: Promise<Pick<Configuration, 'id' | 'interviewerId'>>,
  userId: string | null | undefined,
  now: number,
): Promise<Interviewer | null> {
  // Read side by side: the click waits for the slower of the two.
  const [{ id: configurationId, interviewerId }, remembered] = await Promise.all([configuration, lastChosen.get()]);
  if (userId === undefined) {
    const offered = configurationId in remembered ? (remembered[configurationId] ?? null) : interviewerId;
    if (offered === null) return null;
    return (await leverUsers(lever, environment, now).catch(() => [])).find((u) => u.id === offered) ?? null;
  }
  const interviewer = userId === null ? null : (await leverUsers(lever, environment, now)).find((u) => u.id === userId);
  if (interviewer === undefined) throw new ApiError({ kind: 'bad_request', detail: 'interviewer' });
  return interviewer;
}

/**
 * The interviewer a click named (`null`: none), remembered for the configuration's next
 * confirmation; written only when it changes. Called once the click's job is written: the
 * browser's storage and the database share their writer, and the job's write is what the pad
 * request waits for.
 */
export async function rememberInterviewer(configurationId: string, userId: string | null): Promise<void> {
  const remembered = await lastChosen.get();
  if (remembered[configurationId] !== userId) await lastChosen.set({ ...remembered, [configurationId]: userId });
}

/**
 * The configuration's default interviewer, for auto mode's pads: none when it names none, or when
 * Lever's users cannot be read now or no longer include them (the pad is made all the same).
 */
export async function defaultInterviewer(
  lever: LeverClient,
  configuration: Pick<Configuration, 'interviewerId'>,
  now: number,
): Promise<Interviewer | null> {
  if (!configuration.interviewerId) return null;
  const users = await leverUsers(Promise.resolve(lever), lever.environment, now).catch(() => []);
  return users.find((u) => u.id === configuration.interviewerId) ?? null;
}
