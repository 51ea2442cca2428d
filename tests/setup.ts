import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../public/_locales/en/messages.json';

// The fake browser has no i18n; give it the English catalogue, as Chromium would.
const messages = en as Record<string, { message: string }>;

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = ((key: string) =>
    messages[key]?.message.replace(/\$\$/g, '$') ?? '') as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'en';
});
