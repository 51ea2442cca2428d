import { z } from 'zod';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import type { MessageKey } from './i18n';

/*
 * The language of what PadBridge writes into Lever (its notes), chosen by the admin (or the
 * organisation's policy), apart from the language of the UI: one candidate's notes read in one
 * language whoever clicked.
 */

export const noteLanguageSchema = z.enum(['en', 'fr']);
export type NoteLanguage = z.infer<typeof noteLanguageSchema>;
export const DEFAULT_NOTE_LANGUAGE: NoteLanguage = 'en';

type Catalogue = Record<string, { message: string } | undefined>;
const catalogues: Record<NoteLanguage, Catalogue> = { en, fr };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The catalogue's words for one language, with {name} placeholders filled in (as `t` does for the UI). */
export function translator(language: NoteLanguage): Translate {
  return (key, values = {}) => {
    // A job journaled before notes had a language reads as English.
    const message = (catalogues[language] ?? catalogues.en)[key]?.message ?? catalogues.en[key]?.message ?? key;
    return message
      .replace(/\$\$/g, '$')
      .replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
}
