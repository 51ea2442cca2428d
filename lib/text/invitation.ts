import { t } from './i18n';
import { PAD_TYPES, type PadType } from '../services/coderpad/pad-type';

/** A mailto: link inviting the candidate to their pad, worded for the pad type, in the UI language. */
export function invitationMailto(input: {
  email: string;
  candidateName: string;
  padType: PadType;
  url: string;
}): string {
  const kind = PAD_TYPES[input.padType];
  const firstName = input.candidateName.split(/\s+/)[0] ?? input.candidateName;
  const subject = t(kind.emailSubject);
  const body = t(kind.emailBody, { candidate: firstName, url: input.url });
  return `mailto:${encodeURIComponent(input.email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
