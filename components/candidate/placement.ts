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
  let scheduled = false;
  const place = () => {
    scheduled = false;
    const actions = findHeaderActions(doc, host);
    if (actions) {
      if (host.parentElement !== actions) actions.prepend(host);
      host.dataset.placement = 'docked';
    } else {
      if (host.parentElement !== doc.body) doc.body.append(host);
      host.dataset.placement = 'floating';
    }
  };
  // Lever's app changes the page often: look again once per frame at most.
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(place);
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  place();
  return () => observer.disconnect();
}
