import type { Configuration } from '../configurations/configuration';
import { clockOffset } from '../services/http/server-clock';
import type { LeverClient } from '../services/lever/client';
import type { Opportunity } from '../services/lever/schemas';
import * as autoItems from './items';

/*
 * What a poll lists: where each configuration's list starts, and the one list read for all the
 * configurations due.
 */

/** Candidates changed this long before the last poll are listed again. */
export const OVERLAP_MS = 5 * 60_000;

/** One list read for every configuration due, and when (Lever's clock) it was read. */
export interface Shared {
  at: number;
  listed: Opportunity[];
}

type AutoModes = Awaited<ReturnType<typeof autoItems.autoModes.get>>;

/** Where a configuration's list starts (on Lever's clock): its cursor, or when it was turned on. */
export async function cursorOf(config: Configuration, turnedOn: number | undefined, pollStart: number) {
  const offset = await clockOffset('lever');
  const state = await autoItems.autoState.get();
  return Math.max(state.cursors[config.id] ?? 0, turnedOn === undefined ? pollStart : turnedOn + offset);
}

/**
 * One list for every configuration due this poll: Lever ORs repeated tags and stages, so one
 * request replaces one per configuration (the idle cost of a whole team). Each configuration
 * then keeps what is its own. Anything wrong with it (`undefined`) and each configuration reads
 * its own list, so one that Lever refuses is told apart from the others.
 */
export async function sharedList(
  lever: LeverClient,
  due: Configuration[],
  modes: AutoModes,
  /** Now on Lever's clock. */
  at: number,
): Promise<Shared | undefined> {
  if (due.length < 2) return undefined;
  const cursors = await Promise.all(due.map((c) => cursorOf(c, modes[c.id]?.since, at)));
  try {
    const listed = await lever.listOpportunities({
      tag: [...new Set(due.map((c) => c.tag))],
      stageId: [...new Set(due.map((c) => c.stageId))],
      archived: false,
      updatedAtStart: Math.min(...cursors) - OVERLAP_MS,
      background: true,
    });
    return { at, listed };
  } catch {
    return undefined;
  }
}

/** A configuration's candidates changed since `from`: out of the shared list when there is one. */
export async function listSince(
  lever: LeverClient,
  config: Configuration,
  from: number,
  shared: Shared | undefined,
): Promise<Opportunity[]> {
  if (shared) return shared.listed.filter((o) => (o.updatedAt ?? from) >= from);
  return lever.listOpportunities({
    tag: [config.tag],
    stageId: [config.stageId],
    archived: false,
    updatedAtStart: from,
    background: true,
  });
}
