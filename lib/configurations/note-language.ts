import { readPolicy } from '../policy/managed';
import * as store from '../storage/items';
import type { NoteLanguage } from '../text/note-language';

/** The language of the notes PadBridge writes into Lever: the organisation's policy's, else the admin's choice. */
export async function noteLanguageInForce(): Promise<{ language: NoteLanguage; fromPolicy: boolean }> {
  const [policy, chosen] = await Promise.all([readPolicy(), store.noteLanguage.get()]);
  if (policy.noteLanguage) return { language: policy.noteLanguage, fromPolicy: true };
  return { language: chosen, fromPolicy: false };
}
