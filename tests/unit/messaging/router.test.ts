import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../lib/backend';
import { dispatch } from '../../../lib/messaging/dispatch';
import { senderAllowed } from '../../../lib/messaging/router';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('who may ask the background what', () => {
  it('lets extension pages send anything', () => {
    expect(senderAllowed('connectLever', { id: ID, url: `${ORIGIN}options.html` }, ID, ORIGIN)).toBe(true);
  });

  it('lets a Lever page send only the candidate messages', () => {
    const lever = { id: ID, url: 'https://hire.lever.co/candidates/abc', tab: { id: 3 } };
    expect(senderAllowed('startJob', lever, ID, ORIGIN)).toBe(true);
    expect(senderAllowed('connectLever', lever, ID, ORIGIN)).toBe(false);
    expect(senderAllowed('listPadRecords', lever, ID, ORIGIN)).toBe(false);
    expect(senderAllowed('loadWidget', lever, ID, ORIGIN)).toBe(true);
  });

  it('runs the widget’s script in the tab of the Lever page that asks, and refuses a sender without a tab', async () => {
    const tabs: number[] = [];
    const backend = createBackend({ loadWidget: async (tabId) => void tabs.push(tabId) });
    const page = { url: 'https://hire.lever.co/candidates/abc', tabId: 7 };
    expect(await dispatch(backend, 'loadWidget', undefined, page)).toEqual({ ok: true, value: null });
    expect(tabs).toEqual([7]);
    const noTab = await dispatch(backend, 'loadWidget', undefined, { url: page.url });
    expect(noTab).toMatchObject({ ok: false, error: { kind: 'bad_request' } });
    expect(tabs).toEqual([7]);
  });

  it('refuses other extensions, other hosts and plain http', () => {
    expect(senderAllowed('startJob', { id: 'other', url: 'https://hire.lever.co/x' }, ID, ORIGIN)).toBe(false);
    expect(senderAllowed('startJob', { id: ID, url: 'https://evil.example/candidates/x' }, ID, ORIGIN)).toBe(false);
    expect(senderAllowed('startJob', { id: ID, url: 'http://hire.lever.co/candidates/x' }, ID, ORIGIN)).toBe(false);
  });

  it('answers malformed input with a bad_request Result, never a throw', async () => {
    const result = await dispatch(createBackend(), 'startJob', { opportunityId: 5 }, {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad_request' } });
  });
});
