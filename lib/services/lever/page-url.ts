import { LEVER_APP_HOSTS } from '../environments';

/**
 * The opportunity id of a Lever candidate page, or undefined for any other page.
 * Ids are opaque: the segment after /candidates/, whatever follows it.
 */
export function candidateIdFromUrl(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !LEVER_APP_HOSTS.includes(url.host)) return undefined;
  const match = /^\/candidates\/([^/]+)/.exec(url.pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
