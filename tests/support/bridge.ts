import type { Backend } from '../../lib/backend';
import { dispatch } from '../../lib/dispatch';
import type { MessageName } from '../../lib/protocol';

/**
 * In component tests the pages talk to the real backend in the same process: this stands in
 * for Chromium's message transport only (see vi.mock of lib/messaging in each file).
 */
export const bridge: { backend?: Backend } = {};

export function bridgedSendMessage(name: MessageName, data?: unknown): Promise<unknown> {
  if (!bridge.backend) throw new Error('no backend for this test');
  return dispatch(bridge.backend, name, data, {});
}
