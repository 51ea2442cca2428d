import { browser } from 'wxt/browser';
import type { Backend } from './handlers';
import { dispatch } from './dispatch';
import { LEVER_APP_HOSTS } from '../services/environments';
import { ApiError } from '../services/http/errors';
import { CONTENT_SCRIPT_MESSAGES, inputSchemas, onMessage, type MessageName } from './channel';
import { fail } from './result';

interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** Who may send what: extension pages anything, a Lever page only the candidate messages. */
export function senderAllowed(
  name: MessageName,
  sender: Sender,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== extensionId) return false;
  if (sender.url?.startsWith(extensionOrigin)) return true;
  if (!CONTENT_SCRIPT_MESSAGES.has(name) || !sender.url) return false;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'https:' && LEVER_APP_HOSTS.includes(url.host);
  } catch {
    return false;
  }
}

/**
 * Messaging, in the background: every handler wired to its message (at once, so a worker woken
 * by a message finds it), answering once the sender is known to be allowed to send it and not
 * before `ready` (stored data moved to where this version keeps it).
 */
export function setupMessaging(backend: Backend, ready: Promise<unknown>): void {
  const extensionOrigin = browser.runtime.getURL('/');
  for (const name of Object.keys(inputSchemas) as MessageName[]) {
    onMessage(name, async (message) => {
      const sender = message.sender as Sender;
      if (!senderAllowed(name, sender, browser.runtime.id, extensionOrigin)) {
        return fail(new ApiError({ kind: 'permission', detail: 'sender' })) as never;
      }
      await ready;
      return (await dispatch(backend, name, message.data, { tabId: sender.tab?.id, url: sender.url })) as never;
    });
  }
}
