/*
 * Where the widget sits on Lever's candidate page: beside the profile header's own actions when
 * the page shows them (docked), else as a floating button in the corner. Lever's markup is not
 * ours and re-renders at will: the header actions are found by what is stable about them (a
 * testing attribute if Lever has one, else the words on Lever's own action buttons), and the
 * widget follows them when Lever replaces the header, keeping its state (the element is moved,
 * not remade).
 */

/** Lever's own actions in a profile header, by the words on their buttons. */
const HEADER_ACTIONS = ['Archive', 'Advance', 'Add note', 'Unarchive', 'Archiver', 'Avancer'];
const BY_ATTRIBUTE = '[data-qa="profile-actions"], [data-testid="profile-actions"]';

export type Placement = 'docked' | 'floating';

/** The container of the profile header's actions, or null when the page shows none. */
export function findHeaderActions(root: ParentNode, self?: Element): Element | null {
  const marked = root.querySelector(BY_ATTRIBUTE);
  if (marked) return marked;
  for (const button of root.querySelectorAll('button, [role="button"]')) {
    if (self?.contains(button)) continue;
    if (HEADER_ACTIONS.includes(button.textContent?.trim() ?? '')) return button.parentElement;
  }
  return null;
}

/**
 * Keeps the widget's host beside the header actions while the page has them, in the corner
 * otherwise; `data-placement` on the host tells its stylesheet which. Returns the stop function.
 */
export function keepPlaced(host: HTMLElement, doc: Document = document): () => void {
  const focus = keepFocus(host, doc);
  const place = () => {
    const actions = findHeaderActions(doc, host);
    const wasConnected = host.isConnected;
    if (actions) {
      if (host.parentElement !== actions) actions.prepend(host);
      host.dataset.placement = 'docked';
    } else {
      if (host.parentElement !== doc.body) doc.body.append(host);
      host.dataset.placement = 'floating';
    }
    if (!wasConnected) focus.restore();
  };
  // In the same turn as Lever's change (observers run before the page is drawn), so a replaced
  // header never shows without the button; not on the next frame, which a background tab may
  // not draw for a long time. Moving the host is itself a change, seen as already in place.
  const observer = new MutationObserver(place);
  observer.observe(doc.body, { childList: true, subtree: true });
  place();
  return () => {
    observer.disconnect();
    focus.stop();
  };
}

/**
 * Lever removing its header takes the widget out of the page with it, and the browser drops the
 * focus that was inside (a recruiter at the keyboard would be sent back to the page's top). The
 * element that had focus is remembered until focus really leaves the widget, and given focus
 * again once the widget is back, unless something else took it meanwhile.
 */
function keepFocus(host: HTMLElement, doc: Document) {
  let last: HTMLElement | null = null;
  const onFocusIn = (event: FocusEvent) => {
    last = (event.composedPath()[0] as HTMLElement | undefined) ?? null;
  };
  const onFocusOut = (event: FocusEvent) => {
    const left = event.composedPath()[0];
    // Focus went elsewhere; or it was let go: by the widget taken out of the page (the browser
    // says so as it takes it out, or says nothing), or while the widget stayed in the page,
    // which is known once the page's change is over.
    last = event.relatedTarget ? null : ((left as HTMLElement | undefined) ?? null);
    if (last)
      setTimeout(() => {
        if (last === left && host.isConnected && host.shadowRoot?.activeElement !== left) last = null;
      }, 0);
  };
  host.addEventListener('focusin', onFocusIn);
  host.addEventListener('focusout', onFocusOut);
  return {
    restore() {
      const active = doc.activeElement;
      if (last?.isConnected && (!active || active === doc.body)) last.focus();
    },
    stop() {
      host.removeEventListener('focusin', onFocusIn);
      host.removeEventListener('focusout', onFocusOut);
    },
  };
}
