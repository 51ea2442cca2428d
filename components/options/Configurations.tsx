import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { type Configuration, MAX_IMPORT_BYTES } from '../../lib/configurations/configuration';
import { downloadJson } from '../../utils/download';
import { t } from '../../lib/text/i18n';
import type { ConnectionStatus } from '../../lib/messaging/protocol';
import { describeError } from '../../lib/text/describe-error';
import { errorInfoOf } from '../../lib/messaging/result';
import { CopyButton } from '../CopyButton';
import { ErrorAlert } from '../ErrorAlert';
import { queries, queryKeys } from '../../utils/query';
import { RefreshCatalogues } from './RefreshCatalogues';
import { PolicyNotices, SkippedNotices } from './notices';
import { ConfigurationForm } from './ConfigurationForm';
import { useOptionsUi } from './ui-state';
import { padTypeLabel } from '../../lib/text/pad-type-label';
import { ask, call } from '../../lib/messaging/client';

function ConfigurationItem({
  configuration,
  stageExists,
  questionExists,
  managed,
  readOnly,
  autoMode,
}: {
  configuration: Configuration;
  stageExists: boolean | undefined;
  questionExists: boolean | undefined;
  /** It comes from the organisation's policy. */
  managed: boolean;
  /** The policy locks configurations, or this one is the policy's. */
  readOnly: boolean;
  /** Auto mode is on for it in this browser. */
  autoMode: boolean;
}) {
  const client = useQueryClient();
  const { open, deleted } = useOptionsUi();
  const remove = useMutation({
    mutationFn: async () => await ask('deleteConfiguration', { id: configuration.id }),
    onSuccess: async (removed) => {
      deleted(removed);
      await client.invalidateQueries({ queryKey: queryKeys.configurations });
    },
  });
  const type = padTypeLabel(configuration.padType);
  return (
    <li className="config" aria-label={configuration.tag}>
      <div className="config-main">
        <strong className="tag">{configuration.tag}</strong>
        {managed && <span className="badge">{t('managedBadge')}</span>}
        {autoMode && <span className="badge badge-auto">{t('autoModeOn')}</span>}
        <span className="muted">{t('configStage', { stage: configuration.stageName })}</span>
        <span className="muted">{t('configType', { type })}</span>
        <span className="muted">
          {t('configQuestion', { question: configuration.questionTitle ?? t('noQuestion') })}
        </span>
      </div>
      {stageExists === false && <p className="notice">{t('stageMissing', { stage: configuration.stageName })}</p>}
      {questionExists === false && (
        <p className="notice">{t('questionMissing', { question: configuration.questionTitle ?? '' })}</p>
      )}
      <div className="row">
        <CopyButton text={configuration.tag} label={t('copyTag')} className="secondary" statusClassName="muted small" />
        <button type="button" className="secondary" onClick={() => open(configuration.id)} disabled={readOnly}>
          {t('edit')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => remove.mutate()}
          disabled={readOnly || remove.isPending}
        >
          {t('delete')}
        </button>
      </div>
      {remove.isError && <ErrorAlert error={remove.error} />}
    </li>
  );
}

function ImportExport({ locked }: { locked: boolean }) {
  const client = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const exportFile = async () => {
    const result = await call('exportConfigurations');
    if (!result.ok) {
      setMessage({ ok: false, text: describeError(result.error) });
      return;
    }
    downloadJson(result.value, `padbridge-configurations-${new Date().toISOString().slice(0, 10)}.json`);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setMessage({ ok: false, text: t('importRefused', { detail: t('importTooLarge') }) });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setMessage({ ok: false, text: t('importRefused', { detail: t('importNotJson') }) });
      return;
    }
    const result = await call('importConfigurations', { file: parsed });
    if (result.ok) {
      setMessage({ ok: true, text: t('importDone', result.value) });
      await client.invalidateQueries({ queryKey: queryKeys.configurations });
    } else {
      setMessage({
        ok: false,
        text: t('importRefused', { detail: result.error.detail ?? describeError(result.error) }),
      });
    }
  };

  return (
    <div className="row" style={{ marginTop: 12 }}>
      <button type="button" className="secondary" onClick={exportFile}>
        {t('exportConfigurations')}
      </button>
      <button type="button" className="secondary" onClick={() => fileInput.current?.click()} disabled={locked}>
        {t('importConfigurations')}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label={t('importConfigurations')}
        onChange={importFile}
      />
      {message &&
        (message.ok ? (
          <p role="status" className="status-ok">
            {message.text}
          </p>
        ) : (
          <p role="alert" className="alert">
            {message.text}
          </p>
        ))}
    </div>
  );
}

