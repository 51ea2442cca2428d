// Before any schema is made: zod must not try eval (see the module).
import '../../lib/services/zod-csp';
import { createRoot, type Root } from 'react-dom/client';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { messagingApi } from '../../components/candidate/api';
import { CandidateWidget } from '../../components/candidate/CandidateWidget';
import { keepPlaced } from '../../components/candidate/placement';
import { candidatePageFromUrl } from '../../lib/services/lever/page-url';
import { subscribeToJobUpdates } from '../../lib/messaging/job-updates';
import { onShortcut } from '../../lib/messaging/shortcut';
import { LEVER_APP_HOSTS } from '../../lib/services/environments';
// Inlined into the shadow root: no extension file is exposed to Lever's pages.
import styles from './style.css?inline';

export default defineContentScript({
  // Lever is a single-page app: match the whole app host and find candidate pages ourselves.
  matches: LEVER_APP_HOSTS.map((host) => `https://${host}/*`),
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  async main(ctx) {
    const updates = subscribeToJobUpdates();
    ctx.onInvalidated(updates.stop);
    const api = messagingApi(updates.onJobUpdated, onShortcut);

    let ui: ShadowRootContentScriptUi<Root> | undefined;
    let shownFor: string | undefined;
    let unplace: (() => void) | undefined;
    ctx.onInvalidated(() => unplace?.());

    async function show(href: string) {
      const page = candidatePageFromUrl(href);
      const shown = page && `${page.pageId}?${page.applicationId ?? ''}`;
      if (shown === shownFor) return;
      shownFor = shown;
      unplace?.();
      unplace = undefined;
      ui?.remove();
      ui = undefined;
      if (!page || ctx.isInvalid) return;
      const appHost = new URL(href).host;
      const created = await createShadowRootUi(ctx, {
        name: 'padbridge-widget',
        position: 'inline',
        anchor: 'body',
        append: 'last',
        isolateEvents: true,
        css: styles,
        onMount(container) {
          const root = createRoot(container);
          // A new key per candidate: nothing of one candidate's UI survives into the next.
          root.render(
            <CandidateWidget
              key={shown}
              opportunityId={page.pageId}
              applicationId={page.applicationId}
              appHost={appHost}
              api={api}
            />,
          );
          return root;
        },
        onRemove(root) {
          root?.unmount();
        },
      });
      // Another navigation may have happened while the UI was being made.
      if (shownFor !== shown || ctx.isInvalid) return;
      ui = created;
      ui.mount();
      unplace = keepPlaced(created.shadowHost);
    }

    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      void show(event.newUrl.href);
    });
    await show(window.location.href);
  },
});
