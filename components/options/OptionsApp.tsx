import { useQuery } from '@tanstack/react-query';
import { t } from '../../lib/text/i18n';
import { ErrorAlert } from '../ErrorAlert';
import { queries, queryKeys } from '../../utils/query';
import { Activity } from './Activity';
import { Configurations } from './Configurations';
import { GetStarted } from './GetStarted';
import { NotesLanguage } from './NotesLanguage';
import { CoderPadConnection, LeverConnection } from './Connections';
import { StoredDataAlert } from './StoredDataAlert';
import { ShortcutHint } from './ShortcutHint';
import { YourData } from './YourData';

export function OptionsApp() {
  const status = useQuery({ queryKey: queryKeys.status, queryFn: queries.status, staleTime: 0 });
  const configurations = useQuery({ queryKey: queryKeys.configurations, queryFn: queries.configurations });
  return (
    <main className="options">
      <header className="page-header">
        <img src="/icon/48.png" alt="" width={40} height={40} />
        <div>
          <h1>{t('optionsTitle')}</h1>
          <p className="muted">{t('optionsIntro')}</p>
          <ShortcutHint />
        </div>
      </header>
      {status.isPending && <p className="muted">{t('loading')}</p>}
      {status.isError && <ErrorAlert error={status.error} onRetry={() => status.refetch()} />}
      <StoredDataAlert />
      {status.data && (
        <>
          {configurations.isSuccess && <GetStarted status={status.data} configurations={configurations.data.length} />}
          <div className="connections">
            <LeverConnection status={status.data} />
            <CoderPadConnection status={status.data} />
          </div>
          <Configurations status={status.data} />
          <NotesLanguage />
          <Activity />
          <YourData />
        </>
      )}
    </main>
  );
}
