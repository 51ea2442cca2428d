import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { LEVER_APP_HOSTS } from './lib/services/environments';

// Host permissions: the three Lever API hosts and CoderPad's API; and Lever's app hosts, where the
// content script already runs, so that the background may run the widget's script there (Chrome
// asks for the host itself, not only the content script's match). Nothing else.
const HOST_PERMISSIONS = [
  'https://api.lever.co/*',
  'https://api.eu.lever.co/*',
  'https://api.sandbox.lever.co/*',
  'https://app.coderpad.io/*',
  ...LEVER_APP_HOSTS.map((host) => `https://${host}/*`),
];

/**
 * The widget's script runs on Lever pages, so its size and start-up count: its build renders the
 * same React components with Preact's React-compatible build (about 10 KB instead of React DOM's
 * 60). The extension's own pages keep React.
 */
const PREACT_FOR_REACT = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
];

export default defineConfig({
  hooks: {
    'vite:build:extendConfig'(entrypoints, config) {
      const onLeverPages = (entrypoint: { type: string; name: string }) =>
        entrypoint.type === 'content-script' || entrypoint.name === 'lever-widget';
      if (!entrypoints.some(onLeverPages)) return;
      const existing = config.resolve?.alias;
      const aliases = Array.isArray(existing)
        ? existing
        : Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement }));
      // The browser's own extension API instead of the promise polyfill (see the module).
      const nativeBrowser = {
        find: /^webextension-polyfill$/,
        replacement: resolve(import.meta.dirname, 'entrypoints/lever.content/native-browser.ts'),
      };
      config.resolve = { ...config.resolve, alias: [...PREACT_FOR_REACT, nativeBrowser, ...aliases] };
    },
  },
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // The sources zip (Firefox's review) holds what builds the package, not what tests leave behind.
  zip: { excludeSources: ['test-results/**', 'demo-screenshots/**'] },
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: the candidate page's widget script, run in the page's tab when its button asks.
    permissions: ['storage', 'alarms', 'scripting'],
    // Asked for only when a recruiter turns auto mode on, to sum up the pads it made.
    optional_permissions: ['notifications'],
    host_permissions: HOST_PERMISSIONS,
    // What an organisation's policy may set (Chrome and Edge read it; Firefox takes the same values
    // from policies.json's "3rdparty" section without a schema).
    ...(browser !== 'firefox' && { storage: { managed_schema: 'managed_schema.json' } }),
    action: { default_title: '__MSG_extActionTitle__' },
    // Opens the widget's menu on a candidate page (changeable in the browser's shortcuts page).
    // Alt+Shift+O: Chromium keeps Alt+Shift+P for itself and would leave the command without keys.
    commands: {
      'open-widget': { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_commandOpenWidget__' },
    },
    // AbortSignal.any (116) and 30-second alarms (120).
    minimum_chrome_version: '120',
    // Firefox: its id, and what PadBridge sends out (candidate names and e-mails go to the Lever and
    // CoderPad accounts the user connects; nothing goes to PadBridge's makers). data_collection_permissions
    // is read from Firefox 140 (the current ESR) and Firefox for Android 142.
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'padbridge-for-lever@padbridge.dev',
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['personallyIdentifyingInfo', 'websiteContent'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
