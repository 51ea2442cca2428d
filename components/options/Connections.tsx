import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { LeverEnvironment } from '../../lib/services/environments';
import { t, type MessageKey } from '../../lib/text/i18n';
import type { ConnectionStatus } from '../../lib/messaging/protocol';
import { ErrorAlert } from '../ErrorAlert';
import type { ErrorInfo } from '../../lib/services/http/errors';
import { describeError } from '../../lib/text/describe-error';
import { queries, queryKeys } from '../query';
import { ask } from '../../lib/messaging/client';

const ENVIRONMENT_LABELS: Record<LeverEnvironment, MessageKey> = {
  production: 'envProduction',
  eu: 'envEu',
  sandbox: 'envSandbox',
};

function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

interface ServiceConnectionProps {
  heading: string;
  keyLabel: string;
  keyHelp: string;
  connectLabel: string;
  disconnectLabel: string;
  connected: boolean;
  /** The status line shown while connected. */
  connectedText: string;
  /** Tests the key (and saves it when it works). */
  connect(apiKey: string): Promise<unknown>;
  disconnect(): Promise<unknown>;
  /** Fields between the key and the buttons (Lever's environment). */
  fields?: ReactNode;
  /** What follows a working connection (Lever's Act as). */
  children?: ReactNode;
  /** The organisation's policy provides the key: no field, and why the key failed if it did. */
  managedKey?: { error?: ErrorInfo };
}

/**
 * One service's connection: a password field for the key, a button that tests it, and what the
 * test found or why it failed. The key stays in the field until it works; then it is cleared.
 */
function ServiceConnection(props: ServiceConnectionProps) {
  const headingId = useId();
  const keyId = useId();
  const client = useQueryClient();
  const [apiKey, setApiKey] = useState('');
  const connect = useMutation({
    mutationFn: () => props.connect(apiKey),
    onSuccess: async () => {
      setApiKey('');
      await client.invalidateQueries();
    },
  });
  const disconnect = useMutation({ mutationFn: props.disconnect, onSuccess: () => client.invalidateQueries() });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (apiKey.trim()) connect.mutate();
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.heading}</h2>
      {props.managedKey ? (
        <>
          <p className="muted">{t('managedKey')}</p>
          {props.managedKey.error && (
            <p role="alert" className="alert">
              {t('managedKeyFailed', { reason: describeError(props.managedKey.error) })}
            </p>
          )}
          {props.fields}
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={keyId}>{props.keyLabel}</label>
            <input
              id={keyId}
              type="password"
              autoComplete="off"
              spellCheck={false}
              className="wide"
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              placeholder={props.connected ? '••••••••••••' : ''}
              aria-describedby={`${keyId}-hint`}
            />
            <div className="hint" id={`${keyId}-hint`}>
              {props.connected ? `${t('keyStoredMasked')} ` : ''}
              {props.keyHelp} {t('keyKeptLocally')}
            </div>
          </div>
          {props.fields}
          <div className="row">
            <button type="submit" disabled={connect.isPending || !apiKey.trim()} aria-busy={connect.isPending}>
              {connect.isPending && <Spinner />}
              {props.connectLabel}
            </button>
            {props.connected && (
              <button
                type="button"
                className="danger"
                onClick={() => disconnect.mutate()}
                disabled={disconnect.isPending}
              >
                {props.disconnectLabel}
              </button>
            )}
            {connect.isPending && <span className="muted">{t('connecting')}</span>}
          </div>
        </form>
      )}
      {connect.isError && <ErrorAlert error={connect.error} />}
      {disconnect.isError && <ErrorAlert error={disconnect.error} />}
      {props.connected && !connect.isError && (
        <p role="status" className="status-ok">
          {props.connectedText}
        </p>
      )}
      {props.connected && props.children}
    </section>
  );
}

export function LeverConnection({ status }: { status: ConnectionStatus }) {
  const envId = useId();
  const managed = status.managed;
  const [chosen, setEnvironment] = useState<LeverEnvironment>(status.lever?.environment ?? 'production');
  const environment = managed?.environment ?? chosen;
  const lever = status.lever;
  return (
    <ServiceConnection
      heading={t('leverHeading')}
      keyLabel={t('leverKeyLabel')}
      keyHelp={t('leverKeyHelp')}
      connectLabel={t('connectLever')}
      disconnectLabel={t('disconnectLever')}
      connected={!!lever}
      connectedText={
        lever
          ? t('leverConnected', {
              environment: t(ENVIRONMENT_LABELS[lever.environment]),
              stages: lever.stageCount,
              users: lever.userCount,
            })
          : ''
      }
      connect={async (apiKey) => await ask('connectLever', { apiKey, environment })}
      disconnect={async () => await ask('disconnectLever')}
      managedKey={managed?.leverKey ? { error: managed.keyErrors.lever } : undefined}
      fields={
        <div className="field">
          <label htmlFor={envId}>{t('leverEnvironmentLabel')}</label>
          <select
            id={envId}
            value={environment}
            disabled={!!managed?.environment || !!managed?.leverKey}
            aria-describedby={managed?.environment || managed?.leverKey ? `${envId}-managed` : undefined}
            onChange={(e) => setEnvironment(e.target.value as LeverEnvironment)}
          >
            {(Object.keys(ENVIRONMENT_LABELS) as LeverEnvironment[]).map((env) => (
              <option key={env} value={env}>
                {t(ENVIRONMENT_LABELS[env])}
              </option>
            ))}
          </select>
          {(managed?.environment || managed?.leverKey) && (
            <div className="hint" id={`${envId}-managed`}>
              {t('managedEnvironment')}
            </div>
          )}
        </div>
      }
    >
      <ActAs status={status} />
    </ServiceConnection>
  );
}

export function CoderPadConnection({ status }: { status: ConnectionStatus }) {
  const coderpad = status.coderpad;
  return (
    <ServiceConnection
      heading={t('coderpadHeading')}
      keyLabel={t('coderpadKeyLabel')}
      keyHelp={t('coderpadKeyHelp')}
      connectLabel={t('connectCoderPad')}
      disconnectLabel={t('disconnectCoderPad')}
      connected={!!coderpad}
      connectedText={
        coderpad
          ? t('coderpadConnected', {
              organization: coderpad.organizationName ?? t('coderpadNoOrganization'),
              quota: coderpad.unlimited
                ? t('padsUnlimited')
                : coderpad.overages && (coderpad.padsRemaining ?? 1) <= 0
                  ? t('padsOverages')
                  : t('padsRemaining', { count: coderpad.padsRemaining ?? '?' }),
            })
          : ''
      }
      connect={async (apiKey) => await ask('connectCoderPad', { apiKey })}
      disconnect={async () => await ask('disconnectCoderPad')}
      managedKey={status.managed?.coderpadKey ? { error: status.managed.keyErrors.coderpad } : undefined}
    />
  );
}

function ActAs({ status }: { status: ConnectionStatus }) {
  const id = useId();
  const client = useQueryClient();
  const users = useQuery({ queryKey: queryKeys.users, queryFn: queries.users });
  const save = useMutation({
    mutationFn: async (userId: string | null) => await ask('setActAs', { userId }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.status }),
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
