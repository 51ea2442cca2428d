import frenchErrors from 'zod/v4/locales/fr.js';
import { uiLanguage } from './i18n';

/**
 * zod's own words for a value that does not read as expected, in the UI language (French, or
 * English): passed to a parse whose problems a person reads (a policy, an imported file).
 */
export const inUiLanguage = () => (uiLanguage().startsWith('fr') ? { error: frenchErrors().localeError } : undefined);
