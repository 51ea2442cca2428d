import { useQuery } from '@tanstack/react-query';
import { shortcutKeys } from '../../lib/messaging/shortcut';
import { t } from '../../lib/text/i18n';

/** The keyboard shortcut that opens the widget, as the browser reports it (changeable there). */
export function ShortcutHint() {
  const keys = useQuery({ queryKey: ['shortcut'], queryFn: shortcutKeys, staleTime: 0 });
  if (!keys.isSuccess) return null;
  return (
    <p className="muted small" role="note">
      {keys.data ? t('shortcutIs', { keys: keys.data }) : t('shortcutNone')}
    </p>
  );
}
