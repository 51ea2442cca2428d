import { CODERPAD_PAD_HOSTS } from '../environments';
import { ApiError } from '../http/errors';

/** The path of a plain https link on CoderPad's hosts (no port, user, query or fragment), or undefined. */
function coderpadPath(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const plain = !url.port && !url.username && !url.password && !url.search && !url.hash;
  return url.protocol === 'https:' && CODERPAD_PAD_HOSTS.includes(url.hostname) && plain ? url.pathname : undefined;
}

/** A CoderPad pad link (https://coderpad.io/<id>), or undefined for anything else. */
export function padIdFromUrl(link: string): string | undefined {
  return /^\/([A-Za-z0-9]{4,32})\/?$/.exec(coderpadPath(link) ?? '')?.[1];
}

/**
 * The pad ids of the CoderPad pad links a text holds, each a whole word (an https link by the
 * rule of `padIdFromUrl`, punctuation around it aside): "prep at coderpad.io/docs" holds none,
 * "https://coderpad.io/ABC12345" does not hold ABC1234.
 */
export function padIdsInText(text: string): string[] {
  const ids: string[] = [];
  for (const word of text.split(/[\s<>"]+/)) {
    const id = padIdFromUrl(word.replace(/^[([{'‘]+/, '').replace(/[.,;:!?)\]}'’]+$/, ''));
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Only https links on CoderPad's hosts are ever shown or opened as pad links. */
export function isPadUrl(link: string): boolean {
  return padIdFromUrl(link) !== undefined;
}

const unexpected = (link: string) =>
  new ApiError({ kind: 'unexpected_link', service: 'coderpad', detail: link.slice(0, 80) });

/**
 * The pad's own link, or an `unexpected_link` error: a pad URL must be https on CoderPad's
 * host with the pad's own id, and nothing else becomes a link or a Lever write.
 */
export function trustedPadUrl(pad: { id: string; url?: string | null }): string {
  const url = pad.url ?? '';
  if (padIdFromUrl(url) !== pad.id) throw unexpected(url);
  return url;
}

/** The pad's own playback link (https://coderpad.io/<id>/playback), or an `unexpected_link` error. */
export function trustedPlaybackUrl(padId: string, playback: string): string {
  if (coderpadPath(playback) !== `/${padId}/playback`) throw unexpected(playback);
  return playback;
}
