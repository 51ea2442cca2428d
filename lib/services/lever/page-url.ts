import { LEVER_APP_HOSTS } from '../environments';

/**
 * The id a Lever candidate page is about, or undefined for any other page. Ids are opaque: the
 * segment after /candidates/ (an opportunity's id, or on older addresses a contact's or a legacy
 * candidate's, which the background resolves), unless the query names the application (`id` or
 * `opportunityId`), which then wins.
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
  const named = url.searchParams.get('opportunityId') ?? url.searchParams.get('id');
  if (named && /^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/.test(named)) return named;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
