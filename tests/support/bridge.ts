import type { Backend } from '../../lib/backend';
import { dispatch } from '../../lib/messaging/dispatch';
import type { MessageName } from '../../lib/messaging/protocol';

/**
 * In component tests the pages talk to the real backend in the same process: this stands in
 * for Chromium's message transport only (see vi.mock of lib/messaging in each file).
 */
export const bridge: { backend?: Backend; unreachable?: number } = {};

export async function bridgedSendMessage(name: MessageName, data?: unknown): Promise<unknown> {
  if (!bridge.backend) throw new Error('no backend for this test');
  // What Chromium answers while the background cannot be reached.
  if (bridge.unreachable) {
    bridge.unreachable -= 1;
    throw new Error('Could not establish connection. Receiving end does not exist.');
  }
  // Content-script messages come from the Lever page the test shows; the others from an extension page.
  const opportunityId = (data as { opportunityId?: string } | undefined)?.opportunityId;
  return dispatch(bridge.backend, name, data, {
    url: opportunityId ? `https://hire.lever.co/candidates/${opportunityId}` : undefined,
  });
}
