import { readPolicy } from '../policy/managed';
import * as store from '../storage/items';
import type { NoteLanguage } from '../text/note-language';

/** The language of the notes PadBridge writes into Lever: the organisation's policy's, else the admin's choice. */
export async function noteLanguageInForce(): Promise<{ language: NoteLanguage; fromPolicy: boolean }> {
  const policy = await readPolicy();
  if (policy.noteLanguage) return { language: policy.noteLanguage, fromPolicy: true };
  return { language: await store.noteLanguage.get(), fromPolicy: false };
}
