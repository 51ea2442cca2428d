import type { PadType } from '../services/coderpad/schemas';
import { t } from './i18n';

/** "Live interview" or "Take-home test", in the UI language. */
export const padTypeLabel = (type: PadType): string => (type === 'take_home' ? t('padTypeTakeHome') : t('padTypeLive'));
