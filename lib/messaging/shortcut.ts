import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from './channel';

/*
 * The keyboard shortcut (the manifest's command `open-widget`, suggested Alt+Shift+O, changeable
 * in the browser's shortcuts page): the background hears it and tells the tab; the candidate
 * page's widget opens its menu with focus inside. Both ends of the one push message.
 */

export const OPEN_WIDGET_COMMAND = 'open-widget';

/** Background: forwards the shortcut to the tab it was pressed in (nothing listens on other pages). */
export function setupShortcut(): void {
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== OPEN_WIDGET_COMMAND || tab?.id === undefined) return;
    sendMessage('openWidget', null, tab.id).catch(() => {});
  });
}

/** Content script: calls the listener each time the shortcut is pressed on this page; returns the unsubscribe. */
export function onShortcut(listener: () => void): () => void {
  return onMessage('openWidget', () => listener());
}

/** The shortcut as the browser reports it ('' when none is set, e.g. taken by another extension). */
export async function shortcutKeys(): Promise<string> {
  const commands = await browser.commands.getAll();
  return commands.find((c) => c.name === OPEN_WIDGET_COMMAND)?.shortcut ?? '';
}
