import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { LeverEnvironment } from '../../lib/services/environments';
import { t, type MessageKey } from '../../lib/text/i18n';
import type { ConnectionStatus } from '../../lib/messaging/protocol';
import { ErrorAlert } from '../ErrorAlert';
import { describeError } from '../../lib/text/describe-error';
import { queries, queryKeys } from '../../utils/query';
import { ask } from '../../lib/messaging/client';

const ENVIRONMENT_LABELS: Record<LeverEnvironment, MessageKey> = {
  production: 'envProduction',
  eu: 'envEu',
  sandbox: 'envSandbox',
};

function Spinner() {
  return <span className="pb-spinner" aria-hidden="true" />;
}

/** How each service is disconnected. */
const DISCONNECT = { lever: 'disconnectLever', coderpad: 'disconnectCoderPad' } as const;

/** Each service's words in its connection section. */
const SERVICE_WORDS = {
  lever: {
    heading: 'leverHeading',
    keyLabel: 'leverKeyLabel',
    keyHelp: 'leverKeyHelp',
    connectLabel: 'connectLever',
    disconnectLabel: 'disconnectLever',
  },
  coderpad: {
    heading: 'coderpadHeading',
    keyLabel: 'coderpadKeyLabel',
    keyHelp: 'coderpadKeyHelp',
    connectLabel: 'connectCoderPad',
    disconnectLabel: 'disconnectCoderPad',
  },
} satisfies Record<string, Record<string, MessageKey>>;

interface ServiceConnectionProps {
  service: keyof typeof SERVICE_WORDS;
  /** What pages know of both connections: this service's, and whether the policy holds its key. */
  status: ConnectionStatus;
  /** The status line shown while connected. */
  connectedText: string;
  /** Tests the key (and saves it when it works). */
  connect(apiKey: string): Promise<unknown>;
  /** Fields between the key and the buttons (Lever's environment). */
  fields?: ReactNode;
  /** What follows a working connection (Lever's Act as). */
  children?: ReactNode;
}

/**
 * One service's connection: a password field for the key, a button that tests it, and what the
 * test found or why it failed. The key stays in the field until it works; then it is cleared.
 */
function ServiceConnection(props: ServiceConnectionProps) {
  const words = SERVICE_WORDS[props.service];
  const connected = !!props.status[props.service];
  // The organisation's policy provides the key: no field, and why the key failed if it did.
  const managed = props.status.managed;
  const managedKey = managed?.[`${props.service}Key`] ? { error: managed.keyErrors[props.service] } : undefined;
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
  const disconnect = useMutation({
    mutationFn: () => ask(DISCONNECT[props.service]),
    onSuccess: () => client.invalidateQueries(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (apiKey.trim()) connect.mutate();
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(words.heading)}</h2>
      {managedKey ? (
        <>
          <p className="muted">{t('managedKey')}</p>
          {managedKey.error && (
            <p role="alert" className="alert">
              {t('managedKeyFailed', { reason: describeError(managedKey.error) })}
            </p>
          )}
          {props.fields}
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={keyId}>{t(words.keyLabel)}</label>
            <input
              id={keyId}
              type="password"
              autoComplete="off"
              spellCheck={false}
              className="wide"
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              placeholder={connected ? '••••••••••••' : ''}
              aria-describedby={`${keyId}-hint`}
            />
            <div className="hint" id={`${keyId}-hint`}>
              {connected ? `${t('keyStoredMasked')} ` : ''}
              {t(words.keyHelp)} {t('keyKeptLocally')}
            </div>
          </div>
          {props.fields}
          <div className="row">
            <button type="submit" disabled={connect.isPending || !apiKey.trim()} aria-busy={connect.isPending}>
              {connect.isPending && <Spinner />}
              {t(words.connectLabel)}
            </button>
            {connected && (
              <button
                type="button"
                className="danger"
                onClick={() => disconnect.mutate()}
                disabled={disconnect.isPending}
              >
                {t(words.disconnectLabel)}
              </button>
            )}
            {connect.isPending && <span className="muted">{t('connecting')}</span>}
          </div>
        </form>
      )}
      {connect.isError && <ErrorAlert error={connect.error} />}
      {disconnect.isError && <ErrorAlert error={disconnect.error} />}
      {connected && !connect.isError && (
        <p role="status" className="status-ok">
          {props.connectedText}
        </p>
      )}
      {connected && props.children}
    </section>
  );
}

/** What a working Lever connection found: the environment, its stages and users. */
function leverConnectedText(lever: ConnectionStatus['lever']): string {
  if (!lever) return '';
  return t('leverConnected', {
    environment: t(ENVIRONMENT_LABELS[lever.environment]),
    stages: lever.stageCount,
    users: lever.userCount,
  });
}

/** What a working CoderPad connection found: the organisation and the pads left. */
function coderpadConnectedText(coderpad: ConnectionStatus['coderpad']): string {
  if (!coderpad) return '';
  const quota = coderpad.unlimited
    ? t('padsUnlimited')
    : coderpad.overages && (coderpad.padsRemaining ?? 1) <= 0
      ? t('padsOverages')
      : t('padsRemaining', { count: coderpad.padsRemaining ?? '?' });
  return t('coderpadConnected', { organization: coderpad.organizationName ?? t('coderpadNoOrganization'), quota });
}

export function LeverConnection({ status }: { status: ConnectionStatus }) {
  const envId = useId();
  const managed = status.managed;
  const [chosen, setEnvironment] = useState<LeverEnvironment>(status.lever?.environment ?? 'production');
  const environment = managed?.environment ?? chosen;
  return (
    <ServiceConnection
      service="lever"
      status={status}
      connectedText={leverConnectedText(status.lever)}
      connect={async (apiKey) => await ask('connectLever', { apiKey, environment })}
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
  return (
    <ServiceConnection
      service="coderpad"
      status={status}
      connectedText={coderpadConnectedText(status.coderpad)}
      connect={async (apiKey) => await ask('connectCoderPad', { apiKey })}
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
