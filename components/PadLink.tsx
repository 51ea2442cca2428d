import { isPadUrl } from '../lib/services/coderpad/links';
import { t } from '../lib/text/i18n';
import { shortUrl } from '../utils/format';

/**
 * A pad's link as lists show it: its address without the scheme, named for the candidate it is
 * for. Only a CoderPad pad address is ever shown as a link; anything else shows nothing.
 */
export function PadLink({ url, candidate }: { url: string; candidate: string }) {
  if (!isPadUrl(url)) return null;
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={t('padLinkFor', { link: shortUrl(url), candidate })}
    >
      {shortUrl(url)}
    </a>
  );
}
