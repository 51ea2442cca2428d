// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp } from '../../components/options/OptionsApp';
import { useOptionsUi } from '../../components/options/ui-state';
import { PopupApp } from '../../components/popup/PopupApp';
import { type ActivityEntry, NO_AUTO_STATE } from '../../lib/auto-mode/state-schema';
import { activityLog, autoModes, autoState } from '../../lib/auto-mode/items';
import { opportunities } from '../../sandbox/seed';
import { connectedBackend, LIVE } from '../support/backend';
import { bridge, bridgedSendMessage } from '../support/bridge';
import { withSandbox } from '../support/sandbox';
import { renderPage } from '../support/ui';

vi.mock('../../lib/messaging/channel', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/messaging/channel')>()),
  sendMessage: (name: never, data: unknown) => bridgedSendMessage(name, data),
}));

const env = withSandbox();
const dennis = opportunities.find((o) => o.name === 'Dennis Ritchie');
if (!dennis) throw new Error('the seed has Dennis');

beforeEach(() => {
  useOptionsUi.setState({ editing: null, lastDeleted: null });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function connected() {
  const made = await connectedBackend(env.sandbox, [LIVE]);
  bridge.backend = made.backend;
  const config = made.configurations[0];
  if (!config) throw new Error('no configuration');
  return { ...made, config };
}

const entry = (n: number, overrides: Partial<ActivityEntry> = {}): ActivityEntry => ({
  id: `entry-${n}`,
  at: Date.now() - n * 60_000,
  environment: 'production',
  opportunityId: `opp-${n}`,
  candidateName: `Candidate ${n}`,
  candidateUrl: `https://hire.lever.co/candidates/opp-${n}`,
  configurationId: 'config',
  tag: LIVE.tag,
  result: 'created',
  padUrl: `https://coderpad.io/PAD${n}`,
  error: null,
  ...overrides,
});

describe('auto mode in the options page', () => {
  it('is off by default, is turned on in the configuration’s form (asking for notifications then), and shows on the configuration', async () => {
    const { backend, config } = await connected();
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
    const user = userEvent.setup();
    renderPage(<OptionsApp />);
    const item = await screen.findByRole('listitem', { name: LIVE.tag });
    expect(within(item).queryByText('Auto mode on')).toBeNull();
    await user.click(within(item).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit configuration' });
    const box = within(form).getByRole('checkbox', { name: 'Auto mode' });
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /Also create pads when a candidate gets this tag in this stage in Lever/,
    );
    expect(request).not.toHaveBeenCalled();
    await user.click(box);
    expect(request).toHaveBeenCalledWith({ permissions: ['notifications'] });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await within(await screen.findByRole('listitem', { name: LIVE.tag })).findByText('Auto mode on');
    expect(Object.keys((await backend.handlers.getAutoMode(undefined, {})).modes)).toEqual([config.id]);
    expect(await screen.findByText(/Auto mode checks Lever every 60 seconds; it has not checked yet/)).toBeTruthy();

    // Off again: unchecked and saved.
    await user.click(within(screen.getByRole('listitem', { name: LIVE.tag })).getByRole('button', { name: 'Edit' }));
    const again = await screen.findByRole('form', { name: 'Edit configuration' });
    const checked = within(again).getByRole('checkbox', { name: 'Auto mode' }) as HTMLInputElement;
    expect(checked.checked).toBe(true);
    await user.click(checked);
    await user.click(within(again).getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect((await backend.handlers.getAutoMode(undefined, {})).modes).toEqual({}));
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('Activity: an empty state, then each entry newest first with its result, pad and what to do', async () => {
    await connected();
    renderPage(<OptionsApp />);
    const section = await screen.findByRole('region', { name: 'Activity' });
    expect(await within(section).findByText(/Auto mode is off in this browser/)).toBeTruthy();
    expect((within(section).getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);
    cleanup();

    await activityLog.set([
      entry(1),
      entry(2, { result: 'failed', padUrl: null, error: { kind: 'over_quota', service: 'coderpad' } }),
      entry(3, { result: 'claimed_elsewhere', padUrl: null }),
    ]);
    renderPage(<OptionsApp />);
    const list = await screen.findByRole('list', { name: 'Activity' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual([
      'Candidate 1 — Pad created',
      'Candidate 2 — Failed',
      'Candidate 3 — Left to another browser: its auto mode claimed this candidate first',
    ]);
    expect(
      within(items[0] as HTMLElement).getByRole('link', { name: 'coderpad.io/PAD1 — pad for Candidate 1' }),
    ).toBeTruthy();
    expect(items[1]?.textContent).toMatch(/CoderPad.*Open the candidate in Lever and press Retry/);
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('auto mode paused', () => {
  it('says, in Activity, that auto mode waits while CoderPad’s pads for the month are used up', async () => {
    const { configurations } = await connected();
    const config = configurations[0];
    if (!config) throw new Error('no configuration');
    await autoModes.set({ [config.id]: { since: Date.now() } });
    await autoState.set({
      ...NO_AUTO_STATE,
      lastPoll: { at: Date.now(), error: { kind: 'over_quota', service: 'coderpad' } },
    });
    renderPage(<OptionsApp />);
    const section = await screen.findByRole('region', { name: 'Activity' });
    const status = await within(section).findByText(/Auto mode is waiting .*used its pads for the month/);
    expect(status.getAttribute('role')).toBe('status');
  });
});

describe('auto mode’s daily limit and the policy', () => {
  it('shows the daily limit as a spinbutton, refuses a bad value with a message, saves a good one, and says when it stopped auto mode', async () => {
    const { configurations, backend } = await connected();
    const config = configurations[0];
    if (!config) throw new Error('no configuration');
    await autoModes.set({ [config.id]: { since: Date.now() } });
    const user = userEvent.setup();
    renderPage(<OptionsApp />);
    const section = await screen.findByRole('region', { name: 'Activity' });
    const limit = (await within(section).findByRole('spinbutton', {
      name: 'Auto mode daily limit',
    })) as HTMLInputElement;
    expect(limit.value).toBe('50');
    expect(document.getElementById(limit.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent).toMatch(
      /0 made today/,
    );
    await user.clear(limit);
    await user.type(limit, '0');
    expect(await within(section).findByText('Enter a whole number from 1 to 1000.')).toBeTruthy();
    expect(limit.getAttribute('aria-invalid')).toBe('true');
    expect((within(section).getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    await user.clear(limit);
    await user.type(limit, '2');
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    expect(await within(section).findByText('Daily limit saved.')).toBeTruthy();
    expect((await backend.handlers.getAutoMode(undefined, {})).dailyLimit).toBe(2);
    cleanup();

    await autoState.set({
      ...NO_AUTO_STATE,
      today: { day: new Date().toDateString(), started: 2, notified: true },
      lastPoll: { at: Date.now(), error: { kind: 'daily_limit', detail: '2' } },
    });
    renderPage(<OptionsApp />);
    const again = await screen.findByRole('region', { name: 'Activity' });
    const status = await within(again).findByText(/Auto mode stopped .*made 2 automatic pads today, its daily limit/);
    expect(status.getAttribute('role')).toBe('status');
  });

  it('with auto mode off by policy: no checkbox in the form, a reason in Activity; a limit the policy sets is read-only', async () => {
    const { configurations } = await connected();
    await fakeBrowser.storage.managed.set({ autoMode: { enabled: false } });
    const user = userEvent.setup();
    renderPage(<OptionsApp />);
    const section = await screen.findByRole('region', { name: 'Activity' });
    expect(await within(section).findByText(/Your organisation turned auto mode off/)).toBeTruthy();
    expect(within(section).queryByRole('spinbutton')).toBeNull();
    const item = await screen.findByRole('listitem', { name: configurations[0]?.tag ?? '' });
    await user.click(within(item).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit configuration' });
    expect(within(form).queryByRole('checkbox', { name: 'Auto mode' })).toBeNull();
    cleanup();

    await fakeBrowser.storage.managed.set({ autoMode: { dailyLimit: 12 } });
    renderPage(<OptionsApp />);
    const limit = (await screen.findByRole('spinbutton', { name: 'Auto mode daily limit' })) as HTMLInputElement;
    expect(limit.value).toBe('12');
    expect(limit.readOnly).toBe(true);
    expect(screen.getByText(/Set by your organisation/)).toBeTruthy();
  });
});

describe('the popup’s Team view', () => {
  it('lists the team’s pads from Lever, with where each came from, behind a tab', async () => {
    await connected();
    // Someone tags Dennis in Lever; he holds a CoderPad link from CoderPad's own integration.
    env.sandbox.state.changeInLeverUi(dennis.id, { tag: LIVE.tag });
    const user = userEvent.setup();
    renderPage(<PopupApp />);
    const tabs = screen.getByRole('tablist', { name: 'Pads' });
    const mine = within(tabs).getByRole('tab', { name: 'My pads' });
    const team = within(tabs).getByRole('tab', { name: 'Team' });
    expect(mine.getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByText(/No pads yet/)).toBeTruthy();
    // Arrow keys move between the tabs.
    mine.focus();
    await user.keyboard('{ArrowRight}');
    expect(team.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(team);
    const panel = screen.getByRole('tabpanel', { name: 'Team' });
    const row = await within(panel).findByRole('listitem', { name: 'Dennis Ritchie' });
    expect(within(row).getByRole('link', { name: 'coderpad.io/OLDPAD1 — pad for Dennis Ritchie' })).toBeTruthy();
    expect(row.textContent).toContain('link added in Lever');
    expect(within(row).getByRole('link', { name: 'Open in Lever' }).getAttribute('href')).toBe(
      `https://hire.lever.co/candidates/${dennis.id}`,
    );
    // Read at most every two minutes, unless Refresh is pressed.
    const lists = () => env.sandbox.state.requests.filter((r) => r.path === '/v1/opportunities').length;
    const before = lists();
    await user.click(within(panel).getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(lists()).toBe(before + 1));
  });

  it('leaves confidential candidates out and says how many (the key sees them; the recruiter may not)', async () => {
    await connected();
    env.sandbox.state.changeInLeverUi(dennis.id, { tag: LIVE.tag });
    const secret = env.sandbox.state.opportunity(dennis.id);
    if (secret) secret.confidential = true;
    const user = userEvent.setup();
    renderPage(<PopupApp />);
    await user.click(screen.getByRole('tab', { name: 'Team' }));
    const panel = screen.getByRole('tabpanel', { name: 'Team' });
    expect(
      (await within(panel).findByText(/1 confidential candidate\(s\) with pads are not shown/)).getAttribute('role'),
    ).toBe('status');
    expect(within(panel).queryByRole('listitem', { name: 'Dennis Ritchie' })).toBeNull();
    expect(panel.textContent).not.toContain('OLDPAD1');
  });

  it('searches the team’s pads by the beginnings of the candidate’s words or the tag, ignoring case and accents', async () => {
    await connected();
    env.sandbox.state.changeInLeverUi(dennis.id, { tag: LIVE.tag });
    const grace = opportunities.find((o) => o.name === 'Grace Hopper');
    if (!grace) throw new Error('the seed has Grace');
    env.sandbox.state.personLinks[grace.contact] = ['https://coderpad.io/GRACE01'];
    env.sandbox.state.changeInLeverUi(grace.id, { tag: LIVE.tag });
    const user = userEvent.setup();
    renderPage(<PopupApp />);
    await user.click(screen.getByRole('tab', { name: 'Team' }));
    const panel = screen.getByRole('tabpanel', { name: 'Team' });
    const names = () =>
      within(panel)
        .queryAllByRole('listitem')
        .filter((li) => li.classList.contains('pad'))
        .map((li) => li.getAttribute('aria-label'));
    await waitFor(() => expect(names().sort()).toEqual(['Dennis Ritchie', 'Grace Hopper']));
    const search = within(panel).getByRole('searchbox', { name: 'Search pads' });
    await user.type(search, 'RÎTCH');
    await waitFor(() => expect(names()).toEqual(['Dennis Ritchie']));
    await user.clear(search);
    await user.type(search, 'cp li hop');
    await waitFor(() => expect(names()).toEqual(['Grace Hopper']));
    await user.clear(search);
    await user.type(search, 'zzz');
    expect(await within(panel).findByText(/No pad matches “zzz”/)).toBeTruthy();
    expect(names()).toEqual([]);
  });

  it('says so when no candidate with the tags has a pad, and when there is no configuration', async () => {
    const { backend, config } = await connected();
    const user = userEvent.setup();
    renderPage(<PopupApp />);
    await user.click(screen.getByRole('tab', { name: 'Team' }));
    expect(await screen.findByText(/No candidate with your configurations’ tags has a CoderPad link/)).toBeTruthy();
    cleanup();

    await backend.handlers.deleteConfiguration({ id: config.id }, {});
    renderPage(<PopupApp />);
    await user.click(screen.getByRole('tab', { name: 'Team' }));
    expect(await screen.findByText('Add a configuration in the settings to see your team’s pads.')).toBeTruthy();
  });
});
