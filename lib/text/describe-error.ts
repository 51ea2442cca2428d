import type { ErrorInfo } from '../services/http/errors';
import { t, type MessageKey } from './i18n';

const serviceName = (info: ErrorInfo) =>
  info.service === 'lever'
    ? t('serviceLever')
    : info.service === 'coderpad'
      ? t('serviceCoderPad')
      : t('serviceExtension');

/** A sentence a recruiter can act on, in the UI language, with the service's own words when it gave any. */
export function describeError(info: ErrorInfo): string {
  const detail = info.detail && info.detail in messageKeys ? t(info.detail as MessageKey) : info.detail;
  // A pad that could not be looked for at all: the reason is the whole sentence.
  if (info.kind === 'unconfirmed' && info.detail && info.detail in messageKeys) return t(info.detail as MessageKey);
  if (info.kind === 'wrong_environment') {
    return t('err_wrong_environment', { detail: info.detail ?? '' });
  }
  return t(`err_${info.kind}` as MessageKey, {
    service: serviceName(info),
    detail: detail ? ` (“${detail}”)` : '',
  });
}

// Details that are themselves message keys (validation problems sent back by the background).
const messageKeys: Record<string, true> = {
  errTagRequired: true,
  errTagDuplicate: true,
  errStageRequired: true,
  errStageUnknown: true,
  errQuestionRequiredTakeHome: true,
  errQuestionNotTakeHome: true,
  errQuestionUnknown: true,
  errTitleRequired: true,
  errTagTooLong: true,
  errTagCharacters: true,
  errTitleTooLong: true,
  errTagManaged: true,
  whatConfigurationsStored: true,
  unconfirmedOrganizationPads: true,
};
