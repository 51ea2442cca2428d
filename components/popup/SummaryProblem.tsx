import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ask } from '../../lib/messaging/client';
import type { PadRecord } from '../../lib/pads/records';
import { describeError } from '../../lib/text/describe-error';
import { t } from '../../lib/text/i18n';
import { ErrorAlert } from '../ErrorAlert';
import { queryKeys } from '../../utils/query';

/** A summary that could not be written: why, and a way to try again now. */
export function SummaryProblem({ record }: { record: PadRecord }) {
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: () => ask('retrySummary', { padId: record.padId }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.padRecords }),
  });
  return (
    <div className="notice small summary-problem">
      <p>{t('summaryFailed', { reason: record.summary.error ? describeError(record.summary.error) : '' })}</p>
      <button
        type="button"
        className="link-button"
        onClick={() => retry.mutate()}
        disabled={retry.isPending}
        aria-busy={retry.isPending}
        aria-label={t('retrySummaryFor', { candidate: record.candidateName })}
      >
        {retry.isPending ? t('retryingSummary') : t('retrySummary')}
      </button>
      {retry.isError && <ErrorAlert error={retry.error} />}
    </div>
  );
}
