import { CODERPAD_PAD_HOSTS } from './environments';

/** A CoderPad pad link (https://coderpad.io/<id>), or undefined for anything else. */
export function padIdFromUrl(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !CODERPAD_PAD_HOSTS.includes(url.hostname)) return undefined;
  const match = /^\/([A-Za-z0-9]{4,32})\/?$/.exec(url.pathname);
  return match?.[1];
}

/** Only https links on CoderPad's hosts are ever shown or opened as pad links. */
export function isPadUrl(link: string): boolean {
  return padIdFromUrl(link) !== undefined;
}
