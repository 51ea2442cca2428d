import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/**
 * The one way to get a user-visible string: from public/_locales through the browser's
 * i18n, with {name} placeholders filled in here.
 */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const message = browser.i18n.getMessage(key) || key;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return 'en';
  }
}
