import { t } from './i18n';
import type { PadType } from '../services/coderpad/schemas';

/** A mailto: link inviting the candidate to their pad, worded for the pad type, in the UI language. */
export function invitationMailto(input: {
  email: string;
  candidateName: string;
  padType: PadType;
  url: string;
}): string {
  const live = input.padType === 'live';
  const firstName = input.candidateName.split(/\s+/)[0] ?? input.candidateName;
  const subject = live ? t('emailSubjectLive') : t('emailSubjectTakeHome');
  const body = t(live ? 'emailBodyLive' : 'emailBodyTakeHome', { candidate: firstName, url: input.url });
  return `mailto:${encodeURIComponent(input.email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
