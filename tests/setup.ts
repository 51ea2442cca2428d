import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { beforeEach } from 'vitest';
import { closeDatabase } from '../lib/storage/db';
import { forgetServerClocks } from '../lib/services/http/server-clock';
import { clearBackgroundLanes } from '../lib/services/http/limiter';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../public/_locales/en/messages.json';

// The fake browser has no i18n; give it the English catalogue, as Chromium would.
const messages = en as Record<string, { message: string }>;

beforeEach(async () => {
  fakeBrowser.reset();
  // A fresh browser session: nothing learnt of the services' clocks.
  forgetServerClocks();
  // A fresh worker: every key's background lane at full rate.
  clearBackgroundLanes();
  // Each test starts from an empty database, as a fresh profile would.
  closeDatabase();
  await Dexie.delete('padbridge');
  fakeBrowser.i18n.getMessage = ((key: string) =>
    messages[key]?.message.replace(/\$\$/g, '$') ?? '') as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'en';
});
