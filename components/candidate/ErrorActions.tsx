import type { MouseEvent, ReactNode } from 'react';
import { describeError } from '../../lib/text/describe-error';
import { fixedInSettings, type ErrorInfo } from '../../lib/services/http/errors';
import { t } from '../../lib/text/i18n';

/**
 * An error the recruiter can act on: what happened (the error in words, or the lines given), then
 * the ways out: Retry when there is one, any other actions, and Open settings when the fix is there.
 */
export function ErrorActions({
  error,
  children,
  onRetry,
  onOpenSettings,
  actions,
}: {
  error: ErrorInfo;
  /** What to say instead of the error's own sentence. */
  children?: ReactNode;
  onRetry?: (event: MouseEvent) => void;
  onOpenSettings: () => void;
  /** Buttons offered beside (or instead of) Retry. */
  actions?: ReactNode;
}) {
  return (
    <div role="alert" className="pb-alert">
      {children ?? <p>{describeError(error)}</p>}
      <div className="pb-row">
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {t('retry')}
          </button>
        )}
        {actions}
        {fixedInSettings(error.kind) && (
          <button type="button" className="pb-secondary" onClick={onOpenSettings}>
            {t('openSettings')}
          </button>
        )}
      </div>
    </div>
  );
}
