import { QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createQueryClient } from '../../utils/query';

// The pages talk to the real background, whose Lever requests wait their turn in the 10-a-second
// limiter: a wait for what the page shows next allows for that, however busy the machine is.
configure({ asyncUtilTimeout: 10_000 });

/** Renders a page's component as its entrypoint would: inside one QueryClient. */
export function renderPage(ui: ReactNode) {
  return render(<QueryClientProvider client={createQueryClient()}>{ui}</QueryClientProvider>);
}
