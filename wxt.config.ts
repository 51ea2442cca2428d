import { defineConfig } from 'wxt';

// Host permissions: the three Lever API hosts and CoderPad's API. Nothing else.
const API_HOST_PERMISSIONS = [
  'https://api.lever.co/*',
  'https://api.eu.lever.co/*',
  'https://api.sandbox.lever.co/*',
  'https://app.coderpad.io/*',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms'],
    host_permissions: API_HOST_PERMISSIONS,
    action: { default_title: '__MSG_extActionTitle__' },
    // AbortSignal.any (116) and 30-second alarms (120).
    minimum_chrome_version: '120',
  },
});
