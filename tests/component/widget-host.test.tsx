// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createWidgetHost } from '../../entrypoints/lever.content/host';

/*
 * The widget's element on Lever's pages: its style and content in an open shadow root, and the
 * keys typed inside kept from Lever's own keyboard shortcuts.
 */

afterEach(() => document.body.replaceChildren());

describe('the widget’s host element', () => {
  it('holds the style and the container in its shadow root, the page’s styles reset', () => {
    const { host, container } = createWidgetHost('.pb-root{color:red}');
    document.body.append(host);
    expect(host.localName).toBe('padbridge-widget');
    expect(container.getRootNode()).toBe(host.shadowRoot);
    const style = host.shadowRoot?.querySelector('style')?.textContent ?? '';
    expect(style).toContain(':host{all:initial !important}');
    expect(style).toContain('.pb-root{color:red}');
  });

  it('keeps keys typed inside from the page, and leaves the page’s own keys alone', () => {
    const { host, container } = createWidgetHost('');
    document.body.append(host);
    const input = container.appendChild(document.createElement('input'));
    const heard: string[] = [];
    for (const type of ['keydown', 'keyup', 'keypress']) document.addEventListener(type, () => heard.push(type));
    let insideHeard = 0;
    container.addEventListener('keydown', () => insideHeard++);

    for (const type of ['keydown', 'keyup', 'keypress'])
      input.dispatchEvent(new KeyboardEvent(type, { key: 'e', bubbles: true, composed: true }));
    expect(insideHeard).toBe(1);
    expect(heard).toEqual([]);

    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'e', bubbles: true }));
    expect(heard).toEqual(['keydown']);
  });
});