function UndoDelete() {
  const client = useQueryClient();
  const { lastDeleted, deleted } = useOptionsUi();
  const restore = useMutation({
    mutationFn: async (configuration: Configuration) => await ask('restoreConfiguration', { configuration }),
    onSuccess: async () => {
      deleted(null);
      await client.invalidateQueries({ queryKey: queryKeys.configurations });
    },
  });
  if (!lastDeleted) return null;
  return (
    <div role="status" className="notice row">
      <span>{t('deleted', { tag: lastDeleted.tag })}</span>
      <button type="button" className="secondary" onClick={() => restore.mutate(lastDeleted)}>
        {t('undo')}
      </button>
      {restore.isError && <span>{describeError(errorInfoOf(restore.error))}</span>}
    </div>
  );
}

export function Configurations({ status }: { status: ConnectionStatus }) {
  const headingId = useId();
  const connected = !!status.lever && !!status.coderpad;
  const { editing, open, close } = useOptionsUi();
  const configurations = useQuery({ queryKey: queryKeys.configurations, queryFn: queries.configurations });
  const autoModes = useQuery({ queryKey: queryKeys.autoMode, queryFn: queries.autoMode });
  const stages = useQuery({ queryKey: queryKeys.stages, queryFn: queries.stages, enabled: !!status.lever });
  const questions = useQuery({ queryKey: queryKeys.questions, queryFn: queries.questions, enabled: !!status.coderpad });
  const list = configurations.data ?? [];
  const editingConfig = editing && editing !== 'new' ? list.find((c) => c.id === editing) : undefined;
  const catalogueReady = stages.isSuccess && questions.isSuccess;
  const managed = status.managed;
  const locked = managed?.locked ?? false;
  const managedIds = new Set(managed?.configurationIds ?? []);

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('configurationsHeading')}</h2>
      <p className="muted">{t('configurationsIntro')}</p>
      <p className="notice">{t('doublePadWarning')}</p>
      {managed && <PolicyNotices managed={managed} />}
      {!connected && <p className="muted">{t('connectFirst')}</p>}
      <RefreshCatalogues lever={!!status.lever} coderpad={!!status.coderpad} />

      {stages.isError && (
        <ErrorAlert
          error={stages.error}
          onRetry={() => stages.refetch()}
          prefix={(reason) => t('loadFailed', { what: t('whatStages'), reason })}
        />
      )}
      {questions.isError && (
        <ErrorAlert
          error={questions.error}
          onRetry={() => questions.refetch()}
          prefix={(reason) => t('loadFailed', { what: t('whatQuestions'), reason })}
        />
      )}
      {stages.isSuccess && stages.data.length === 0 && <p className="notice">{t('noStages')}</p>}
      <SkippedNotices
        readAt={[stages.dataUpdatedAt, questions.dataUpdatedAt]}
        enabled={stages.isSuccess || questions.isSuccess}
      />

      <UndoDelete />

      {configurations.isPending && <p className="muted">{t('loading')}</p>}
      {configurations.isError && <ErrorAlert error={configurations.error} onRetry={() => configurations.refetch()} />}
      {configurations.isSuccess && list.length === 0 && !editing && <p className="empty">{t('noConfigurations')}</p>}
      {list.length > 0 && (
        <ul className="configs" aria-label={t('configurationsHeading')}>
          {list.map((configuration) =>
            editing === configuration.id && catalogueReady ? (
              <li key={configuration.id} className="config">
                <ConfigurationForm
                  configuration={configuration}
                  existing={list}
                  stages={stages.data}
                  questions={questions.data}
                  onDone={close}
                />
              </li>
            ) : (
              <ConfigurationItem
                key={configuration.id}
                configuration={configuration}
                managed={managedIds.has(configuration.id)}
                readOnly={locked || managedIds.has(configuration.id)}
                autoMode={!!autoModes.data?.modes[configuration.id]}
                stageExists={stages.data ? stages.data.some((s) => s.id === configuration.stageId) : undefined}
                questionExists={
                  configuration.questionId === null || !questions.data
                    ? undefined
                    : questions.data.some((q) => q.id === configuration.questionId)
                }
              />
            ),
          )}
        </ul>
      )}

      {editing === 'new' && catalogueReady ? (
        <ConfigurationForm existing={list} stages={stages.data} questions={questions.data} onDone={close} />
      ) : (
        <div className="row">
          <button
            type="button"
            onClick={() => open('new')}
            disabled={locked || !connected || !catalogueReady}
            aria-busy={connected && !catalogueReady && !stages.isError && !questions.isError}
          >
            {t('addConfiguration')}
          </button>
          {connected && (stages.isPending || questions.isPending) && <span className="muted">{t('loading')}</span>}
        </div>
      )}
      {editingConfig === undefined && editing && editing !== 'new' && !catalogueReady && (
        <p className="muted">{t('loading')}</p>
      )}
      <ImportExport locked={locked} />
    </section>
  );
}
