import { useEffect, useRef } from 'react';

/**
 * Focus for an inline confirmation: on its confirm button while it asks, and back on the button
 * that opened it when it is cancelled. `asking`: the question is on screen; `returned`: the opener
 * is back (not, say, replaced by the outcome).
 */
export function useConfirmFocus(asking: boolean, returned: boolean) {
  const confirm = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (returned && asked.current) opener.current?.focus();
    asked.current = asking;
  }, [asking, returned]);
  return { confirm, opener };
}
