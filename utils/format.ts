import { uiLanguage } from '../lib/text/i18n';

const MINUTE = 60_000;

/** Formatters are costly to make: one of each per page. */
export const formats = (() => {
  let made: { relative: Intl.RelativeTimeFormat; exact: Intl.DateTimeFormat } | undefined;
  return () => {
    made ??= {
      relative: new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' }),
      exact: new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'short', timeStyle: 'medium' }),
    };
    return made;
  };
})();

export function relativeTime(at: number, now: number): string {
  const format = formats().relative;
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return format.format(Math.round(diff / 1000), 'second');
  if (abs < 60 * MINUTE) return format.format(Math.round(diff / MINUTE), 'minute');
  if (abs < 24 * 60 * MINUTE) return format.format(Math.round(diff / (60 * MINUTE)), 'hour');
  return format.format(Math.round(diff / (24 * 60 * MINUTE)), 'day');
}

/** A link as lists show it, without the scheme. */
export const shortUrl = (url: string) => url.replace(/^https:\/\//, '');
