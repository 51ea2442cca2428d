import { PAD_TYPES, type PadType } from '../services/coderpad/pad-type';
import { type MessageKey, t } from './i18n';

/** "Live interview" or "Take-home test", in the UI language (or another, given its words). */
export const padTypeLabel = (type: PadType, words: (key: MessageKey) => string = t): string =>
  words(PAD_TYPES[type].label);
