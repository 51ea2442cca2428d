import { LEVER_APP_HOSTS } from '../environments';

/** What a Lever candidate page's address names. */
export interface CandidatePage {
  /**
   * The segment after /candidates/: an opportunity's id, or on older addresses a contact's or a
   * legacy candidate's, which the background resolves. Ids are opaque.
   */
  pageId: string;
  /**
   * The application the query names (`opportunityId`, else `id`), when it names one: the
   * background uses it only if it is one of the page's person's own applications.
   */
  applicationId?: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/;

/** The candidate a Lever page is about, or undefined for any other page. */
export function candidatePageFromUrl(href: string): CandidatePage | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !LEVER_APP_HOSTS.includes(url.host)) return undefined;
  const match = /^\/candidates\/([^/]+)/.exec(url.pathname);
  if (!match?.[1]) return undefined;
  let pageId: string;
  try {
    pageId = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  const named = url.searchParams.get('opportunityId') ?? url.searchParams.get('id');
  return named && ID.test(named) && named !== pageId ? { pageId, applicationId: named } : { pageId };
}
