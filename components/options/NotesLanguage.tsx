import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { ask } from '../../lib/messaging/client';
import { noteLanguageSchema } from '../../lib/text/note-language';
import { t } from '../../lib/text/i18n';
import { ErrorAlert } from '../ErrorAlert';

const KEY = ['noteLanguage'] as const;

/** The language of the notes PadBridge writes into Lever, apart from the UI's (a policy may fix it). */
export function NotesLanguage() {
  const headingId = useId();
  const selectId = useId();
  const hintId = useId();
  const client = useQueryClient();
  const current = useQuery({ queryKey: KEY, queryFn: () => ask('getNoteLanguage') });
  const change = useMutation({
    mutationFn: (language: string) => ask('setNoteLanguage', { language: noteLanguageSchema.parse(language) }),
    onSuccess: (status) => client.setQueryData(KEY, status),
  });
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('notesInLever')}</h2>
      {current.isPending && <p className="muted">{t('loading')}</p>}
      {current.isError && <ErrorAlert error={current.error} onRetry={() => current.refetch()} />}
      {current.data && (
        <div className="field">
          <label htmlFor={selectId}>{t('noteLanguageLabel')}</label>
          <select
            id={selectId}
            aria-describedby={hintId}
            value={change.isPending ? change.variables : current.data.language}
            disabled={current.data.fromPolicy || change.isPending}
            onChange={(event) => change.mutate(event.target.value)}
          >
            <option value="en">{t('languageEnglish')}</option>
            <option value="fr">{t('languageFrench')}</option>
          </select>
          <div className="hint" id={hintId}>
            {current.data.fromPolicy ? t('noteLanguageManaged') : t('noteLanguageHint')}
          </div>
        </div>
      )}
      {change.isSuccess && (
        <p role="status" className="muted small">
          {t('saved')}
        </p>
      )}
      {change.isError && <ErrorAlert error={change.error} />}
    </section>
  );
}
