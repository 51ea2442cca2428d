import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../lib/backend';
import { dispatch } from '../../../lib/messaging/dispatch';

describe('ids at the message boundary', () => {
  it('refuses ids that are not of their kind before any lookup', async () => {
    const backend = createBackend();
    for (const [name, data] of [
      ['getJob', { jobId: '__proto__' }],
      ['retryJob', { jobId: 'constructor' }],
      ['deleteConfiguration', { id: '__proto__' }],
      ['startJob', { opportunityId: '../stages', configurationId: crypto.randomUUID() }],
      ['refreshPadStatuses', { padIds: ['../../quota'] }],
    ] as const) {
      expect(await dispatch(backend, name, data, {}), name).toMatchObject({
        ok: false,
        error: { kind: 'bad_request' },
      });
    }
  });
});
