import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../lib/text/i18n';
import { downloadJson } from '../../utils/download';
import { ErrorAlert } from '../ErrorAlert';
import { queryKeys } from '../../utils/query';
import { ask } from '../../lib/messaging/client';

/**
 * Stored data that could not be read: said plainly, with the raw data to export. Nothing is
 * removed until the admin asks, after exporting.
 */
export function StoredDataAlert() {
  const client = useQueryClient();
  const [removed, setRemoved] = useState<number | null>(null);
  const health = useQuery({
    queryKey: ['storedDataHealth'],
    queryFn: async () => await ask('storedDataHealth'),
    staleTime: 0,
  });
  const exportRaw = useMutation({
    mutationFn: async () => await ask('exportRawData'),
    onSuccess: (raw) => downloadJson(raw, `padbridge-raw-data-${raw.exportedAt.slice(0, 10)}.json`),
  });
  const removeUnreadable = useMutation({
    mutationFn: async () => await ask('removeUnreadableConfigurations'),
    onSuccess: async (count) => {
      setRemoved(count);
      await client.invalidateQueries({ queryKey: ['storedDataHealth'] });
      await client.invalidateQueries({ queryKey: queryKeys.configurations });
    },
  });
  if (removed !== null && !health.data?.configurations.length) {
    return (
      <p role="status" className="status-ok">
        {t('removedUnreadable', { count: removed })}
      </p>
    );
  }
  if (!health.data) return null;
  const { configurations, setAside } = health.data;
  const what = [
    configurations.length ? t('storedConfigurationsUnreadable', { count: configurations.length }) : '',
    setAside.records || setAside.jobs ? t('storedRowsSetAside', setAside) : '',
  ].filter(Boolean);
  if (what.length === 0) return null;
  return (
    <div role="alert" className="alert stored-data">
      <p>{t('storedDataProblem', { what: what.join('; ') })}</p>
      {configurations.length > 0 && (
        <ul className="small">
          {configurations.slice(0, 5).map((problem) => (
            <li key={problem.index}>
              #{problem.index + 1}: {problem.reason}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={() => exportRaw.mutate()} disabled={exportRaw.isPending}>
          {t('exportRawData')}
        </button>
        {configurations.length > 0 && (
          <button
            type="button"
            className="danger"
            onClick={() => removeUnreadable.mutate()}
            disabled={!exportRaw.isSuccess || removeUnreadable.isPending}
          >
            {t('removeUnreadable')}
          </button>
        )}
      </div>
      {exportRaw.isError && <ErrorAlert error={exportRaw.error} />}
      {removeUnreadable.isError && <ErrorAlert error={removeUnreadable.error} />}
    </div>
  );
}
