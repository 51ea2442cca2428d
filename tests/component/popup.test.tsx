// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../components/popup/PopupApp';
import { createBackend } from '../../lib/backend';
import { NO_SUMMARY, type PadRecord } from '../../lib/pads/records';
import { putRecord } from '../../lib/pads/record-table';
import { padRecord } from '../fixtures/seeded';
import { connectedBackend } from '../support/backend';
import { bridge, bridgedSendMessage } from '../support/bridge';
import { withSandbox } from '../support/sandbox';
import { renderPage } from '../support/ui';
import { everyRecord } from '../support/records';

vi.mock('../../lib/messaging/channel', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/messaging/channel')>()),
  sendMessage: (name: never, data: unknown) => bridgedSendMessage(name, data),
}));

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const env = withSandbox();

const record = (n: number, overrides: Partial<PadRecord> = {}) => padRecord(n, NOW, overrides);
const putRecords = async (records: PadRecord[]) => {
  for (const r of records) await putRecord(r);
};

/** A connected background and a pad CoderPad made for the seed's first candidate, as its record names it. */
async function padForAda() {
  const { backend } = await connectedBackend(env.sandbox, []);
  bridge.backend = backend;
  const created = await backend.coderpad().then((c) => c.createPad({ title: 'x', language: 'python' }));
  const ada = env.sandbox.state.opportunities[0];
  if (!ada) throw new Error('no candidate');
  const padOfAda = { padId: created.id, url: created.url, opportunityId: ada.id, createdAt: Date.now() };
  return { created, ada, padOfAda };
}

beforeEach(() => {
  bridge.backend = createBackend();
  bridge.unreachable = 0;
});
afterEach(cleanup);

