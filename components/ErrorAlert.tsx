import { describeError } from '../lib/text/describe-error';
import { t } from '../lib/text/i18n';
import { errorInfoOf } from '../lib/messaging/result';

/** An error a user can act on: what happened, in words, and a way to try again when there is one. */
export function ErrorAlert({
  error,
  onRetry,
  prefix,
}: {
  error: unknown;
  onRetry?: () => void;
  prefix?: (text: string) => string;
}) {
  const text = describeError(errorInfoOf(error));
  return (
    <div role="alert" className="alert">
      <span>{prefix ? prefix(text) : text}</span>
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
