import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, expect, it, vi } from 'vitest';
import { onShortcut, setupShortcut, shortcutKeys } from '../../../lib/messaging/shortcut';

/*
 * The keyboard shortcut's path: the browser's command event in the background, a push to the tab
 * it was pressed in, the candidate page's listener. The browser's commands API is the platform's:
 * the fake browser does not provide it, so this test gives it one event and one reading.
 */

type CommandListener = (command: string, tab?: { id?: number }) => void;
const commandListeners: CommandListener[] = [];
const commands = fakeBrowser.commands as unknown as Record<string, unknown>;
const original = { onCommand: commands.onCommand, getAll: commands.getAll };

afterEach(() => {
  Object.assign(commands, original);
  commandListeners.length = 0;
});

it('sends the open-widget shortcut to the tab it was pressed in, where the page hears it', async () => {
  commands.onCommand = { addListener: (listener: CommandListener) => commandListeners.push(listener) };
  const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
  setupShortcut();
  for (const listener of commandListeners) listener('something-else', { id: 4 });
  for (const listener of commandListeners) listener('open-widget', {});
  expect(sent).not.toHaveBeenCalled();
  for (const listener of commandListeners) listener('open-widget', { id: 4 });
  await vi.waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
  expect(sent.mock.calls[0]?.slice(0, 2)).toEqual([4, expect.objectContaining({ type: 'openWidget' })]);
  // The page's side: the one push message's listener (the widget's reaction has its component test).
  const heard = vi.fn();
  const stop = onShortcut(heard);
  await fakeBrowser.runtime.onMessage.trigger({ id: 1, type: 'openWidget', data: null, timestamp: 0 }, {}, () => {});
  expect(heard).toHaveBeenCalledTimes(1);
  stop();
});

it('names the shortcut as the browser reports it, or none when it is not set', async () => {
  commands.getAll = async () => [{ name: 'open-widget', shortcut: 'Alt+Shift+O' }];
  expect(await shortcutKeys()).toBe('Alt+Shift+O');
  commands.getAll = async () => [{ name: 'open-widget', shortcut: '' }];
  expect(await shortcutKeys()).toBe('');
});
