// Before any schema is made: zod must not try eval (see the module).
import '../lib/services/zod-csp';
import { hydrateRoot } from 'react-dom/client';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { messagingApi } from '../components/candidate/api';
import { CandidateWidget } from '../components/candidate/CandidateWidget';
import { offerWidgetScript } from '../components/candidate/launcher';
import { subscribeToJobUpdates } from '../lib/messaging/job-updates';

/*
 * The candidate widget's script: run by the background in a Lever page's content-script world
 * when the page's button asks (entrypoints/lever.content), once per page. It offers the button
 * a way to mount the widget in its place.
 */
export default defineUnlistedScript(() => {
  const updates = subscribeToJobUpdates();
  offerWidgetScript({
    mount(container, { opportunityId, applicationId, appHost, openAtStart, onShortcut }) {
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
