import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '../lib/text/i18n';
import { createQueryClient } from '../utils/query';

/**
 * Mounts an extension page: title and language from the locale, one QueryClient. `prefetch` asks
 * the background its first questions before React renders.
 */
export function mountPage(titleKey: MessageKey, app: ReactNode, prefetch?: (client: QueryClient) => void): void {
  const client = createQueryClient();
  prefetch?.(client);
  document.title = t(titleKey);
  document.documentElement.lang = browser.i18n.getUILanguage();
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={client}>{app}</QueryClientProvider>
    </StrictMode>,
  );
}
