import { ApiError } from '../services/http/errors';
import { readCatalogue, SETTINGS_CATALOGUE_MS } from '../services/catalogues';
import * as store from '../storage/items';
import type { ConnectionContext } from './context';

/** How old a catalogue reading the options page takes: fresh, read since a moment, or the settings' usual age. */
export type CatalogueAge = { fresh?: boolean; since?: number } | undefined;

/** Lever's stages and users and CoderPad's questions as the options page reads them, through the saved keys. */
export function catalogueReaders(context: ConnectionContext) {
  /** Whose Lever catalogues: the saved connection's environment. */
  const leverScope = async () => {
    const connection = await store.leverConnection.get();
    if (!connection) throw new ApiError({ kind: 'not_connected', service: 'lever' });
    return connection.environment;
  };
  const maxAge = (input: CatalogueAge) => {
    if (input?.fresh) return 0;
    if (input?.since !== undefined) return Math.max(0, context.now() - input.since + 1);
    return SETTINGS_CATALOGUE_MS;
  };
  const stages = async (input?: CatalogueAge) =>
    readCatalogue('stages', await leverScope(), async () => (await context.clients.lever()).listStages(), {
      maxAgeMs: maxAge(input),
      now: context.now(),
    });
  const users = async (input?: CatalogueAge) =>
    readCatalogue('users', await leverScope(), async () => (await context.clients.lever()).listUsers(), {
      maxAgeMs: maxAge(input),
      now: context.now(),
    });
  const questions = (input?: CatalogueAge) =>
    readCatalogue('questions', 'coderpad', async () => (await context.clients.coderpad()).listQuestions(), {
      maxAgeMs: maxAge(input),
      now: context.now(),
    });
  return { stages, users, questions };
}
