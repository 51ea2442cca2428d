import { browser } from 'wxt/browser';
import {
  createPadButton as createEn,
  widgetLoadFailed as failedEn,
  widgetLoading as loadingEn,
} from '../../public/_locales/en/messages.json';
import {
  createPadButton as createFr,
  widgetLoadFailed as failedFr,
  widgetLoading as loadingFr,
} from '../../public/_locales/fr/messages.json';

/*
 * The candidate page's button before the widget's code is there. Every Lever page pays for what
 * the content script evaluates, so the script draws only this button, with the DOM alone, and
 * asks the background to run the widget's script (the panel, its UI library, its schemas) when
 * the page is idle, or at once on a click or the keyboard shortcut. The widget then takes over
 * the button: the same element, so nothing moves under a pointer or loses focus.
 *
 * Its three phrases come from the extension's catalogues, picked when the script is built: the
 * browser's message bundle costs a synchronous round trip to the browser on its first use, about
 * as much as the rest of the script's evaluation. The language is the one the browser's own
 * lookup would pick (French for a French UI, English otherwise).
 */

const PHRASES = {
  en: { create: createEn.message, loading: loadingEn.message, failed: failedEn.message },
  fr: { create: createFr.message, loading: loadingFr.message, failed: failedFr.message },
};

function launcherPhrases() {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? PHRASES.fr : PHRASES.en;
}

/** The icon on the widget's button, drawn inline (no extension file is exposed to Lever's pages). */
export const BRIDGE_ICON_PATH = 'M3 15h18M5 15v5M19 15v5M4 15c2-5 5-7 8-7s6 2 8 7';

/** What the widget's script offers the content script, through the world the two share. */
export interface WidgetScript {
  /**
   * Renders the widget for one candidate into the container, taking over the button drawn there
   * (the widget draws the same markup while closed); returns its removal.
   */
  mount(container: HTMLElement, props: WidgetProps): () => void;
}

export interface WidgetProps {
  opportunityId: string;
  applicationId?: string;
  appHost: string;
  /** Opens the menu as it appears (the button was clicked, or the shortcut pressed, before the script ran). */
  openAtStart: boolean;
  /** Subscribes to the keyboard shortcut on this page; returns the unsubscribe. */
  onShortcut(listener: () => void): () => void;
}

const OFFERED = 'padbridgeWidgetScript';

/** The widget's script, as it runs: makes itself known to the content script. */
export function offerWidgetScript(script: WidgetScript): void {
  (globalThis as Record<string, unknown>)[OFFERED] = script;
}

function offeredWidgetScript(): WidgetScript | undefined {
  return (globalThis as Record<string, unknown>)[OFFERED] as WidgetScript | undefined;
}

export interface LauncherDeps {
  /** Asks the background to run the widget's script in this page; resolves once it ran, rejects when it could not. */
  runWidgetScript(): Promise<unknown>;
  /** Calls back when the page has a moment (the script is loaded then, unasked). */
  whenIdle(callback: () => void): void;
}

export interface Launcher {
  /** Draws the button for one candidate in the container; returns its removal (widget included). */
  show(container: HTMLElement, page: Pick<WidgetProps, 'opportunityId' | 'applicationId' | 'appHost'>): () => void;
  /** The keyboard shortcut was pressed on this page. */
  shortcut(): void;
}

export function createLauncher(deps: LauncherDeps): Launcher {
  let loading: Promise<WidgetScript | undefined> | undefined;
  let loaded: WidgetScript | undefined;
  const shortcutListeners = new Set<() => void>();
  let openCurrent: (() => void) | undefined;
  // The widget hydrates the button and subscribes to the shortcut once it has rendered; a press in
  // between is held for it (and dropped with the widget, so no later page opens by surprise).
  let widgetMounting = false;
  let heldPress = false;

  /** The widget's script, run once per page (again after a failure, when asked again). */
  function load(): Promise<WidgetScript | undefined> {
    loading ??= deps
      .runWidgetScript()
      .then(offeredWidgetScript, () => undefined)
      .then((script) => {
        if (!script) loading = undefined;
        loaded = script;
        return script;
      });
    return loading;
  }

  const onShortcut = (listener: () => void) => {
    shortcutListeners.add(listener);
    widgetMounting = false;
    if (heldPress) {
      heldPress = false;
      listener();
    }
    return () => void shortcutListeners.delete(listener);
  };

  /** Mounts the widget in the button's place; its removal forgets a press it did not hear. */
  function mountWidget(script: WidgetScript, container: HTMLElement, props: WidgetProps): () => void {
    widgetMounting = true;
    heldPress = false;
    const remove = script.mount(container, props);
    return () => {
      widgetMounting = false;
      heldPress = false;
      remove();
    };
  }

  return {
    show(container, page) {
      // The script already ran on this page (an earlier candidate): the widget at once.
      if (loaded) {
        openCurrent = undefined;
        return mountWidget(loaded, container, { ...page, openAtStart: false, onShortcut });
      }
      const phrases = launcherPhrases();
      const { root, button, status } = drawButton(container, phrases.create);
      let removeWidget: (() => void) | undefined;
      let removed = false;
      let wantOpen = false;

      const start = async (open: boolean) => {
        wantOpen ||= open;
        if (open) {
          button.setAttribute('aria-busy', 'true');
          // A status again, after a refusal's alert.
          status.setAttribute('role', 'status');
          status.textContent = phrases.loading;
        }
        const script = await load();
        if (removed || removeWidget) return;
        if (script) {
          // The widget takes over this very button (the same element: a click under way, the
          // focus and the placement stay), and the line under it goes.
          clicks.abort();
          button.removeAttribute('aria-busy');
          status.remove();
          removeWidget = mountWidget(script, container, { ...page, openAtStart: wantOpen, onShortcut });
          openCurrent = undefined;
        } else if (wantOpen) {
          // Said where the button is; a click tries again.
          button.removeAttribute('aria-busy');
          status.setAttribute('role', 'alert');
          status.textContent = phrases.failed;
          wantOpen = false;
        }
      };

      const clicks = new AbortController();
      openCurrent = () => void start(true);
      button.addEventListener('click', () => void start(true), { signal: clicks.signal });
      deps.whenIdle(() => void start(false));
      return () => {
        removed = true;
        openCurrent = undefined;
        removeWidget?.();
        root.remove();
      };
    },
    shortcut() {
      if (openCurrent) openCurrent();
      else if (shortcutListeners.size > 0) for (const listener of shortcutListeners) listener();
      else if (widgetMounting) heldPress = true;
    },
  };
}

/** The button as the widget draws it while closed (it takes this markup over), and a line for what it is doing. */
function drawButton(container: HTMLElement, label: string) {
  const root = document.createElement('div');
  root.className = 'pb-root';
  const status = document.createElement('p');
  status.className = 'pb-launch-status';
  status.setAttribute('role', 'status');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'pb-main';
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  for (const [name, value] of Object.entries({
    width: '18',
    height: '18',
    viewBox: '0 0 24 24',
    'aria-hidden': 'true',
    focusable: 'false',
  }))
    svg.setAttribute(name, value);
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  for (const [name, value] of Object.entries({
    d: BRIDGE_ICON_PATH,
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2.2',
    'stroke-linecap': 'round',
  }))
    path.setAttribute(name, value);
  svg.append(path);
  button.append(svg, label);
  root.append(status, button);
  container.append(root);
  return { root, button, status };
}
