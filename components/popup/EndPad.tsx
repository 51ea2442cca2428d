import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useConfirmFocus } from '../confirm-focus';
import { ask } from '../../lib/messaging/client';
import type { PadRecord } from '../../lib/pads/records';
import { t } from '../../lib/text/i18n';
import { ErrorAlert } from '../ErrorAlert';
import { queryKeys } from '../../utils/query';

/** **End pad** in a pad's row: a confirmation, then CoderPad ends the pad and the row says so. */
export function EndPad({ record }: { record: PadRecord }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const end = useMutation({
    mutationFn: () => ask('endPad', { padId: record.padId }),
    onSuccess: () => setConfirming(false),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.padRecords }),
  });
  // Focus goes to the confirmation, and back to End pad when it is cancelled.
  const { confirm, opener } = useConfirmFocus(confirming, true);
  if (!confirming)
    return (
      <button
        type="button"
        className="link-button"
        ref={opener}
        aria-label={t('endPadFor', { candidate: record.candidateName })}
        onClick={() => setConfirming(true)}
      >
        {t('endPad')}
      </button>
    );
  return (
    <fieldset className="notice small end-pad">
      <legend>{t('endPadQuestion', { candidate: record.candidateName })}</legend>
      <div className="row">
        <button type="button" ref={confirm} disabled={end.isPending} onClick={() => end.mutate()}>
          {end.isPending ? t('endingPad') : t('endPad')}
        </button>
        <button
          type="button"
          className="link-button"
          disabled={end.isPending}
          onClick={() => {
            setConfirming(false);
            end.reset();
          }}
        >
          {t('cancel')}
        </button>
      </div>
      {end.isError && <ErrorAlert error={end.error} onRetry={() => end.mutate()} />}
    </fieldset>
  );
}
