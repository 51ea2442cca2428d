import type { PadType } from '../services/coderpad/schemas';
import { t } from './i18n';

/** "Live interview" or "Take-home test", in the UI language (or another, given its words). */
export const padTypeLabel = (type: PadType, words: (key: 'padTypeTakeHome' | 'padTypeLive') => string = t): string =>
  type === 'take_home' ? words('padTypeTakeHome') : words('padTypeLive');
