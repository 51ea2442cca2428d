import type { browser } from 'wxt/browser';

/*
 * The extension API as scripts on Lever's pages (this content script and the widget's script)
 * see it: the browser's own `browser` namespace where it has one (Firefox, Chromium 144 and
 * later), else Chromium's `chrome`. The build gives it to those scripts in place of the promise
 * polyfill: what they call (the runtime's id and URLs, i18n; messages go through `chrome` in the
 * messaging library) answers the same in both. Imported as a CommonJS module, the polyfill made the
 * bundle copy every namespace of the browser's own `browser` object, which makes the browser build
 * each one: a few milliseconds of every Lever page's start. The extension's pages and worker keep it.
 */
const scope = globalThis as { browser?: { runtime?: { id?: string } }; chrome?: unknown };
const api = scope.browser?.runtime?.id ? scope.browser : scope.chrome;

export default api as typeof browser;
