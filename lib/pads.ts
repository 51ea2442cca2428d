import { CODERPAD_PAD_HOSTS } from './environments';
import { ApiError } from './http/errors';

/** A CoderPad pad link (https://coderpad.io/<id>), or undefined for anything else. */
export function padIdFromUrl(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !CODERPAD_PAD_HOSTS.includes(url.hostname) || url.port !== '') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  const match = /^\/([A-Za-z0-9]{4,32})\/?$/.exec(url.pathname);
  return match?.[1];
}

/** Only https links on CoderPad's hosts are ever shown or opened as pad links. */
export function isPadUrl(link: string): boolean {
  return padIdFromUrl(link) !== undefined;
}

/**
 * The pad's own link, or an `unexpected_link` error: a pad URL must be https on CoderPad's
 * host with the pad's own id, and nothing else becomes a link or a Lever write.
 */
export function trustedPadUrl(pad: { id: string; url?: string | null }): string {
  const url = pad.url ?? '';
  if (padIdFromUrl(url) !== pad.id) {
    throw new ApiError({ kind: 'unexpected_link', service: 'coderpad', detail: url.slice(0, 80) });
  }
  return url;
}

/** The pad's own playback link (https://coderpad.io/<id>/playback), or an `unexpected_link` error. */
export function trustedPlaybackUrl(padId: string, playback: string): string {
  let url: URL | undefined;
  try {
    url = new URL(playback);
  } catch {
    url = undefined;
  }
  const ok =
    url?.protocol === 'https:' &&
    CODERPAD_PAD_HOSTS.includes(url.hostname) &&
    url.port === '' &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash &&
    url.pathname === `/${padId}/playback`;
  if (!ok) throw new ApiError({ kind: 'unexpected_link', service: 'coderpad', detail: playback.slice(0, 80) });
  return playback;
}