describe('popup', () => {
  it('says how to make the first pad, and that PadBridge is not connected yet', async () => {
    renderPage(<PopupApp now={NOW} />);
    expect(screen.getByRole('heading', { name: 'Recent pads' })).toBeTruthy();
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(await screen.findByText(/No pads yet\. Open a candidate in Lever/)).toBeTruthy();
    expect(await screen.findByText(/not connected yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('href')).toMatch(/options\.html$/);
  });

  it('lists pads newest first with candidate, tag, type, time, status and links', async () => {
    await putRecords([record(3), record(1, { status: 'ended' }), record(2, { status: 'started' })]);
    renderPage(<PopupApp now={NOW} />);
    const list = await screen.findByRole('list', { name: 'Recent pads' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual(['Candidate 1', 'Candidate 2', 'Candidate 3']);
    const first = items[0] as HTMLElement;
    expect(first.textContent).toMatch(/CP Live · Live interview · 1 minute ago/);
    expect(within(first).getByText('Ended')).toBeTruthy();
    expect(within(items[1] as HTMLElement).getByText('In progress')).toBeTruthy();
    expect(
      within(first)
        .getByRole('link', { name: /pad for Candidate 1$/i })
        .getAttribute('href'),
    ).toBe('https://coderpad.io/PAD1');
    expect(within(first).getByRole('link', { name: 'Open in Lever' }).getAttribute('href')).toBe(
      'https://hire.lever.co/candidates/opp-1',
    );
    expect(within(first).getByText('1 minute ago').getAttribute('title')).toBeTruthy();
  });

  it('lists the newest twenty-five, and as many more on "Show more"', async () => {
    await putRecords(Array.from({ length: 30 }, (_, i) => record(i, { status: 'ended' })));
    const user = userEvent.setup();
    renderPage(<PopupApp now={NOW} />);
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(25));
    expect(screen.getAllByRole('listitem')[0]?.getAttribute('aria-label')).toBe('Candidate 0');
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(30));
    // Everything is listed: nothing more to show.
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('filters by candidate or tag, and says when nothing matches', async () => {
    await putRecords([record(1), record(2), record(12)]);
    const user = userEvent.setup();
    renderPage(<PopupApp now={NOW} />);
    const search = await screen.findByRole('searchbox', { name: 'Search pads' });
    await user.type(search, 'take-home');
    await waitFor(() =>
      expect(screen.getAllByRole('listitem').map((i) => i.getAttribute('aria-label'))).toEqual([
        'Candidate 2',
        'Candidate 12',
      ]),
    );
    await user.clear(search);
    await user.type(search, 'candidate 1');
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    await user.clear(search);
    await user.type(search, 'nobody');
    expect(await screen.findByText('No pad matches “nobody”.')).toBeTruthy();
  });

  it('never links a pad URL that is not CoderPad, and builds "Open in Lever" from the environment and id', async () => {
    await putRecords([
      record(1, { url: 'https://evil.example/PAD1', candidateUrl: 'javascript:alert(1)', environment: 'eu' }),
    ]);
    renderPage(<PopupApp now={NOW} />);
    const item = await screen.findByRole('listitem');
    expect(screen.queryByRole('link', { name: /pad for Candidate 1$/i })).toBeNull();
    expect(within(item).getByRole('link', { name: 'Open in Lever' }).getAttribute('href')).toBe(
      'https://hire.eu.lever.co/candidates/opp-1',
    );
  });

  it('says when the summary could not be written, and why', async () => {
    await putRecords([
      record(1, {
        status: 'ended',
        summary: {
          ...NO_SUMMARY,
          state: 'failed',
          attempts: 5,
          error: { kind: 'bad_key', service: 'lever', status: 401 },
        },
      }),
    ]);
    renderPage(<PopupApp now={NOW} />);
    const item = await screen.findByRole('listitem', { name: 'Candidate 1' });
    expect(within(item).getByText(/could not write the summary to Lever: Lever refused the API key/)).toBeTruthy();
  });

  it('shows an error with a retry when the background cannot be reached', async () => {
    await putRecords([record(1)]);
    bridge.unreachable = 2;
    const user = userEvent.setup();
    renderPage(<PopupApp now={NOW} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/PadBridge is not answering/);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('listitem', { name: 'Candidate 1' })).toBeTruthy();
  });

  it('tries a summary that could not be written again, when asked, and writes it once', async () => {
    const { created, ada, padOfAda } = await padForAda();
    env.sandbox.state.endPad(created.id);
    await putRecords([
      record(1, {
        ...padOfAda,
        status: 'ended',
        summary: {
          ...NO_SUMMARY,
          state: 'failed',
          attempts: 5,
          error: { kind: 'server', service: 'lever', status: 503 },
        },
      }),
    ]);
    const user = userEvent.setup();
    renderPage(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: 'Candidate 1' });
    await user.click(within(item).getByRole('button', { name: /^Try again/ }));
    await waitFor(() => expect(within(item).queryByText(/could not write the summary/)).toBeNull(), {
      timeout: 10_000,
    });
    expect(env.sandbox.state.notes[ada.id]).toHaveLength(1);
    expect((await everyRecord())[0]?.summary.state).toBe('written');
  });

  it('ends a pad from its row after a confirmation: CoderPad ends it, the row says Ended and the summary goes to Lever', async () => {
    const { created, ada, padOfAda } = await padForAda();
    await putRecords([record(1, { ...padOfAda, status: 'started' }), record(2, { status: 'ended' })]);
    const user = userEvent.setup();
    renderPage(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: 'Candidate 1' });
    // An ended pad offers nothing to end.
    expect(
      within(await screen.findByRole('listitem', { name: 'Candidate 2' })).queryByRole('button', { name: /End pad/ }),
    ).toBeNull();
    await user.click(within(item).getByRole('button', { name: 'End pad for Candidate 1' }));
    const question = within(item).getByRole('group', { name: /End the pad for Candidate 1\?/ });
    // Cancel leaves it as it was; nothing sent.
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(env.sandbox.state.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    expect(document.activeElement).toBe(within(item).getByRole('button', { name: 'End pad for Candidate 1' }));
    await user.click(within(item).getByRole('button', { name: 'End pad for Candidate 1' }));
    const confirm = within(item).getByRole('button', { name: 'End pad' });
    expect(document.activeElement).toBe(confirm);
    await user.click(confirm);
    await waitFor(() => expect(within(item).getByText('Ended')).toBeTruthy());
    expect(within(item).queryByRole('button', { name: /End pad/ })).toBeNull();
    expect(env.sandbox.state.pads.find((p) => p.id === created.id)?.state).toBe('ended');
    await waitFor(() => expect(env.sandbox.state.notes[ada.id]).toHaveLength(1));
  });

  it('shows the status CoderPad reports for the pads on screen', async () => {
    const { backend } = await connectedBackend(env.sandbox, []);
    bridge.backend = backend;
    const created = await backend.coderpad().then((c) => c.createPad({ title: 'x', language: 'python' }));
    env.sandbox.state.startPad(created.id);
    await putRecords([record(1, { padId: created.id, url: created.url, createdAt: Date.now() })]);
    renderPage(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: 'Candidate 1' });
    expect(await within(item).findByText('In progress')).toBeTruthy();
    expect((await everyRecord())[0]?.status).toBe('started');
  });
});
