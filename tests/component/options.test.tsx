// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { useOptionsUi } from '../../components/options/ui-state';
import { createBackend } from '../../lib/backend';
import { opportunities } from '../../sandbox/seed';
import { connectedBackend, LIVE, makePad } from '../support/backend';
import { bridge, bridgedSendMessage } from '../support/bridge';
import { FAST_HTTP, withSandbox } from '../support/sandbox';
import { renderPage } from '../support/ui';

vi.mock('../../lib/messaging/channel', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/messaging/channel')>()),
  sendMessage: (name: never, data: unknown) => bridgedSendMessage(name, data),
}));

const env = withSandbox();

beforeEach(() => {
  // A page load starts with a closed wizard; so does each test.
  useOptionsUi.setState({ editing: null, lastDeleted: null });
  bridge.backend = createBackend({ fetch: env.sandbox.fetch, http: FAST_HTTP });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const lever = () => screen.getByRole('region', { name: 'Lever' });
const coderpad = () => screen.getByRole('region', { name: 'CoderPad' });

describe('connecting', () => {
  it('shows the service reason for a wrong key and keeps what was typed', async () => {
    const user = userEvent.setup();
    renderPage(<OptionsApp />);
    const key = await within(await screen.findByRole('region', { name: 'Lever' })).findByLabelText('Lever API key');
    await user.type(key, 'wrong-key');
    await user.click(within(lever()).getByRole('button', { name: 'Connect Lever' }));
    const alert = await within(lever()).findByRole('alert');
    expect(alert.textContent).toContain('Invalid API key');
    expect((key as HTMLInputElement).value).toBe('wrong-key');
  });

  it('connects Lever with the chosen environment and says how many stages and users it found', async () => {
    const user = userEvent.setup();
    renderPage(<OptionsApp />);
    await user.type(await screen.findByLabelText('Lever API key'), 'lever-sandbox-key');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Lever environment' }), 'EU');
    await user.click(screen.getByRole('button', { name: 'Connect Lever' }));
    const status = await within(lever()).findByText(/Connected to Lever EU: 8 stages, 3 users/);
    expect(status.getAttribute('role')).toBe('status');
    expect(env.sandbox.state.requests.every((r) => r.host === 'api.eu.lever.co')).toBe(true);
    expect(await screen.findByRole('combobox', { name: 'Act as Lever user' })).toBeTruthy();
  });

  it('disables the connect button while the key is empty or being tested', async () => {
    const user = userEvent.setup();
    env.sandbox.state.options.latencyMs = 300;
    renderPage(<OptionsApp />);
    const button = await within(await screen.findByRole('region', { name: 'CoderPad' })).findByRole('button', {
      name: 'Connect CoderPad',
    });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByLabelText('CoderPad API key'), 'coderpad-sandbox-key');
    await user.click(button);
    expect(within(coderpad()).getByText('Testing the key…')).toBeTruthy();
    await within(coderpad()).findByText(/Connected to CoderPad: Acme Robotics, 488 pads left this month/);
  });

  it('says when CoderPad cannot be reached', async () => {
    const user = userEvent.setup();
    env.sandbox.fault({ service: 'coderpad', drop: true, count: 20 });
    renderPage(<OptionsApp />);
    await user.type(await screen.findByLabelText('CoderPad API key'), 'coderpad-sandbox-key');
    await user.click(screen.getByRole('button', { name: 'Connect CoderPad' }));
    expect((await within(coderpad()).findByRole('alert')).textContent).toMatch(/Could not reach CoderPad/);
  });
});

describe('the configuration wizard', () => {
  async function openWizard() {
    const { backend } = await connectedBackend(env.sandbox, [LIVE]);
    bridge.backend = backend;
    const user = userEvent.setup();
    renderPage(<OptionsApp />);
    const add = await screen.findByRole('button', { name: 'Add configuration' });
    await waitFor(() => expect((add as HTMLButtonElement).disabled).toBe(false), { timeout: 8000 });
    await user.click(add);
    const form = await screen.findByRole('form', { name: 'New configuration' });
    return { user, form: within(form), backend };
  }

  it('loads the questions whole when CoderPad sends one it cannot read, and says what was left out', async () => {
    const odd = { id: 999, pad_type: 'any', title: null };
    env.sandbox.state.questions.splice(5, 0, odd as never);
    const { user, form } = await openWizard();
    const notice = await screen.findByText(/CoderPad sent 1 question\(s\) that PadBridge cannot read/);
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('id 999: title');
    const question = form.getByRole('combobox', { name: 'Question' });
    expect(within(question).getByRole('option', { name: 'Debug a flaky test (javascript)' })).toBeTruthy();
    await user.click(form.getByRole('radio', { name: 'Take-home test' }));
    expect(within(question).getByRole('option', { name: 'Data pipeline take-home (python)' })).toBeTruthy();
  });

  it('requires a tag and a stage before Create is enabled', async () => {
    const { user, form } = await openWizard();
    const create = form.getByRole('button', { name: 'Create' }) as HTMLButtonElement;
    expect(create.disabled).toBe(true);
    await user.selectOptions(form.getByRole('combobox', { name: 'Hiring stage' }), 'On-site');
    await user.type(form.getByRole('textbox', { name: 'Tag name' }), '   ');
    expect(await form.findByText('Enter a tag name.')).toBeTruthy();
    expect(create.disabled).toBe(true);
    await user.type(form.getByRole('textbox', { name: 'Tag name' }), 'Onsite pad');
    await waitFor(() => expect(create.disabled).toBe(false));
  });

  it('saves a default interviewer, chosen among Lever’s users, for auto mode and the confirmation', async () => {
    const { user, form } = await openWizard();
    await user.selectOptions(form.getByRole('combobox', { name: 'Hiring stage' }), 'On-site');
    await user.type(form.getByRole('textbox', { name: 'Tag name' }), 'Onsite pad');
    const interviewer = form.getByRole('combobox', { name: 'Default interviewer' });
    await waitFor(() => expect(interviewer).toHaveProperty('disabled', false));
    await user.selectOptions(interviewer, 'Jules Martin (jules.martin@acme.example)');
    await user.click(form.getByRole('button', { name: 'Create' }));
    await screen.findByRole('listitem', { name: 'Onsite pad' });
    const saved = await bridge.backend?.handlers.listConfigurations(undefined, {});
    expect(saved?.find((c) => c.tag === 'Onsite pad')?.interviewerId).toBe('u-5a6b7c8d');
  });

  it('refuses a tag another configuration uses, and warns on a case-only difference', async () => {
    const { user, form } = await openWizard();
    await user.selectOptions(form.getByRole('combobox', { name: 'Hiring stage' }), 'On-site');
    await user.type(form.getByRole('textbox', { name: 'Tag name' }), 'CP Live');
    expect(await form.findByText('Another configuration already uses this tag.')).toBeTruthy();
    await user.clear(form.getByRole('textbox', { name: 'Tag name' }));
    await user.type(form.getByRole('textbox', { name: 'Tag name' }), 'cp live');
    expect(await form.findByText(/case-sensitive: “CP Live” is a different tag/)).toBeTruthy();
    expect((form.getByRole('button', { name: 'Create' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('lists only questions usable as take-home for a take-home (take-home and “any”), and requires one', async () => {
    const { user, form } = await openWizard();
    const question = form.getByRole('combobox', { name: 'Question' });
    const titles = () =>
      within(question)
        .getAllByRole('option')
        .map((o) => o.textContent);
    // Live: live questions, “any” ones, and one of a pad type PadBridge does not know.
    expect(titles()).toEqual(
      expect.arrayContaining(['Debug a flaky test (javascript)', 'Whiteboard: design a chat app (plaintext)']),
    );
    expect(titles()).not.toContain('Data pipeline take-home (python)');
    await user.click(form.getByRole('radio', { name: 'Take-home test' }));
    expect(titles()).toEqual([
      'Choose a question…',
      'Build a URL shortener (python)',
      'Data pipeline take-home (python)',
      'Frontend dashboard take-home (typescript)',
      'Debug a flaky test (javascript)',
    ]);
    await user.selectOptions(form.getByRole('combobox', { name: 'Hiring stage' }), 'Take-home assessment');
    await user.type(form.getByRole('textbox', { name: 'Tag name' }), 'TH');
    expect(await form.findByText('A take-home test needs a take-home question.')).toBeTruthy();
    await user.type(form.getByRole('searchbox', { name: 'Search questions' }), 'typescript');
    expect(within(question).getAllByRole('option')).toHaveLength(2);
    await user.selectOptions(question, 'Frontend dashboard take-home (typescript)');
    await user.click(form.getByRole('button', { name: 'Create' }));
    const item = await screen.findByRole('listitem', { name: 'TH' });
    expect(item.textContent).toMatch(/Take-home assessment.*Take-home test.*Frontend dashboard take-home/);
  });

  it('offers "No question" and a language for a live pad; drafts are never offered', async () => {
    const { user, form } = await openWizard();
    const question = form.getByRole('combobox', { name: 'Question' });
    const titles = within(question)
      .getAllByRole('option')
      .map((o) => o.textContent ?? '');
    expect(titles[0]).toBe('No question');
    expect(titles.some((t) => t.includes('draft'))).toBe(false);
    expect(titles.some((t) => t.includes('take-home'))).toBe(false);
    await user.selectOptions(form.getByRole('combobox', { name: 'Pad language' }), 'rust');
    await user.selectOptions(form.getByRole('combobox', { name: 'Hiring stage' }), 'Recruiter screen');
    await user.type(form.getByRole('textbox', { name: 'Tag name' }), 'Screen');
    await user.click(form.getByRole('button', { name: 'Create' }));
    await screen.findByRole('listitem', { name: 'Screen' });
    const saved = (await bridge.backend?.handlers.listConfigurations(undefined, {}))?.find((c) => c.tag === 'Screen');
    expect(saved).toMatchObject({ questionId: null, language: 'rust', stageName: 'Recruiter screen' });
  });

  it('requires a pad title', async () => {
    const { user, form } = await openWizard();
    await user.clear(form.getByRole('textbox', { name: 'Pad title' }));
    expect(await form.findByText('Enter a pad title.')).toBeTruthy();
  });

  it('offers a stage added in Lever after the page read its stages once Refresh is pressed', async () => {
    const { user, form } = await openWizard();
    const stage = form.getByRole('combobox', { name: 'Hiring stage' });
    env.sandbox.state.stages.push({ id: 'stage-new-1', text: 'Pair programming' });
    expect(within(stage).queryByRole('option', { name: 'Pair programming' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Refresh stages and questions' }));
    expect(await screen.findByText('Stages, users and questions are up to date.')).toBeTruthy();
    expect(await within(stage).findByRole('option', { name: 'Pair programming' })).toBeTruthy();
  });

  it('shows the reason when the stages cannot be read, with a retry', async () => {
    const { backend } = await connectedBackend(env.sandbox, []);
    bridge.backend = backend;
    env.sandbox.fault({ service: 'lever', pathIncludes: '/stages', status: 403, count: 1 });
    const user = userEvent.setup();
    renderPage(<OptionsApp />);
    const alert = await screen.findByText(/Could not load Lever's stages: The Lever key lacks a permission/);
    await user.click(within(alert.closest('[role="alert"]') as HTMLElement).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByText(/Could not load Lever's stages/)).toBeNull());
  });
});

describe('your data', () => {
  it('exports the pads as CSV, and deletes everything after a dialog that says what goes and what stays', async () => {
    const { backend, configurations } = await connectedBackend(env.sandbox, [LIVE]);
    bridge.backend = backend;
    await makePad(backend, opportunities[0]?.id ?? '', configurations[0]?.id ?? '');
    const saved: { name: string; text: string }[] = [];
    const createUrl = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      const file = { name: '', text: '' };
      saved.push(file);
      const reader = new FileReader();
      reader.onload = () => {
        file.text = String(reader.result);
      };
      reader.readAsText(blob as Blob);
      return 'blob:padbridge';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      const last = saved.at(-1);
      if (last) last.name = this.download;
    });
    const user = userEvent.setup();
    renderPage(<OptionsApp />);
    const section = within(await screen.findByRole('region', { name: 'Your data' }));
    await user.click(section.getByRole('button', { name: 'Export pads' }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Your data' }).textContent).toContain('Pads exported (CSV): 1.'),
    );
    expect(createUrl).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(saved[0]?.text).toMatch(/^"Candidate",/));
    expect(saved[0]?.text).toContain(`"${opportunities[0]?.name}"`);
    expect(click).toHaveBeenCalled();

    // The dialog: focus on Cancel, Escape closes it and gives focus back.
    const remove = section.getByRole('button', { name: 'Delete PadBridge data' });
    await user.click(remove);
    const dialog = await screen.findByRole('dialog', { name: 'Delete PadBridge data?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await within(dialog).findByText(/the record of the pads you made \(1\)/);
    expect(dialog.textContent).toMatch(/Lever and CoderPad keep what PadBridge wrote there/);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(remove);
    expect(await backend.handlers.storedCounts(undefined, {})).toEqual({ records: 1, jobs: 1 });

    await user.click(remove);
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await section.findByText(/PadBridge's data was deleted from this browser/);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await backend.handlers.storedCounts(undefined, {})).toEqual({ records: 0, jobs: 0 });
    // The page as on a first run: nothing connected, no configuration.
    await within(lever()).findByRole('button', { name: /Connect/ });
    expect(screen.queryByText(LIVE.tag)).toBeNull();
  });
});

describe('first run', () => {
  const steps = async () =>
    within(await screen.findByRole('list', { name: 'Get started' }))
      .getAllByRole('listitem')
      .map((item) => item.textContent);

  it('lists what is left to do, ticks each step as it is done, and is gone once all are', async () => {
    renderPage(<OptionsApp />);
    expect(await steps()).toEqual(['Connect Lever (to do)', 'Connect CoderPad (to do)', 'Add configuration (to do)']);
    cleanup();

    const { backend } = await connectedBackend(env.sandbox, []);
    bridge.backend = backend;
    renderPage(<OptionsApp />);
    expect(await steps()).toEqual(['✓Connect Lever (done)', '✓Connect CoderPad (done)', 'Add configuration (to do)']);
    cleanup();

    await backend.handlers.saveConfiguration(LIVE, {});
    renderPage(<OptionsApp />);
    await screen.findByRole('region', { name: 'Configurations' });
    await screen.findByText(LIVE.tag);
    expect(screen.queryByRole('list', { name: 'Get started' })).toBeNull();
  });
});

describe('notes in Lever', () => {
  it('sets the language of the notes in Lever, or shows the one the policy fixes', async () => {
    const { backend } = await connectedBackend(env.sandbox, [LIVE]);
    bridge.backend = backend;
    const user = userEvent.setup();
    renderPage(<OptionsApp />);
    const language = (await screen.findByRole('combobox', { name: 'Language of notes in Lever' })) as HTMLSelectElement;
    expect(language.value).toBe('en');
    await user.selectOptions(language, 'French');
    await screen.findByText('Saved.');
    expect(await backend.handlers.getNoteLanguage(undefined, {})).toEqual({ language: 'fr', fromPolicy: false });
    cleanup();

    await fakeBrowser.storage.managed.set({ noteLanguage: 'en' });
    renderPage(<OptionsApp />);
    const fixed = (await screen.findByRole('combobox', { name: 'Language of notes in Lever' })) as HTMLSelectElement;
    await waitFor(() => expect(fixed.disabled).toBe(true));
    expect(fixed.value).toBe('en');
    expect(screen.getByText("Set by your organisation's policy.")).toBeTruthy();
  });
});
