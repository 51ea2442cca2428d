/*
 * The widget's place in a Lever page: a `<padbridge-widget>` element whose open shadow root holds
 * the widget's style and the container it renders into, so Lever's styles and PadBridge's never
 * meet. Drawn here rather than through WXT's generic shadow-root UI helper: that helper checks the
 * element's name against the Unicode grammar of custom element names, splits the style for rules a
 * shadow root cannot hold, and brings its auto-mount watcher — work and code every Lever page paid
 * for at start while the button needs none of it (the name is fixed; the style has no such rule).
 */

const WIDGET_HOST_NAME = 'padbridge-widget';

/** Keys typed in the widget stay in it: Lever's own keyboard shortcuts never see them. */
const KEPT_INSIDE = ['keydown', 'keyup', 'keypress'] as const;

export interface WidgetHost {
  /** The element placed in Lever's page. */
  host: HTMLElement;
  /** Where the widget renders, inside the shadow root. */
  container: HTMLElement;
}

export function createWidgetHost(css: string): WidgetHost {
  const host = document.createElement(WIDGET_HOST_NAME);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  // Nothing of the page's styles is inherited into the widget.
  style.textContent = `:host{all:initial !important}\n${css}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  for (const type of KEPT_INSIDE) shadow.addEventListener(type, (event) => event.stopPropagation());
  return { host, container };
}
