// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MouseEvent } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CandidateApi } from '../../components/candidate/api';
import { CandidateWidget, isTrustedClick } from '../../components/candidate/CandidateWidget';
import type { Backend } from '../../lib/backend';
import { dispatch } from '../../lib/messaging/dispatch';
import * as store from '../../lib/storage/items';
import type { Job } from '../../lib/pad-job/job';
import { opportunities } from '../../sandbox/seed';
import { connectedBackend, leverPage, makePad } from '../support/backend';
import { withSandbox } from '../support/sandbox';
import { renderPage } from '../support/ui';

const env = withSandbox();
afterEach(cleanup);

const HOST = 'hire.lever.co';
const idOf = (name: string) => opportunities.find((o) => o.name === name)?.id ?? '';

/** The widget's calls go to the real backend; pushed job updates come from its notify hook. */
function apiFor(backend: Backend, listeners: Set<(job: Job) => void>, pageId: string): CandidateApi {
  const call = (name: Parameters<typeof dispatch>[1]) => (input?: unknown) =>
    dispatch(backend, name, input, leverPage(pageId, HOST, 7)) as never;
  return {
    prepareCandidate: call('prepareCandidate'),
    startJob: call('startJob'),
    listInterviewers: call('listInterviewers'),
    retryJob: call('retryJob'),
    endPad: call('endPad'),
    getJob: call('getJob'),
    openOptions: call('openOptions'),
    onJobUpdated: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Testing Library's clicks are synthetic (isTrusted is false), like a page script's: the widget
 * gets a guard that lets them through here, and the real guard has its own test below.
 */
const everyClick = () => true;

async function setup(
  name = 'Ada Lovelace',
  configs?: Parameters<typeof connectedBackend>[1],
  trusted: (event: MouseEvent) => boolean = everyClick,
  openAtStart = false,
) {
  const listeners = new Set<(job: Job) => void>();
  const shortcutListeners = new Set<() => void>();
  // The backend's pushes reach the widget, as the service worker's tabs.sendMessage does.
  const { backend, configurations } = await connectedBackend(env.sandbox, configs, (job) => {
    for (const listener of listeners) listener(job);
  });
  const user = userEvent.setup();
  renderPage(
    <CandidateWidget
      opportunityId={idOf(name)}
      appHost={HOST}
      api={{
        ...apiFor(backend, listeners, idOf(name)),
        onShortcut: (listener) => {
          shortcutListeners.add(listener);
          return () => shortcutListeners.delete(listener);
        },
      }}
      trusted={trusted}
      openAtStart={openAtStart}
    />,
  );
  /** The keyboard shortcut pressed, as the background pushes it to the tab. */
  const pressShortcut = () => {
    for (const listener of shortcutListeners) listener();
  };
  return { user, backend, configurations, pressShortcut };
}

describe('candidate widget', () => {
  it('goes from the button to the menu, the confirmation, the progress and the pad link', async () => {
    const { user } = await setup();
    const button = screen.getByRole('button', { name: 'Create CoderPad pad' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    await user.click(button);
    const menu = await screen.findByRole('menu', { name: 'PadBridge configurations' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((m) => m.textContent),
    ).toEqual(['CP Live', 'CP Take-home']);
    await user.click(within(menu).getByRole('menuitem', { name: 'CP Live' }));

    expect(screen.getByText(/Add the tag “CP Live” to Ada Lovelace, move them to “Technical interview”/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));

    const link = await screen.findByRole('link', { name: /pad for Ada Lovelace$/i }, { timeout: 10_000 });
    expect(link.getAttribute('href')).toMatch(/^https:\/\/coderpad\.io\/\w+$/);
    expect(link.getAttribute('target')).toBe('_blank');
    await screen.findByText('Lever is up to date: tag, stage, link and note.', undefined, { timeout: 10_000 });
    const email = screen.getByRole('button', { name: 'Email candidate' });
    expect(email.getAttribute('data-mailto')).toMatch(
      /^mailto:ada%40lovelace\.example\?subject=Your%20CoderPad%20interview/,
    );
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
  });

  it('names an interviewer in the confirmation: the pad ready offers an e-mail to them too', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    const interviewer = screen.getByRole('combobox', { name: 'Interviewer' });
    // Lever's users are read while the confirmation shows; creating never waits for them.
    expect(screen.getByRole('button', { name: 'Yes, create' })).toHaveProperty('disabled', false);
    await waitFor(() => expect(interviewer).toHaveProperty('disabled', false));
    expect(
      within(interviewer)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'No interviewer',
      'Jules Martin (jules.martin@acme.example)',
      'Maya Okafor (maya.okafor@acme.example)',
      'Priya Raman (priya.raman@acme.example)',
    ]);
    await user.selectOptions(interviewer, 'Maya Okafor (maya.okafor@acme.example)');
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));

    const email = await screen.findByRole('button', { name: 'Email interviewer' }, { timeout: 10_000 });
    expect(email.getAttribute('data-mailto')).toMatch(
      /^mailto:maya\.okafor%40acme\.example\?subject=CoderPad%20pad%20for%20Ada%20Lovelace/,
    );
    expect(screen.getByRole('button', { name: 'Email candidate' })).toBeTruthy();
    const note = await waitFor(() => {
      const written = Object.values(env.sandbox.state.notes)
        .flat()
        .find((n) => n.value.includes('PadBridge ref'));
      if (!written) throw new Error('no note yet');
      return written;
    });
    expect(note.value).toContain('Interviewer: Maya Okafor');
  });

  it('says why Lever’s users could not be read, and creates the pad without an interviewer', async () => {
    const { user } = await setup();
    env.sandbox.fault({ service: 'lever', pathIncludes: '/users', status: 403, count: 10 });
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    await screen.findByText(
      /^Lever's users could not be read \(.+\)\. The pad can be created without an interviewer\.$/,
    );
    expect(screen.getByRole('combobox', { name: 'Interviewer' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));
    await screen.findByText('Lever is up to date: tag, stage, link and note.', undefined, { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: 'Email interviewer' })).toBeNull();
  });

  it('goes back to the menu on Cancel without changing anything', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Take-home' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByRole('menu');
    expect(env.sandbox.state.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('alerts on an archived candidate and writes nothing', async () => {
    const { user } = await setup('Linus Torvalds');
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    const menuAlert = await screen.findByRole('alert');
    expect(menuAlert.textContent).toMatch(/archived/);
    await user.click(screen.getByRole('menuitem', { name: 'CP Live' }));
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));
    await waitFor(() =>
      expect(screen.getAllByRole('alert').some((a) => /nothing was changed/.test(a.textContent ?? ''))).toBe(true),
    );
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(env.sandbox.state.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('disables Email candidate with the reason when Lever has no address', async () => {
    const { user } = await setup('Katherine Johnson');
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));
    const email = await screen.findByRole('button', { name: 'Email candidate' }, { timeout: 10_000 });
    expect((email as HTMLButtonElement).disabled).toBe(true);
    const reason = document.getElementById(email.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toBe('This candidate has no e-mail address in Lever.');
  });

  it('shows the existing CoderPad link with Create another', async () => {
    const { user } = await setup('Dennis Ritchie');
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    expect(screen.getByText('Dennis Ritchie already has a CoderPad link in Lever.')).toBeTruthy();
    expect(screen.getByRole('link', { name: /pad for Dennis Ritchie$/i }).getAttribute('href')).toBe(
      'https://coderpad.io/OLDPAD1',
    );
    await user.click(screen.getByRole('button', { name: 'Create another' }));
    // A second pad is confirmed as the first was, an interviewer offered.
    expect(env.sandbox.state.pads).toHaveLength(0);
    expect(screen.getByRole('combobox', { name: 'Interviewer' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));
    await screen.findByText('Lever is up to date: tag, stage, link and note.', undefined, { timeout: 10_000 });
    expect(env.sandbox.state.pads).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /End pad/ })).toBeNull();
  });

  it('says, as a status, that the candidate has a pad when one was made while the confirmation was open', async () => {
    const { user, backend, configurations } = await setup();
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    const yes = screen.getByRole('button', { name: 'Yes, create' });
    // Meanwhile another tab (or this browser's auto mode) makes the pad.
    const live = configurations.find((c) => c.tag === 'CP Live');
    await makePad(backend, idOf('Ada Lovelace'), live?.id ?? '');
    await user.click(yes);
    // A screen reader hears the answer to "Yes, create", as it hears "Lever is up to date".
    await waitFor(() =>
      expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain(
        'Ada Lovelace already has a pad for “CP Live”.',
      ),
    );
    expect(env.sandbox.state.pads).toHaveLength(1);
  });

  it('ends the pad PadBridge made, from the view of the pad the candidate already has, after a confirmation', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));
    await screen.findByText('Lever is up to date: tag, stage, link and note.', undefined, { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: 'Back to configurations' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    // The menu's reading of the candidate may predate the pad: the click then learns of it.
    const yes = screen.queryByRole('button', { name: 'Yes, create' });
    if (yes) await user.click(yes);
    await screen.findByText('Ada Lovelace already has a pad for “CP Live”.');
    // A CoderPad link in Lever PadBridge did not make offers nothing to end (the test above).
    const opener = screen.getByRole('button', { name: 'End pad for Ada Lovelace' });
    await user.click(opener);
    const question = screen.getByRole('group', { name: /End the pad for Ada Lovelace\?/ });
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    const padWrites = () => env.sandbox.state.requests.filter((r) => r.method === 'PUT' && r.path.includes('/pads/'));
    expect(padWrites()).toHaveLength(0);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'End pad for Ada Lovelace' }));
    await user.click(screen.getByRole('button', { name: 'End pad for Ada Lovelace' }));
    const confirm = screen.getByRole('button', { name: 'End pad' });
    expect(document.activeElement).toBe(confirm);
    await user.click(confirm);
    await screen.findByText('The pad has ended. Its summary note goes to Lever.');
    expect(env.sandbox.state.pads[0]?.state).toBe('ended');
  });

  it('says what failed and what is done, and Retry finishes the job', async () => {
    const { user } = await setup();
    env.sandbox.fault({ service: 'lever', method: 'POST', pathIncludes: '/notes', status: 500, count: 1 });
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));
    const alert = await screen.findByRole('alert', undefined, { timeout: 10_000 });
    expect(alert.textContent).toMatch(/Writing the note in Lever failed/);
    expect(alert.textContent).toMatch(/Already done: pad created, tag added, stage changed, link added/);
    // The pad is usable although Lever is not fully updated.
    expect(screen.getByRole('link', { name: /pad for Ada Lovelace$/i })).toBeTruthy();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByText('Lever is up to date: tag, stage, link and note.', undefined, { timeout: 10_000 });
    expect(env.sandbox.state.notes[idOf('Ada Lovelace')]).toHaveLength(1);
  });

  it('ignores clicks a page script makes: nothing is created', async () => {
    // The widget's own guard, as the content script mounts it.
    const { user } = await setup('Ada Lovelace', undefined, isTrustedClick);
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));
    screen.getByRole('button', { name: 'Yes, create' }).click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(screen.getByRole('button', { name: 'Yes, create' })).toBeTruthy();
    expect(env.sandbox.state.pads).toHaveLength(0);
    expect(env.sandbox.state.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('offers Create anyway from the first moment a pad request’s outcome is uncertain, and Keep looking after the search', async () => {
    const { user } = await setup();
    env.sandbox.fault({ service: 'coderpad', method: 'POST', pathIncludes: '/api/pads', status: 502 });
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));
    // At once: what is happening, for how long at most, and the way out with its risk in words.
    const status = await screen.findByText(/Checking its pad list .*: at most \d+ s\./, undefined, { timeout: 10_000 });
    expect(status.closest('[role="status"]')).toBeTruthy();
    const early = screen.getByRole('button', { name: 'Create anyway' });
    const risk = document.getElementById(early.getAttribute('aria-describedby') ?? '');
    expect(risk?.textContent).toMatch(/the candidate will have two pads/);
    // Left alone, the search ends (the tests' window is two seconds) and the choice stays.
    const alert = await waitFor(
      () => {
        const found = screen.getByRole('alert');
        expect(found.textContent).toMatch(/could not confirm whether it was made/);
        return found;
      },
      { timeout: 10_000 },
    );
    expect(env.sandbox.state.requests.filter((r) => r.method === 'POST' && r.path === '/api/pads')).toHaveLength(1);
    await user.click(within(alert).getByRole('button', { name: 'Keep looking' }));
    await screen.findByText(/Checking its pad list/, undefined, { timeout: 10_000 });
    // Create anyway while it looks again: the search stops and the pad is made.
    await user.click(screen.getByRole('button', { name: 'Create anyway' }));
    await screen.findByText('Lever is up to date: tag, stage, link and note.', undefined, { timeout: 10_000 });
    expect(env.sandbox.state.pads).toHaveLength(1);
    expect(env.sandbox.state.requests.filter((r) => r.method === 'POST' && r.path === '/api/pads')).toHaveLength(2);
  });

  it('reads the person’s other applications only when asked, saying so while it reads, then lets the recruiter pick', async () => {
    const listeners = new Set<(job: Job) => void>();
    const { backend } = await connectedBackend(env.sandbox);
    const ada = idOf('Ada Lovelace');
    const api = apiFor(backend, listeners, ada);
    // The read of the person's applications is held until the test lets it go.
    let release = () => {};
    const held = new Promise<void>((done) => {
      release = done;
    });
    const asked: unknown[] = [];
    const prepare = api.prepareCandidate;
    api.prepareCandidate = async (input) => {
      asked.push(input.withApplications ?? false);
      if (input.withApplications) await held;
      return prepare(input);
    };
    const user = userEvent.setup();
    renderPage(<CandidateWidget opportunityId={ada} appHost={HOST} api={api} trusted={everyClick} />);
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await screen.findByRole('menu');
    expect(screen.queryByRole('radiogroup')).toBeNull();
    expect(env.sandbox.state.requests.filter((r) => r.query.contact_id !== undefined)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Other applications' }));
    const reading = await screen.findByRole('button', { name: 'Reading this person’s applications…' });
    expect(reading.getAttribute('aria-busy')).toBe('true');
    // The menu stays usable meanwhile.
    expect(screen.getByRole('menuitem', { name: 'CP Live' })).toBeTruthy();
    await act(async () => release());
    const group = await screen.findByRole('radiogroup', { name: 'Application' });
    expect(within(group).getAllByRole('radio')).toHaveLength(2);
    const own = within(group).getByRole('radio', { name: /^Senior Backend Engineer/ });
    // Focus follows into the list once it is drawn.
    await waitFor(() => expect(document.activeElement).toBe(own));
    expect(screen.queryByRole('button', { name: 'Other applications' })).toBeNull();
    expect(asked).toEqual([false, true]);
  });

  it('says when the person has no other open application', async () => {
    const { user } = await setup('Grace Hopper');
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('button', { name: 'Other applications' }));
    await screen.findByText('This person has no other open application.');
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });

  it('sends to settings when PadBridge has no configurations', async () => {
    const { user } = await setup('Ada Lovelace', []);
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    expect(await screen.findByText(/No configurations yet/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open settings' })).toBeTruthy();
  });

  it('points to settings when the Lever key was revoked mid-way', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    const connection = await store.leverConnection.get();
    if (!connection) throw new Error('not connected');
    await store.leverConnection.set({ ...connection, apiKey: 'revoked-key' });
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));
    const alert = await screen.findByRole('alert', undefined, { timeout: 10_000 });
    expect(alert.textContent).toMatch(/Lever refused the API key/);
    expect(within(alert).getByRole('button', { name: 'Open settings' })).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('opens its menu with focus inside when the keyboard shortcut is pressed; Escape closes it and gives focus back', async () => {
    const { user, pressShortcut } = await setup();
    act(() => pressShortcut());
    const menu = await screen.findByRole('menu', { name: 'PadBridge configurations' });
    await waitFor(() => expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'CP Live' })));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    // Pressed again with the panel open and focus elsewhere: focus goes back into the menu.
    act(() => pressShortcut());
    await screen.findByRole('menu');
    (document.activeElement as HTMLElement | null)?.blur();
    act(() => pressShortcut());
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('menuitem'));
  });

  it('appears with its menu open and focus inside when the page’s button was used before the widget’s code ran', async () => {
    await setup('Ada Lovelace', undefined, everyClick, true);
    const menu = await screen.findByRole('menu', { name: 'PadBridge configurations' });
    await waitFor(() => expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'CP Live' })));
    expect(screen.getByRole('button', { name: 'Create CoderPad pad' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('closes with Escape, gives focus back, and reopens on the job it was showing', async () => {
    const { user } = await setup();
    const button = screen.getByRole('button', { name: 'Create CoderPad pad' });
    await user.click(button);
    await screen.findByRole('menu');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    await user.click(button);
    await user.click(await screen.findByRole('menuitem', { name: 'CP Live' }));
    await user.click(screen.getByRole('button', { name: 'Yes, create' }));
    await screen.findByRole('status');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(button);
    await screen.findByText('Lever is up to date: tag, stage, link and note.', undefined, { timeout: 10_000 });
    expect(screen.getByRole('link', { name: /pad for Ada Lovelace$/i })).toBeTruthy();
  });
});
