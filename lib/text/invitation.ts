import { type MessageKey, t } from './i18n';
import { padTypeLabel } from './pad-type-label';
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

/**
 * A mailto: link telling the interviewer the pad is ready: the link, the candidate, the pad type
 * and the stage, in the words given (the notes' language: what PadBridge writes to the team).
 */
export function interviewerMailto(
  input: {
    email: string;
    interviewerName: string;
    candidateName: string;
    padType: PadType;
    stage: string;
    url: string;
  },
  words: (key: MessageKey, values?: Record<string, string | number>) => string,
): string {
  const values = {
    interviewer: input.interviewerName.split(/\s+/)[0] ?? input.interviewerName,
    candidate: input.candidateName,
    type: padTypeLabel(input.padType, words).toLowerCase(),
    stage: input.stage,
    url: input.url,
  };
  const subject = words('emailSubjectInterviewer', values);
  const body = words('emailBodyInterviewer', values);
  return `mailto:${encodeURIComponent(input.email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
