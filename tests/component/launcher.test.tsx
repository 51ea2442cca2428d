// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLauncher,
  type LauncherDeps,
  offerWidgetScript,
  type WidgetProps,
} from '../../components/candidate/launcher';

/*
 * The candidate page's button before the widget's script ran: drawn by the content script alone,
 * it asks for the script when the page is idle or when it is used, and gives its place to the
 * widget. The widget's script is played here by one that records how it was mounted (the widget
 * itself has its own tests); the page's idle moment is the test's to give.
 */

const PAGE = { opportunityId: 'opp-1', appHost: 'hire.lever.co' };

afterEach(() => {
  document.body.replaceChildren();
  delete (globalThis as Record<string, unknown>).padbridgeWidgetScript;
});

function setup(run: LauncherDeps['runWidgetScript'] = async () => offerRecordingScript()) {
  let idle: (() => void) | undefined;
  const runs: number[] = [];
  const launcher = createLauncher({
    runWidgetScript: () => {
      runs.push(runs.length);
      return run();
    },
    whenIdle: (callback) => {
      idle = callback;
    },
  });
  const container = document.createElement('div');
  document.body.append(container);
  const remove = launcher.show(container, PAGE);
  return { launcher, container, remove, runs, idle: () => idle?.() };
}

const mounted: WidgetProps[] = [];
/**
 * The widget's script as it runs: offers a mount that takes over the drawn button, as the widget's
 * hydration does (or draws one when there is none), marks it and records its props.
 */
function offerRecordingScript() {
  offerWidgetScript({
    mount(container, props) {
      mounted.push(props);
      const existing = container.querySelector<HTMLButtonElement>('button.pb-main');
      const button = existing ?? container.appendChild(document.createElement('button'));
      button.textContent = props.openAtStart ? 'Widget, menu open' : 'Widget';
      return () => button.remove();
    },
  });
}
afterEach(() => {
  mounted.length = 0;
});

describe('the candidate page button before the widget', () => {
  it('is drawn with the catalogue’s words, in French for a French browser, and asks for nothing until idle', async () => {
    const { runs } = setup();
    expect(screen.getByRole('button', { name: 'Create CoderPad pad' }).getAttribute('aria-expanded')).toBe('false');
    expect(runs).toHaveLength(0);

    document.body.replaceChildren();
    fakeBrowser.i18n.getUILanguage = () => 'fr-FR';
    setup();
    expect(screen.getByRole('button', { name: 'Créer un pad CoderPad' })).toBeTruthy();
  });

  it('runs the widget’s script when the page is idle and gives its place to the widget, closed', async () => {
    const { idle, runs } = setup();
    idle();
    await screen.findByRole('button', { name: 'Widget' });
    expect(runs).toHaveLength(1);
    expect(screen.getAllByRole('button')).toHaveLength(1);
    expect(mounted).toEqual([expect.objectContaining({ ...PAGE, openAtStart: false })]);
  });

  it('hands the widget the very button, focus and all, and the button no longer asks for the script', async () => {
    const { idle, runs } = setup();
    const button = screen.getByRole('button', { name: 'Create CoderPad pad' });
    button.focus();
    idle();
    expect(await screen.findByRole('button', { name: 'Widget' })).toBe(button);
    expect(document.activeElement).toBe(button);
    await userEvent.click(button);
    expect(runs).toHaveLength(1);
    expect(mounted).toHaveLength(1);
  });

  it('a click before the script ran says it is opening, runs the script at once and opens the menu', async () => {
    let ran: () => void = () => {};
    const { runs } = setup(
      () =>
        new Promise<void>((resolve) => {
          ran = () => {
            offerRecordingScript();
            resolve();
          };
        }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    expect(screen.getByRole('button', { name: 'Create CoderPad pad' }).getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Opening PadBridge…');
    expect(runs).toHaveLength(1);
    ran();
    const widget = await screen.findByRole('button', { name: 'Widget, menu open' });
    expect(screen.queryByRole('status')).toBeNull();
    expect(widget.hasAttribute('aria-busy')).toBe(false);
  });

  it('the shortcut before the script ran opens the menu too; once the widget is there, the widget hears it', async () => {
    const { launcher } = setup();
    launcher.shortcut();
    await screen.findByRole('button', { name: 'Widget, menu open' });
    let heard = 0;
    mounted[0]?.onShortcut(() => heard++);
    launcher.shortcut();
    expect(heard).toBe(1);
  });

  it('keeps a shortcut pressed while the widget is mounting (before it listens) for the widget, and none past its removal', async () => {
    // The widget hydrates the button and subscribes once it has rendered: a press may fall between.
    const { launcher, idle, remove } = setup();
    idle();
    await screen.findByRole('button', { name: 'Widget' });
    launcher.shortcut();
    let heard = 0;
    const unsubscribe = mounted[0]?.onShortcut(() => heard++);
    expect(heard).toBe(1);
    launcher.shortcut();
    expect(heard).toBe(2);
    unsubscribe?.();

    // A press after the widget was removed (no candidate on the page) opens nothing later.
    remove();
    launcher.shortcut();
    const container = document.createElement('div');
    document.body.append(container);
    launcher.show(container, { ...PAGE, opportunityId: 'opp-2' });
    mounted[1]?.onShortcut(() => heard++);
    expect(heard).toBe(2);
  });

  it('says when the script could not run, and a second click tries again', async () => {
    let run = async (): Promise<void> => {
      throw new Error('no answer');
    };
    const { runs } = setup(() => run());
    await userEvent.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'PadBridge could not open on this page. Reload the page and try again.',
    );
    expect(screen.getByRole('button', { name: 'Create CoderPad pad' }).hasAttribute('aria-busy')).toBe(false);
    let ran: () => void = () => {};
    run = () =>
      new Promise<void>((resolve) => {
        ran = () => {
          offerRecordingScript();
          resolve();
        };
      });
    await userEvent.click(screen.getByRole('button', { name: 'Create CoderPad pad' }));
    // Trying again is a status again, not an alert.
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Opening PadBridge…');
    ran();
    await screen.findByRole('button', { name: 'Widget, menu open' });
    expect(runs).toHaveLength(2);
  });

  it('runs the script once per page: the next candidate gets the widget at once', async () => {
    const first = setup();
    first.idle();
    await screen.findByRole('button', { name: 'Widget' });
    first.remove();
    expect(screen.queryAllByRole('button')).toHaveLength(0);

    const container = document.createElement('div');
    document.body.append(container);
    const removeNext = first.launcher.show(container, { ...PAGE, opportunityId: 'opp-2' });
    expect(mounted.map((m) => m.opportunityId)).toEqual(['opp-1', 'opp-2']);
    expect(first.runs).toHaveLength(1);
    removeNext();
  });
});
