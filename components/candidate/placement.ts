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
  const place = () => {
    const actions = findHeaderActions(doc, host);
    if (actions) {
      if (host.parentElement !== actions) actions.prepend(host);
      host.dataset.placement = 'docked';
    } else {
      if (host.parentElement !== doc.body) doc.body.append(host);
      host.dataset.placement = 'floating';
    }
  };
  // In the same turn as Lever's change (observers run before the page is drawn), so a replaced
  // header never shows without the button; not on the next frame, which a background tab may
  // not draw for a long time. Moving the host is itself a change, seen as already in place.
  const observer = new MutationObserver(place);
  observer.observe(doc.body, { childList: true, subtree: true });
  place();
  return () => observer.disconnect();
}
