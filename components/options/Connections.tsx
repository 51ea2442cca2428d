import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { LeverEnvironment } from '../../lib/environments';
import { t, type MessageKey } from '../../lib/i18n';
import { sendMessage, type ConnectionStatus } from '../../lib/messaging';
import { unwrap } from '../../lib/result';
import { ErrorAlert } from '../ErrorAlert';
import { ask, keys } from '../query';

const ENVIRONMENT_LABELS: Record<LeverEnvironment, MessageKey> = {
  production: 'envProduction',
  eu: 'envEu',
  sandbox: 'envSandbox',
};

function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

export function LeverConnection({ status }: { status: ConnectionStatus }) {
  const headingId = useId();
  const keyId = useId();
  const envId = useId();
  const client = useQueryClient();
  const [apiKey, setApiKey] = useState('');
  const [environment, setEnvironment] = useState<LeverEnvironment>(status.lever?.environment ?? 'production');
  const connect = useMutation({
    mutationFn: async () => unwrap(await sendMessage('connectLever', { apiKey, environment })),
    onSuccess: async () => {
      setApiKey('');
      await client.invalidateQueries();
    },
  });
  const disconnect = useMutation({
    mutationFn: async () => unwrap(await sendMessage('disconnectLever')),
    onSuccess: () => client.invalidateQueries(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (apiKey.trim()) connect.mutate();
  };
  const lever = status.lever;

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('leverHeading')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={keyId}>{t('leverKeyLabel')}</label>
          <input
            id={keyId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            className="wide"
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            placeholder={lever ? '••••••••••••' : ''}
            aria-describedby={`${keyId}-hint`}
          />
          <div className="hint" id={`${keyId}-hint`}>
            {lever ? `${t('keyStoredMasked')} ` : ''}
            {t('leverKeyHelp')} {t('keyKeptLocally')}
          </div>
        </div>
        <div className="field">
          <label htmlFor={envId}>{t('leverEnvironmentLabel')}</label>
          <select id={envId} value={environment} onChange={(e) => setEnvironment(e.target.value as LeverEnvironment)}>
            {(Object.keys(ENVIRONMENT_LABELS) as LeverEnvironment[]).map((env) => (
              <option key={env} value={env}>
                {t(ENVIRONMENT_LABELS[env])}
              </option>
            ))}
          </select>
        </div>
        <div className="row">
          <button type="submit" disabled={connect.isPending || !apiKey.trim()} aria-busy={connect.isPending}>
            {connect.isPending && <Spinner />}
            {t('connectLever')}
          </button>
          {lever && (
            <button
              type="button"
              className="danger"
              onClick={() => disconnect.mutate()}
              disabled={disconnect.isPending}
            >
              {t('disconnectLever')}
            </button>
          )}
          {connect.isPending && <span className="muted">{t('connecting')}</span>}
        </div>
      </form>
      {connect.isError && <ErrorAlert error={connect.error} />}
      {lever && !connect.isError && (
        <p role="status" className="status-ok">
          {t('leverConnected', {
            environment: t(ENVIRONMENT_LABELS[lever.environment]),
            stages: lever.stageCount,
            users: lever.userCount,
          })}
        </p>
      )}
      {lever && <ActAs status={status} />}
    </section>
  );
}

function ActAs({ status }: { status: ConnectionStatus }) {
  const id = useId();
  const client = useQueryClient();
  const users = useQuery({ queryKey: keys.users, queryFn: ask.users });
  const save = useMutation({
    mutationFn: async (userId: string | null) => unwrap(await sendMessage('setActAs', { userId })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.status }),
  });
  return (
    <div className="field" style={{ marginTop: 16 }}>
      <label htmlFor={id}>{t('actAsLabel')}</label>
      <div className="row">
        <select
          id={id}
          value={status.actAs?.userId ?? ''}
          disabled={users.isPending || save.isPending}
          onChange={(e) => save.mutate(e.target.value || null)}
          aria-describedby={`${id}-hint`}
        >
          <option value="">{t('actAsNobody')}</option>
          {/* The saved choice shows at once, before Lever's user list arrives. */}
          {status.actAs && !users.data?.some((user) => user.id === status.actAs?.userId) && (
            <option value={status.actAs.userId}>{status.actAs.name}</option>
          )}
          {users.data?.map((user) => (
            <option key={user.id} value={user.id}>
              {user.email ? `${user.name} <${user.email}>` : user.name}
            </option>
          ))}
        </select>
        {users.isPending && <span className="muted">{t('loading')}</span>}
        {save.isSuccess && (
          <span className="muted" role="status">
            {t('actAsSaved')}
          </span>
        )}
      </div>
      <div className="hint" id={`${id}-hint`}>
        {t('actAsHelp')}
      </div>
      {users.isError && (
        <ErrorAlert
          error={users.error}
          onRetry={() => users.refetch()}
          prefix={(reason) => t('loadFailed', { what: t('whatUsers'), reason })}
        />
      )}
      {save.isError && <ErrorAlert error={save.error} />}
    </div>
  );
}

export function CoderPadConnection({ status }: { status: ConnectionStatus }) {
  const headingId = useId();
  const keyId = useId();
  const client = useQueryClient();
  const [apiKey, setApiKey] = useState('');
  const connect = useMutation({
    mutationFn: async () => unwrap(await sendMessage('connectCoderPad', { apiKey })),
    onSuccess: async () => {
      setApiKey('');
      await client.invalidateQueries();
    },
  });
  const disconnect = useMutation({
    mutationFn: async () => unwrap(await sendMessage('disconnectCoderPad')),
    onSuccess: () => client.invalidateQueries(),
  });
  const coderpad = status.coderpad;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (apiKey.trim()) connect.mutate();
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('coderpadHeading')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={keyId}>{t('coderpadKeyLabel')}</label>
          <input
            id={keyId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            className="wide"
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            placeholder={coderpad ? '••••••••••••' : ''}
            aria-describedby={`${keyId}-hint`}
          />
          <div className="hint" id={`${keyId}-hint`}>
            {coderpad ? `${t('keyStoredMasked')} ` : ''}
            {t('coderpadKeyHelp')} {t('keyKeptLocally')}
          </div>
        </div>
        <div className="row">
          <button type="submit" disabled={connect.isPending || !apiKey.trim()} aria-busy={connect.isPending}>
            {connect.isPending && <Spinner />}
            {t('connectCoderPad')}
          </button>
          {coderpad && (
            <button
              type="button"
              className="danger"
              onClick={() => disconnect.mutate()}
              disabled={disconnect.isPending}
            >
              {t('disconnectCoderPad')}
            </button>
          )}
          {connect.isPending && <span className="muted">{t('connecting')}</span>}
        </div>
      </form>
      {connect.isError && <ErrorAlert error={connect.error} />}
      {coderpad && !connect.isError && (
        <p role="status" className="status-ok">
          {t('coderpadConnected', {
            organization: coderpad.organizationName ?? t('coderpadNoOrganization'),
            quota: coderpad.unlimited
              ? t('padsUnlimited')
              : t('padsRemaining', { count: coderpad.padsRemaining ?? '?' }),
          })}
        </p>
      )}
    </section>
  );
}
