import { useEffect, useState } from 'react';
import { t } from '../lib/text/i18n';

/**
 * A button that copies text to the clipboard and says, in a status beside it, whether it
 * worked (a page without focus or permission may refuse).
 */
export function CopyButton({
  text,
  label,
  className,
  statusClassName,
}: {
  text: string;
  label: string;
  className?: string;
  statusClassName?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className={className} onClick={copy}>
        {label}
      </button>
      <span role="status" className={statusClassName}>
        {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}
      </span>
    </>
  );
}
