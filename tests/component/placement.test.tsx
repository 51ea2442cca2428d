import { afterEach, describe, expect, it } from 'vitest';
import { keepPlaced } from '../../components/candidate/placement';

/*
 * The widget beside Lever's header actions, as Lever replaces its header. That the focus a
 * browser drops with the old header comes back is seen in a real browser (tests/e2e/placement);
 * jsdom keeps focus on a removed element. Here: that focus the recruiter took out of the widget
 * is never pulled back into it.
 */

function header() {
  const actions = document.createElement('div');
  for (const word of ['Add note', 'Advance']) {
    const button = document.createElement('button');
    button.textContent = word;
    actions.append(button);
  }
  const head = document.createElement('header');
  head.append(actions);
  return { head, actions };
}

function widget() {
  const host = document.createElement('padbridge-widget');
  const item = document.createElement('button');
  item.textContent = 'CoderPad: Live';
  host.attachShadow({ mode: 'open' }).append(item);
  document.body.append(host);
  return { host, item };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
let stop = () => {};
afterEach(() => {
  stop();
  document.body.textContent = '';
});

describe('widget placement', () => {
  it('does not take focus back once the recruiter has left the widget', async () => {
    const first = header();
    document.body.append(first.head);
    const { host, item } = widget();
    stop = keepPlaced(host);
    item.focus();
    item.blur();
    await settle();

    first.head.remove();
    document.body.append(header().head);
    await settle();
    expect(host.parentElement?.textContent).toContain('Advance');
    expect(host.shadowRoot?.activeElement).toBeNull();
    expect(document.activeElement).toBe(document.body);
  });
});
