// Before any schema is made: zod must not try eval (see the module).
import '../lib/services/zod-csp';
import { hydrateRoot } from 'react-dom/client';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { messagingApi } from '../components/candidate/api';
import { CandidateWidget } from '../components/candidate/CandidateWidget';
import { offerWidgetScript } from '../components/candidate/launcher';
import { subscribeToJobUpdates } from '../lib/messaging/job-updates';
// The widget's rules beyond the button's, which every page parses at start without them.
import widgetStyles from '../components/candidate/widget.css?inline';

const WIDGET_STYLE_ATTRIBUTE = 'data-padbridge-widget-style';

/** The widget's rules in the shadow root it renders in, once. */
function addWidgetStyle(container: HTMLElement): void {
  // The host's shadow root (compared by node type: a page's and a script's globals may differ).
  const root = container.getRootNode() as ShadowRoot;
  if (root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE || root.querySelector(`style[${WIDGET_STYLE_ATTRIBUTE}]`)) return;
  const style = document.createElement('style');
  style.setAttribute(WIDGET_STYLE_ATTRIBUTE, '');
  style.textContent = widgetStyles;
  root.append(style);
}

/*
 * The candidate widget's script: run by the background in a Lever page's content-script world
 * when the page's button asks (entrypoints/lever.content), once per page. It offers the button
 * a way to mount the widget in its place.
 */
export default defineUnlistedScript(() => {
  const updates = subscribeToJobUpdates();
  offerWidgetScript({
    mount(container, { opportunityId, applicationId, appHost, openAtStart, onShortcut }) {
      addWidgetStyle(container);
      // Hydrated: the button the content script drew becomes the widget's own.
      const root = hydrateRoot(
        container,
        <CandidateWidget
          opportunityId={opportunityId}
          applicationId={applicationId}
          appHost={appHost}
          api={messagingApi(updates.onJobUpdated, onShortcut)}
          openAtStart={openAtStart}
        />,
      );
      return () => root.unmount();
    },
  });
});
