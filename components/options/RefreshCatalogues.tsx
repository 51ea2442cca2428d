import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ask } from '../../lib/messaging/client';
import { t } from '../../lib/text/i18n';
import { ErrorAlert } from '../ErrorAlert';
import { queryKeys } from '../../utils/query';

/**
 * Reads Lever's stages and users and CoderPad's questions anew (the page otherwise shows what was
 * read in the last ten minutes): for a stage or question added a moment ago.
 */
export function RefreshCatalogues({ lever, coderpad }: { lever: boolean; coderpad: boolean }) {
  const client = useQueryClient();
  const refresh = useMutation({
    mutationFn: async () => {
      const fresh = { fresh: true };
      const [stages, users, questions] = await Promise.all([
        lever ? ask('listStages', fresh) : undefined,
        lever ? ask('listUsers', fresh) : undefined,
        coderpad ? ask('listQuestions', fresh) : undefined,
      ]);
      if (stages) client.setQueryData(queryKeys.stages, stages);
      if (users) client.setQueryData(queryKeys.users, users);
      if (questions) client.setQueryData(queryKeys.questions, questions);
    },
  });
  if (!lever && !coderpad) return null;
  return (
    <div className="row">
      <button type="button" className="secondary" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
        {refresh.isPending ? t('refreshingLists') : t('refreshLists')}
      </button>
      <span role="status" className="muted small">
        {refresh.isSuccess && !refresh.isPending ? t('listsRefreshed') : ''}
      </span>
      {refresh.isError && <ErrorAlert error={refresh.error} onRetry={() => refresh.mutate()} />}
    </div>
  );
}
