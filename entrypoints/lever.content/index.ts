import { defineContentScript } from 'wxt/utils/define-content-script';
import { createLauncher } from '../../components/candidate/launcher';
import { keepPlaced } from '../../components/candidate/placement';
import { sendMessage } from '../../lib/messaging/channel';
import { onShortcut } from '../../lib/messaging/shortcut';
import { LEVER_APP_HOSTS } from '../../lib/services/environments';
import { candidatePageFromUrl } from '../../lib/services/lever/page-url';
// Inlined into the shadow root: no extension file is exposed to Lever's pages.
import styles from './style.css?inline';
import { createWidgetHost } from './host';

/*
 * Runs on every Lever page, so it holds only what draws the button (components/candidate/
 * launcher.ts); the widget's script (entrypoints/lever-widget.tsx) is run in this page's world
 * when the page is idle or the button is used.
 */
export default defineContentScript({
  // Lever is a single-page app: match the whole app host and find candidate pages ourselves.
  matches: LEVER_APP_HOSTS.map((host) => `https://${host}/*`),
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  // A newer copy of this script (after an update) stops this one through a DOM event; the
  // message WXT would also post to Lever's window for older copies reaches every listener Lever
  // has, and costs the start its structured clone.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const launcher = createLauncher({
      // The background answers a Result; a failed one (or no answer) means the script did not run.
      runWidgetScript: () =>
        sendMessage('loadWidget', undefined).then((result) => {
          if (!result.ok) throw new Error(result.error.kind);
        }),
      whenIdle: (callback) => ctx.requestIdleCallback(callback, { timeout: 2000 }),
    });
    ctx.onInvalidated(onShortcut(() => launcher.shortcut()));

    let shownFor: string | undefined;
    let removeShown: (() => void) | undefined;
    ctx.onInvalidated(() => {
      removeShown?.();
      removeShown = undefined;
    });

    function show(href: string) {
      const page = candidatePageFromUrl(href);
      const shown = page && `${page.pageId}?${page.applicationId ?? ''}`;
      if (shown === shownFor) return;
      shownFor = shown;
      removeShown?.();
      removeShown = undefined;
      if (!page || ctx.isInvalid) return;
      // Nothing of one candidate's widget survives into the next: each page draws its own.
      const { host, container } = createWidgetHost(styles);
      document.body.append(host);
      const unmount = launcher.show(container, {
        opportunityId: page.pageId,
        applicationId: page.applicationId,
        appHost: new URL(href).host,
      });
      const unplace = keepPlaced(host);
      removeShown = () => {
        unplace();
        unmount();
        host.remove();
      };
    }

    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      show(event.newUrl.href);
    });
    show(window.location.href);
  },
});
