import { ApiError } from '../services/http/errors';
import { db } from '../storage/db';
import * as store from '../storage/items';
import { importConfigurations, type ReadCatalogues, restoreConfiguration, saveConfiguration } from './changes';
import { noteLanguageInForce } from './note-language';
import { buildExport, type ConfigurationInput } from './configuration';
import type { NoteLanguage } from '../text/note-language';
import type { StoredProblem } from './stored';
import {
  changeConfigurations,
  configurationsList,
  rawConfigurations,
  readConfigurations,
  removeUnreadableConfigurations,
} from './stored';

/** The language of notes in Lever, and whether the organisation's policy fixes it. */
export interface NoteLanguageStatus {
  language: NoteLanguage;
  fromPolicy: boolean;
}

/** What the options page learns about stored data that could not be read. */
export interface StoredDataHealth {
  configurations: StoredProblem[];
  /** Rows set aside because they did not parse, by table. */
  setAside: { records: number; jobs: number };
}

/** What the options page asks of configurations: the list, its changes, export and import, what is stored, and the notes' language. */
export function configurationHandlers(deps: {
  /** Lever's stages and CoderPad's questions as the options page shows them. */
  catalogues: ReadCatalogues;
  now: () => number;
  /** A configuration was deleted: what hangs on it goes too (its auto mode). */
  onDeleted(id: string): Promise<void>;
}) {
  return {
    listConfigurations: () => configurationsList(),
    saveConfiguration: (input: ConfigurationInput) => saveConfiguration(input, deps.catalogues, deps.now()),
    async deleteConfiguration({ id }: { id: string }) {
      const removed = await changeConfigurations((all) => ({
        next: all.filter((c) => c.id !== id),
        value: all.find((c) => c.id === id) ?? null,
      }));
      if (removed) await deps.onDeleted(id);
      return removed;
    },
    restoreConfiguration: ({ configuration }: { configuration: unknown }) => restoreConfiguration(configuration),
    // This browser's own: the policy's come from the policy.
    exportConfigurations: async () => buildExport((await readConfigurations()).configurations),
    importConfigurations: ({ file }: { file: unknown }) => importConfigurations(file, deps.catalogues),
    async storedDataHealth(): Promise<StoredDataHealth> {
      const [{ problems }, setAside] = await Promise.all([readConfigurations(), db().setAside.toArray()]);
      return {
        configurations: problems,
        setAside: {
          records: setAside.filter((r) => r.table === 'records').length,
          jobs: setAside.filter((r) => r.table === 'jobs').length,
        },
      };
    },
    async exportRawData() {
      return {
        exportedAt: new Date(deps.now()).toISOString(),
        configurations: await rawConfigurations(),
        setAside: await db().setAside.toArray(),
      };
    },
    removeUnreadableConfigurations: () => removeUnreadableConfigurations(),
    getNoteLanguage: () => noteLanguageInForce(),
    async setNoteLanguage({ language }: { language: NoteLanguage }) {
      if ((await noteLanguageInForce()).fromPolicy) throw new ApiError({ kind: 'managed' });
      await store.noteLanguage.set(language);
      return noteLanguageInForce();
    },
  };
}
