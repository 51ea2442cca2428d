import { useId } from 'react';
import { t } from '../../lib/text/i18n';

/** The popup's searchbox **Search pads**, in both tabs. */
export function SearchField({ value, onChange }: { value: string; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="visually-hidden">
        {t('searchPadsLabel')}
      </label>
      <input
        id={id}
        type="search"
        placeholder={t('searchPads')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
