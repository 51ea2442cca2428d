import { browser } from 'wxt/browser';
import { dispatch } from './dispatch';
import { LEVER_APP_HOSTS } from '../services/environments';
import { ApiError } from '../services/http/errors';
import { onMessage } from './channel';
import { type Handlers, type MessageName, messages, type ProtocolMap } from './protocol';
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
  if (!messages[name].fromLever || !sender.url) return false;
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
export function setupMessaging(backend: { handlers: Handlers }, ready: Promise<unknown>): void {
  const extensionOrigin = browser.runtime.getURL('/');
  const wire = <K extends MessageName>(name: K) =>
    onMessage(name, async (message) => {
      const sender = message.sender as Sender;
      // The channel's reply type for K is the table's Result<ReplyOf<K>>; TypeScript cannot see it through K.
      type Reply = Awaited<ReturnType<ProtocolMap[K]>>;
      if (!senderAllowed(name, sender, browser.runtime.id, extensionOrigin)) {
        return fail(new ApiError({ kind: 'permission', detail: 'sender' })) as Reply;
      }
      await ready;
      return (await dispatch(backend, name, message.data, { tabId: sender.tab?.id, url: sender.url })) as Reply;
    });
  for (const name of Object.keys(messages) as MessageName[]) wire(name);
}
