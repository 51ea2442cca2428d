import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { ask } from '../../lib/messaging/client';
import type { PadExportRow } from '../../lib/pads/export';
import { toCsv } from '../../lib/text/csv';
import { t, type MessageKey } from '../../lib/text/i18n';
import { downloadText } from '../../utils/download';
import { ErrorAlert } from '../ErrorAlert';

const HEADER: MessageKey[] = [
  'csvCandidate',
  'csvApplication',
  'csvCandidateUrl',
  'csvTag',
  'csvStage',
  'csvPad',
  'csvCreated',
  'csvStatus',
  'csvSummary',
];

/** This browser's pad records as CSV, a header row in the UI's language (formula-like cells neutralised). */
export function padsCsv(rows: PadExportRow[]): string {
  return toCsv([
    HEADER.map((key) => t(key)),
    ...rows.map((r) => [
      r.candidateName,
      r.applicationId,
      r.candidateUrl,
      r.tag,
      r.stageName,
      r.padUrl,
      new Date(r.createdAt).toISOString(),
      r.status,
      r.summaryState,
    ]),
  ]);
}

/** Your data: take this browser's pads out as CSV, or erase everything PadBridge keeps here. */
export function YourData() {
  const headingId = useId();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const exportPads = useMutation({
    mutationFn: () => ask('exportPads'),
    onSuccess: (rows) => {
      const day = new Date().toISOString().slice(0, 10);
      downloadText(padsCsv(rows), `padbridge-pads-${day}.csv`, 'text/csv');
    },
  });
  const erase = useMutation({
    mutationFn: () => ask('deleteAllData'),
    onSuccess: async () => {
      setConfirming(false);
      setDeleted(true);
      // Everything the page shows is read again: the forms as on a first run.
      await client.invalidateQueries();
    },
  });
  const close = () => {
    setConfirming(false);
    erase.reset();
    deleteButton.current?.focus();
  };
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('yourDataTitle')}</h2>
      <p className="muted">{t('yourDataIntro')}</p>
      <div className="row">
        <button type="button" className="secondary" disabled={exportPads.isPending} onClick={() => exportPads.mutate()}>
          {exportPads.isPending ? t('exportingPads') : t('exportPads')}
        </button>
        <button
          type="button"
          className="danger"
          ref={deleteButton}
          onClick={() => {
            setDeleted(false);
            setConfirming(true);
          }}
        >
          {t('deleteData')}
        </button>
      </div>
      {exportPads.isError && <ErrorAlert error={exportPads.error} onRetry={() => exportPads.mutate()} />}
      {exportPads.isSuccess && (
        <p role="status" className="muted small">
          {t('padsExported', { count: String(exportPads.data.length) })}
        </p>
      )}
      {deleted && (
        <p role="status" className="notice">
          {t('dataDeleted')}
        </p>
      )}
      {confirming && (
        <DeleteDialog onCancel={close} onDelete={() => erase.mutate()} pending={erase.isPending} error={erase.error} />
      )}
    </section>
  );
}

function DeleteDialog({
  onCancel,
  onDelete,
  pending,
  error,
}: {
  onCancel(): void;
  onDelete(): void;
  pending: boolean;
  error: Error | null;
}) {
  const titleId = useId();
  const textId = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const counts = useQuery({ queryKey: ['storedCounts'], queryFn: () => ask('storedCounts'), staleTime: 0 });
  // Focus starts on the harmless choice.
  useEffect(() => cancel.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !pending) onCancel();
  };
  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        className="dialog card"
        onKeyDown={onKeyDown}
      >
        <h3 id={titleId}>{t('deleteDataTitle')}</h3>
        <div id={textId}>
          <p>{t('deleteDataGoes')}</p>
          <ul>
            <li>{t('deleteDataKeys')}</li>
            <li>{t('deleteDataConfigurations')}</li>
            <li>
              {counts.data
                ? t('deleteDataRecordsCount', { count: String(counts.data.records) })
                : t('deleteDataRecords')}
            </li>
            <li>{counts.data ? t('deleteDataJobsCount', { count: String(counts.data.jobs) }) : t('deleteDataJobs')}</li>
            <li>{t('deleteDataAuto')}</li>
            <li>{t('deleteDataCaches')}</li>
          </ul>
          <p>{t('deleteDataStays')}</p>
        </div>
        {error && <ErrorAlert error={error} onRetry={onDelete} />}
        <div className="row">
          <button type="button" className="danger" disabled={pending} onClick={onDelete}>
            {pending ? t('deletingData') : t('deleteDataConfirm')}
          </button>
          <button type="button" className="secondary" ref={cancel} disabled={pending} onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
